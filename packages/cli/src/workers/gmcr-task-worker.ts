import {
  type ConflictGraph,
  fromPortableGraph,
  type PortableGraph,
  type Semantics,
  type StabilityTask,
  stabilityFor,
} from '@entente/core';

/** One stability task for a worker thread: the (shared-memory) graph, a DM and a concept. */
export interface GmcrWorkerTask extends StabilityTask {
  graph: PortableGraph;
  semantics: Semantics;
}

// The rebuilt graph (its decimal index) is kept between tasks on the same graph.
let cached: { id: string; graph: ConflictGraph } | null = null;

/** Piscina worker: the stability flags of one DM under one concept (pure core code). */
export default function run(task: GmcrWorkerTask): Uint8Array {
  if (cached?.id !== task.graph.id) cached = { id: task.graph.id, graph: fromPortableGraph(task.graph) };
  return stabilityFor(cached.graph, task.dm, task.concept, task.semantics);
}

import {
  type ConflictGraph,
  fromPortableGraph,
  type PortableGraph,
  type Semantics,
  type StabilityTask,
  stabilityFor,
} from '@entente/core';

/**
 * A batch of stability tasks shared with the main thread: whoever is free claims the next task
 * from `counters[0]` (atomically) and writes its flags into `results[j]`; `counters[1]` counts the
 * tasks finished. All arrays live in shared memory, so no message is needed per task.
 */
export interface GmcrWorkerJob {
  graph: PortableGraph;
  tasks: StabilityTask[];
  semantics: Semantics;
  counters: Int32Array;
  results: Uint8Array[];
}

// The rebuilt graph (its decimal index) is kept between jobs on the same graph.
let cached: { id: string; graph: ConflictGraph } | null = null;

/** Claims and runs tasks of a shared batch until none is left; returns how many it ran. */
export function drainJob(job: Omit<GmcrWorkerJob, 'graph'>, graph: ConflictGraph): number {
  let ran = 0;
  for (;;) {
    const j = Atomics.add(job.counters, 0, 1);
    if (j >= job.tasks.length) return ran;
    const task = job.tasks[j]!;
    job.results[j]!.set(stabilityFor(graph, task.dm, task.concept, job.semantics));
    Atomics.add(job.counters, 1, 1);
    ran++;
  }
}

/** Piscina worker: takes part in a batch of stability tasks (pure core code). */
export default function run(job: GmcrWorkerJob): number {
  if (cached?.id !== job.graph.id) cached = { id: job.graph.id, graph: fromPortableGraph(job.graph) };
  return drainJob(job, cached.graph);
}

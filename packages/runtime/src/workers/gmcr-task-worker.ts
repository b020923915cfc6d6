import { parentPort, workerData } from 'node:worker_threads';
import {
  type ConflictGraph,
  fromPortableGraph,
  type PortableGraph,
  type Semantics,
  type StabilityTask,
  stabilityFor,
} from '@entente/core';

/**
 * A batch of stability tasks shared by the main thread and the workers: whoever is free claims
 * the next task from `counters[0]` (atomically) and writes its flags into `results[j]`;
 * `counters[1]` counts the tasks finished and `counters[2]` those finished on workers. All arrays
 * live in shared memory, so no message is needed per task.
 */
export interface GmcrWorkerJob {
  graph: PortableGraph;
  tasks: StabilityTask[];
  semantics: Semantics;
  counters: Int32Array;
  results: Uint8Array[];
}

/** Claims and runs tasks of a shared batch until none is left; returns how many it ran. */
export function drainJob(job: Omit<GmcrWorkerJob, 'graph'>, graph: ConflictGraph, onWorker = false): number {
  let ran = 0;
  for (;;) {
    const j = Atomics.add(job.counters, 0, 1);
    if (j >= job.tasks.length) return ran;
    const task = job.tasks[j]!;
    job.results[j]!.set(stabilityFor(graph, task.dm, task.concept, job.semantics));
    if (onWorker) Atomics.add(job.counters, 2, 1);
    Atomics.add(job.counters, 1, 1);
    ran++;
  }
}

// Started as a worker thread with a job: take part in it at once. The job comes with the thread
// (workerData), so the main thread need not be free to hand it over.
const job = (workerData as { gmcrJob?: GmcrWorkerJob } | null)?.gmcrJob;
if (job) parentPort?.postMessage(drainJob(job, fromPortableGraph(job.graph), true));

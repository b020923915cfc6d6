import { parentPort, workerData } from 'node:worker_threads';
import {
  type ConflictGraph,
  fromPortableGraph,
  type PortableGraph,
  type Semantics,
  type SimStrategy,
  type StabilityTask,
  stabilityFor,
} from '@entente/core';

/**
 * A batch of stability tasks shared by the main thread and the workers: whoever is free claims
 * the next task from `counters[0]` (atomically) and writes its flags into `results[j]`;
 * `counters[1]` counts the tasks finished and `counters[2]` those finished on workers; `done[j]`
 * is 1 once `results[j]` is written (a SEQ+SIM task reads its DM's SIM flags when they are ready).
 * All arrays live in shared memory, so no message is needed per task.
 */
export interface GmcrWorkerJob {
  graph: PortableGraph;
  tasks: StabilityTask[];
  semantics: Semantics;
  /** `baseline`: the SIM engine before issue 16 (for the bench's same-run comparison). */
  simStrategy?: SimStrategy;
  counters: Int32Array;
  done: Int32Array;
  results: Uint8Array[];
}

/** The SIM flags of `dm` in the batch, when a thread has finished them; null otherwise. */
function finishedSim(job: Omit<GmcrWorkerJob, 'graph'>, dm: number): Uint8Array | null {
  const j = job.tasks.findIndex((t) => t.concept === 'sim' && t.dm === dm);
  return j >= 0 && Atomics.load(job.done, j) === 1 ? job.results[j]! : null;
}

/** Claims and runs tasks of a shared batch until none is left; returns how many it ran. */
export function drainJob(job: Omit<GmcrWorkerJob, 'graph'>, graph: ConflictGraph, onWorker = false): number {
  let ran = 0;
  for (;;) {
    const j = Atomics.add(job.counters, 0, 1);
    if (j >= job.tasks.length) return ran;
    const task = job.tasks[j]!;
    job.results[j]!.set(
      stabilityFor(graph, task.dm, task.concept, job.semantics, job.simStrategy ?? 'auto', () =>
        finishedSim(job, task.dm),
      ),
    );
    Atomics.store(job.done, j, 1);
    if (onWorker) Atomics.add(job.counters, 2, 1);
    Atomics.add(job.counters, 1, 1);
    ran++;
  }
}

// Started as a worker thread with a job: take part in it at once. The job comes with the thread
// (workerData), so the main thread need not be free to hand it over.
const job = (workerData as { gmcrJob?: GmcrWorkerJob } | null)?.gmcrJob;
if (job) parentPort?.postMessage(drainJob(job, fromPortableGraph(job.graph), true));

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type ConflictGraph,
  runTasksInTurn,
  type Semantics,
  type StabilityTask,
  toPortableGraph,
  type WorkSplitter,
} from '@entente/core';
import { drainJob, type GmcrWorkerJob } from './gmcr-task-worker';

/**
 * Without `--threads`, everything runs in one thread. The one candidate for workers by default,
 * SIM/SEQ+SIM from 2^18 states, was measured on the shared 2-core machine (engine README): gains of
 * 11-22% in three runs, losses of 52-108% in two runs when the second core was busy. Not reliable,
 * so `--threads N` is the way to use workers.
 */
export const GMCR_WORKERS_BY_DEFAULT = false;

// Heavier concepts first, so the last task to finish is a short one.
const WEIGHT: Record<string, number> = { sim: 0, seqsim: 1, seq: 2, gmr: 3, smr: 4, nash: 5 };

let graphCounter = 0;

/** Whether a batch goes to worker threads: when ≥ 2 threads are asked for, else by the default (none). */
export function wantsWorkers(threads: number | undefined): boolean {
  if (threads !== undefined) return threads >= 2;
  return GMCR_WORKERS_BY_DEFAULT && availableParallelism() >= 2;
}

function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A WorkSplitter that runs (DM, concept) tasks on the main thread together with `threads - 1`
 * worker threads (TypeScript loaded through tsx) when `wantsWorkers` says so, and in turn
 * otherwise. Each worker receives the whole batch when it is created; every thread claims the
 * next task from a shared counter, so the main thread starts at once, a worker still starting up
 * holds no task back, and the answer never waits for a worker that has nothing left to do.
 * The graph's arrays go to the workers once, in shared memory. Call `close()` when done.
 */
export function createGmcrSplitter(
  options: { threads?: number } = {},
): WorkSplitter & { close(): Promise<void>; usedWorkers(): boolean; workerTasks(): number } {
  const threads = options.threads === undefined ? availableParallelism() : Math.max(1, options.threads);
  let used = false;
  let onWorkers = 0;
  const live = new Set<Worker>();
  const split: WorkSplitter = async (graph: ConflictGraph, tasks: StabilityTask[], semantics: Semantics) => {
    if (threads < 2 || !wantsWorkers(options.threads)) return runTasksInTurn(graph, tasks, semantics);
    used = true;
    const ordered = [...tasks].sort((a, b) => (WEIGHT[a.concept] ?? 9) - (WEIGHT[b.concept] ?? 9));
    const job: GmcrWorkerJob = {
      graph: toPortableGraph(graph, `g${++graphCounter}`),
      tasks: ordered,
      semantics,
      counters: new Int32Array(new SharedArrayBuffer(12)),
      results: ordered.map(() => sharedBytes(graph.stateCount)),
    };
    let failure: Error | null = null;
    for (let w = 1; w < threads; w++) {
      const worker = new Worker(new URL('./gmcr-worker-entry.mjs', import.meta.url), {
        workerData: { gmcrJob: job },
      });
      live.add(worker);
      worker.on('error', (e) => {
        failure ??= e;
      });
      worker.on('exit', () => live.delete(worker));
    }
    drainJob(job, graph);
    // Tasks a worker claimed may still be running: wait for them (or for a worker's failure).
    while (Atomics.load(job.counters, 1) < ordered.length) {
      if (failure) break;
      await pause(5);
    }
    onWorkers += Atomics.load(job.counters, 2);
    await Promise.all([...live].map((w) => w.terminate())); // late starters have nothing left to do
    if (failure) throw failure;
    return tasks.map((t) => job.results[ordered.indexOf(t)]!);
  };
  return Object.assign(split, {
    close: async () => {
      await Promise.all([...live].map((w) => w.terminate()));
    },
    usedWorkers: () => used,
    workerTasks: () => onWorkers,
  });
}

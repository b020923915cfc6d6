import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type ConflictGraph,
  runTasksInTurn,
  type Semantics,
  type SimStrategy,
  type StabilityTask,
  toPortableGraph,
  type WorkSplitter,
} from '@entente/core';
import { drainJob, type GmcrWorkerJob } from './gmcr-task-worker';
import { workerScript } from './worker-script';

/**
 * Without `--threads`, workers are used only where they were measured to pay: SIM or SEQ+SIM on
 * conflicts of at least 2^18 states (idle 2-core machine, `npm run bench -- gmcr`: 2^18 states
 * 4.4 s → 3.3 s, 2^20 states 33.8 s → 20.2 s and 26.1 s → 15.0 s). The classical concepts finish
 * in a few seconds even at 2^20 states, less than the workers' start-up saves.
 */
export const GMCR_WORKER_MIN_STATES = 2 ** 18;

/** Whether to use worker threads: as asked by `--threads`, else for heavy SIM work on large conflicts. */
export function wantsWorkers(
  threads: number | undefined,
  work: { states: number; concepts: readonly string[] } = { states: 0, concepts: [] },
): boolean {
  if (threads !== undefined) return threads >= 2;
  const heavy = work.concepts.some((c) => c === 'sim' || c === 'seqsim');
  return heavy && work.states >= GMCR_WORKER_MIN_STATES && availableParallelism() >= 2;
}

// Heavier concepts first, so the last task to finish is a short one.
const WEIGHT: Record<string, number> = { sim: 0, seqsim: 1, seq: 2, gmr: 3, smr: 4, nash: 5 };

let graphCounter = 0;

function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/**
 * The worker thread's entry: the compiled worker, or from sources a plain module that registers
 * tsx (resolved from this package) before loading the TypeScript worker.
 */
export function gmcrWorkerEntry(): string {
  const script = workerScript(import.meta.url, 'gmcr-task-worker');
  return script.compiled ? script.filename : fileURLToPath(new URL('./gmcr-worker-entry.mjs', import.meta.url));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A WorkSplitter that runs (DM, concept) tasks on the main thread together with `threads - 1`
 * worker threads (compiled, or TypeScript loaded through tsx) when `wantsWorkers` says so, and in turn
 * otherwise. Each worker receives the whole batch when it is created; every thread claims the
 * next task from a shared counter, so the main thread starts at once, a worker still starting up
 * holds no task back, and the answer never waits for a worker that has nothing left to do.
 * The graph's arrays go to the workers once, in shared memory. Call `close()` when done.
 */
export function createGmcrSplitter(
  options: { threads?: number; simStrategy?: SimStrategy } = {},
): WorkSplitter & { close(): Promise<void>; usedWorkers(): boolean; workerTasks(): number } {
  const threads = options.threads === undefined ? availableParallelism() : Math.max(1, options.threads);
  let used = false;
  let onWorkers = 0;
  const live = new Set<Worker>();
  const split: WorkSplitter = async (graph: ConflictGraph, tasks: StabilityTask[], semantics: Semantics) => {
    const work = { states: graph.stateCount, concepts: tasks.map((t) => t.concept) };
    if (threads < 2 || !wantsWorkers(options.threads, work)) return runTasksInTurn(graph, tasks, semantics);
    used = true;
    const ordered = [...tasks].sort((a, b) => (WEIGHT[a.concept] ?? 9) - (WEIGHT[b.concept] ?? 9));
    const job: GmcrWorkerJob = {
      graph: toPortableGraph(graph, `g${++graphCounter}`),
      tasks: ordered,
      semantics,
      ...(options.simStrategy === undefined ? {} : { simStrategy: options.simStrategy }),
      counters: new Int32Array(new SharedArrayBuffer(12)),
      done: new Int32Array(new SharedArrayBuffer(4 * ordered.length)),
      results: ordered.map(() => sharedBytes(graph.stateCount)),
    };
    let failure: Error | null = null;
    for (let w = 1; w < threads; w++) {
      const worker = new Worker(gmcrWorkerEntry(), {
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

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type ConflictGraph,
  runTasksInTurn,
  type Semantics,
  type SimStrategy,
  type StabilityTask,
  type WorkSplitter,
} from '@entente/core';
import { createGmcrJob, drainJob, type SimSplit } from './gmcr-task-worker';
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

let graphCounter = 0;

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
 * otherwise. Textbook SIM and SEQ+SIM tasks are cut into ranges of states over a plan built once
 * per DM in shared memory (`simSplit: 'tasks'` keeps one task per DM, the path before, for the
 * bench). Each worker receives the whole batch when it is created; every thread claims the next
 * step from a shared counter, so the main thread starts at once, a worker still starting up holds
 * no step back, and the answer never waits for a worker that has nothing left to do. The graph's
 * arrays go to the workers once, in shared memory. Call `close()` when done.
 */
export function createGmcrSplitter(
  options: { threads?: number; simStrategy?: SimStrategy; simSplit?: SimSplit } = {},
): WorkSplitter & {
  close(): Promise<void>;
  usedWorkers(): boolean;
  workerTasks(): number;
  lastTaskSeconds(): number[];
} {
  const threads = options.threads === undefined ? availableParallelism() : Math.max(1, options.threads);
  let used = false;
  let onWorkers = 0;
  let lastTaskSeconds: number[] = [];
  const live = new Set<Worker>();
  const split: WorkSplitter = async (graph: ConflictGraph, tasks: StabilityTask[], semantics: Semantics) => {
    const work = { states: graph.stateCount, concepts: tasks.map((t) => t.concept) };
    if (threads < 2 || !wantsWorkers(options.threads, work)) return runTasksInTurn(graph, tasks, semantics);
    used = true;
    const startedAt = performance.timeOrigin + performance.now();
    const job = createGmcrJob(graph, tasks, semantics, {
      ...(options.simStrategy === undefined ? {} : { simStrategy: options.simStrategy }),
      ...(options.simSplit === undefined ? {} : { simSplit: options.simSplit }),
      graphId: `g${++graphCounter}`,
    });
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
    try {
      drainJob(job, graph);
    } catch (e) {
      // A worker's own error says more than the main thread's "batch abandoned".
      await pause(50);
      throw failure ?? e;
    }
    // Steps a worker claimed may still be running: wait for them (or for a worker's failure).
    while (Atomics.load(job.counters, 1) < job.steps.length) {
      if (failure) break;
      await pause(5);
    }
    onWorkers += Atomics.load(job.counters, 2);
    await Promise.all([...live].map((w) => w.terminate())); // late starters have nothing left to do
    if (failure) throw failure;
    lastTaskSeconds = Array.from(job.taskDoneAt, (t) => (t - startedAt) / 1000);
    return job.results;
  };
  return Object.assign(split, {
    close: async () => {
      await Promise.all([...live].map((w) => w.terminate()));
    },
    usedWorkers: () => used,
    /** Steps (whole tasks, plans, ranges) that worker threads ran. */
    workerTasks: () => onWorkers,
    /** Per task of the last batch run on workers, seconds from its start until its flags were complete (for the bench). */
    lastTaskSeconds: () => lastTaskSeconds,
  });
}

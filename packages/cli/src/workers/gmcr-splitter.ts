import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  type ConflictGraph,
  runTasksInTurn,
  type Semantics,
  type StabilityTask,
  toPortableGraph,
  type WorkSplitter,
} from '@entente/core';
import { Piscina } from 'piscina';
import { drainJob, type GmcrWorkerJob } from './gmcr-task-worker';

/**
 * Without `--threads`, worker threads are used only for SIM or SEQ+SIM on conflicts with at least
 * this many states: the case where the measured gain is real (see the benchmark figures in the
 * engine's README); below it, or for the classical concepts alone, one thread is as fast.
 */
export const GMCR_AUTO_WORKER_STATES = 2 ** 18;

// Heavier concepts first, so the last task to finish is a short one.
const WEIGHT: Record<string, number> = { sim: 0, seqsim: 1, seq: 2, gmr: 3, smr: 4, nash: 5 };

let graphCounter = 0;

/** Whether a batch goes to worker threads: always when ≥ 2 threads are asked for, else by the automatic rule. */
export function wantsWorkers(
  stateCount: number,
  tasks: readonly StabilityTask[],
  threads: number | undefined,
): boolean {
  if (threads !== undefined) return threads >= 2;
  if (availableParallelism() < 2) return false;
  return stateCount >= GMCR_AUTO_WORKER_STATES && tasks.some((t) => t.concept === 'sim' || t.concept === 'seqsim');
}

function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/**
 * A WorkSplitter that runs (DM, concept) tasks on the main thread together with `threads - 1`
 * piscina workers (TypeScript loaded through tsx) when `wantsWorkers` says so, and in turn
 * otherwise. The batch is posted to the workers first, then the main thread starts on it at once;
 * every thread claims the next task from a shared counter, so a worker still starting up never
 * holds a task back and never delays the result (if the main thread finishes everything first,
 * the answer does not wait for it). `threads` undefined: the automatic rule, all cores.
 * Call `close()` when done.
 */
export function createGmcrSplitter(
  options: { threads?: number } = {},
): WorkSplitter & { close(): Promise<void>; usedWorkers(): boolean; workerTasks(): number } {
  const threads = options.threads === undefined ? availableParallelism() : Math.max(1, options.threads);
  let pool: Piscina | null = null;
  let used = false;
  let onWorkers = 0;
  const split: WorkSplitter = async (graph: ConflictGraph, tasks: StabilityTask[], semantics: Semantics) => {
    if (threads < 2 || !wantsWorkers(graph.stateCount, tasks, options.threads))
      return runTasksInTurn(graph, tasks, semantics);
    used = true;
    const workers = threads - 1;
    pool ??= new Piscina({
      filename: fileURLToPath(new URL('./gmcr-task-worker.ts', import.meta.url)),
      minThreads: workers,
      maxThreads: workers,
      execArgv: ['--import', 'tsx'],
    });
    const ordered = [...tasks].sort((a, b) => (WEIGHT[a.concept] ?? 9) - (WEIGHT[b.concept] ?? 9));
    const job: GmcrWorkerJob = {
      graph: toPortableGraph(graph, `g${++graphCounter}`),
      tasks: ordered,
      semantics,
      counters: new Int32Array(new SharedArrayBuffer(8)),
      results: ordered.map(() => sharedBytes(graph.stateCount)),
    };
    const running = Array.from({ length: workers }, () =>
      (pool!.run(job) as Promise<number>).then((n) => {
        onWorkers += n;
      }),
    );
    // Let the job messages leave before the main thread starts its share.
    await new Promise<void>((resolve) => setImmediate(resolve));
    drainJob(job, graph);
    if (Atomics.load(job.counters, 1) < ordered.length) await Promise.all(running);
    else for (const r of running) r.catch(() => {}); // late starters find nothing left to do
    return tasks.map((t) => job.results[ordered.indexOf(t)]!);
  };
  return Object.assign(split, {
    close: async () => {
      await pool?.destroy();
      pool = null;
    },
    usedWorkers: () => used,
    workerTasks: () => onWorkers,
  });
}

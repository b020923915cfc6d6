import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  type ConflictGraph,
  runTasksInTurn,
  type StabilityTask,
  toPortableGraph,
  type WorkSplitter,
} from '@entente/core';
import { Piscina } from 'piscina';
import type { GmcrWorkerTask } from './gmcr-task-worker';

/** Conflicts with at least this many states go to worker threads by default (below it, tsx start-up in each worker costs more than it saves). */
export const GMCR_WORKER_THRESHOLD = 2 ** 18;

// Heavier concepts first, so the last task to finish is a short one.
const WEIGHT: Record<string, number> = { sim: 0, seqsim: 1, seq: 2, gmr: 3, smr: 4, nash: 5 };

let graphCounter = 0;

/**
 * A WorkSplitter that runs (DM, concept) tasks on a piscina pool of worker threads (TypeScript
 * loaded through tsx) when the conflict has at least `threshold` states, and in turn otherwise.
 * The graph's arrays go to the workers once, in shared memory. Call `close()` when done.
 */
export function createGmcrSplitter(
  options: { threads?: number; threshold?: number } = {},
): WorkSplitter & { close(): Promise<void>; usedWorkers(): boolean } {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const threshold = options.threshold ?? GMCR_WORKER_THRESHOLD;
  let pool: Piscina | null = null;
  let used = false;
  const split: WorkSplitter = async (graph: ConflictGraph, tasks: StabilityTask[], semantics) => {
    if (graph.stateCount < threshold || threads < 2) return runTasksInTurn(graph, tasks, semantics);
    used = true;
    pool ??= new Piscina({
      filename: fileURLToPath(new URL('./gmcr-task-worker.ts', import.meta.url)),
      minThreads: 1,
      maxThreads: threads,
      execArgv: ['--import', 'tsx'],
    });
    const portable = toPortableGraph(graph, `g${++graphCounter}`);
    const order = tasks
      .map((_, j) => j)
      .sort((a, b) => (WEIGHT[tasks[a]!.concept] ?? 9) - (WEIGHT[tasks[b]!.concept] ?? 9));
    const results: Uint8Array[] = new Array(tasks.length);
    await Promise.all(
      order.map(async (j) => {
        const task: GmcrWorkerTask = { ...tasks[j]!, graph: portable, semantics };
        results[j] = (await pool!.run(task)) as Uint8Array;
      }),
    );
    return results;
  };
  return Object.assign(split, {
    close: async () => {
      await pool?.destroy();
      pool = null;
    },
    usedWorkers: () => used,
  });
}

import type { ForecastSplitter, ForecastTask } from '@entente/core';
import { createWorkerPool } from './worker-pool';
import { workerScript } from './worker-script';

/**
 * Rough CPU microseconds of one draw of a model on n actors (`npm run bench -- forecast`, one
 * thread): only their ratios matter, for running the longest tasks first and sizing batches.
 */
export function drawCost(model: ForecastTask['model'], n: number): number {
  if (model === 'ktab') return 16 * n * n;
  if (model === 'bdm') return 0.35 * n * n;
  if (model === 'nash' || model === 'nash_vote') return 0.8 * n;
  return 0.15 * n;
}

/** Smallest batch, in estimated microseconds: below it a message costs more than the work it carries. */
const MIN_BATCH = 20_000;

/**
 * Groups tasks into batches, longest tasks first, each batch a quarter of the remaining work per
 * thread (guided self-scheduling): few messages while much is left, small ones at the end, so
 * the threads finish together whatever else the machine runs. Returns task indices per batch.
 */
export function batchTasks(tasks: readonly ForecastTask[], threads: number, minBatch = MIN_BATCH): number[][] {
  const cost = tasks.map((t) => t.draws * drawCost(t.model, t.issue.x.length));
  const order = tasks.map((_, k) => k).sort((a, b) => cost[b]! - cost[a]! || a - b);
  let remaining = cost.reduce((a, c) => a + c, 0);
  const batches: number[][] = [];
  let at = 0;
  while (at < order.length) {
    const target = Math.max(remaining / (4 * Math.max(1, threads)), minBatch);
    const batch: number[] = [];
    let sum = 0;
    while (at < order.length && (batch.length === 0 || sum < target)) {
      const k = order[at++]!;
      batch.push(k);
      sum += cost[k]!;
    }
    remaining -= sum;
    batches.push(batch);
  }
  return batches;
}

/**
 * A ForecastSplitter backed by a piscina pool of worker threads (compiled, or TypeScript through
 * tsx), started once with every thread and kept until `close()`; tasks travel in batches
 * (`minBatch`: the smallest, in estimated microseconds; tests lower it to split tiny inputs).
 */
export function createForecastSplitter(
  threads: number,
  options: { minBatch?: number } = {},
): ForecastSplitter & { close(): Promise<void> } {
  const size = Math.max(1, threads);
  const pool = createWorkerPool(workerScript(import.meta.url, 'forecast-task-worker'), {
    minThreads: size,
    maxThreads: size,
  });
  return {
    async run(tasks: ForecastTask[], onTaskDone?: () => void): Promise<Float64Array[]> {
      const results: Float64Array[] = new Array(tasks.length);
      await Promise.all(
        batchTasks(tasks, size, options.minBatch).map(async (batch) => {
          const values = (await pool.run(batch.map((k) => tasks[k]!))) as Float64Array;
          let at = 0;
          for (const k of batch) {
            results[k] = values.subarray(at, at + tasks[k]!.draws);
            at += tasks[k]!.draws;
            onTaskDone?.();
          }
        }),
      );
      return results;
    },
    close: () => pool.destroy(),
  };
}

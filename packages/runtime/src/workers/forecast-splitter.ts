import type { ForecastSplitter, ForecastTask } from '@entente/core';
import { createWorkerPool } from './worker-pool';
import { workerScript } from './worker-script';

/** A ForecastSplitter backed by a piscina pool of worker threads (compiled, or TypeScript through tsx). */
export function createForecastSplitter(threads: number): ForecastSplitter & { close(): Promise<void> } {
  const pool = createWorkerPool(workerScript(import.meta.url, 'forecast-task-worker'), {
    minThreads: 1,
    maxThreads: Math.max(1, threads),
  });
  return {
    async run(tasks: ForecastTask[], onTaskDone?: () => void): Promise<Float64Array[]> {
      return Promise.all(
        tasks.map(async (task) => {
          const result = (await pool.run(task)) as Float64Array;
          onTaskDone?.();
          return result;
        }),
      );
    },
    close: () => pool.destroy(),
  };
}

import type { SpaceSplitter, SpaceTask, SpaceTaskResult } from '@entente/core';
import { createWorkerPool } from './worker-pool';
import { workerScript } from './worker-script';

/** A SpaceSplitter backed by a piscina pool of worker threads (compiled, or TypeScript through tsx). */
export function createSpaceSplitter(threads: number): SpaceSplitter & { close(): Promise<void> } {
  const pool = createWorkerPool(workerScript(import.meta.url, 'space-task-worker'), {
    minThreads: 1,
    maxThreads: Math.max(1, threads),
  });
  return {
    async run(tasks: SpaceTask[], onTaskDone?: () => void): Promise<SpaceTaskResult[]> {
      return Promise.all(
        tasks.map(async (task) => {
          const result = (await pool.run(task)) as SpaceTaskResult;
          onTaskDone?.();
          return result;
        }),
      );
    },
    close: () => pool.destroy(),
  };
}

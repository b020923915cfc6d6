import { EntenteError, type SpaceSplitter, type SpaceTask, type SpaceTaskResult } from '@entente/core';
import type { SpaceTaskFailure } from './space-task-worker';
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
          const result = (await pool.run(task)) as SpaceTaskResult | SpaceTaskFailure;
          // A refusal in a slice (FRONTIER_TOO_LARGE with its estimate) reaches the caller with its code.
          if (result.kind === 'error') throw new EntenteError(result.code, result.message, { details: result.details });
          onTaskDone?.();
          return result;
        }),
      );
    },
    close: () => pool.destroy(),
  };
}

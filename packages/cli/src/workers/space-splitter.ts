import { fileURLToPath } from 'node:url';
import type { SpaceSplitter, SpaceTask, SpaceTaskResult } from '@entente/core';
import { Piscina } from 'piscina';

/** A SpaceSplitter backed by a piscina pool of worker threads (TypeScript loaded through tsx). */
export function createSpaceSplitter(threads: number): SpaceSplitter & { close(): Promise<void> } {
  const pool = new Piscina({
    filename: fileURLToPath(new URL('./space-task-worker.ts', import.meta.url)),
    minThreads: 1,
    maxThreads: Math.max(1, threads),
    execArgv: ['--import', 'tsx'],
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

import { availableParallelism } from 'node:os';
import { createWorkerPool } from '../workers/worker-pool';
import { workerScript } from '../workers/worker-script';
import type { SweepBlockTask } from './sweep-block-worker';

/** Worker threads that run sweep blocks, so CPU-bound blocks never hold up the thread that talks to a queue or a store. */
export interface SweepBlockPool {
  readonly threads: number;
  /** Runs one block; aborting `signal` stops the thread running it. */
  run(task: SweepBlockTask, signal?: AbortSignal): Promise<unknown>;
  close(): Promise<void>;
}

/** Threads worth starting by default: one per core. */
export function defaultSweepThreads(): number {
  return Math.max(1, availableParallelism());
}

/** Starts a pool of sweep-block threads (compiled, or TypeScript through tsx). */
export function createSweepBlockPool(threads = defaultSweepThreads()): SweepBlockPool {
  const size = Math.max(1, Math.floor(threads));
  const pool = createWorkerPool(workerScript(import.meta.url, 'sweep-block-worker'), {
    minThreads: size,
    maxThreads: size,
  });
  return {
    threads: size,
    run: (task, signal) => pool.run(task, signal ? { signal } : {}) as Promise<unknown>,
    close: () => pool.destroy(),
  };
}

import { availableParallelism } from 'node:os';
import type { Extraction, ScenarioLexicon } from '@entente/ingest';
import type { ExtractTask } from './ingest-extract-worker';
import { createWorkerPool } from './worker-pool';
import { workerScript } from './worker-script';

/** Extraction on worker threads, so the main thread can store one document while others are read. */
export interface ExtractionPool {
  readonly threads: number;
  /** Extracts one document; aborting `signal` stops the worker thread running it (a new one replaces it). */
  extract(task: ExtractTask, options?: { signal?: AbortSignal }): Promise<Extraction>;
  close(): Promise<void>;
}

/** Worker threads worth starting on this machine: one core is left to the thread that stores. */
export function defaultExtractionThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Starts a pool of extraction workers (compiled, or TypeScript through tsx) sharing one lexicon. */
export function createExtractionPool(options: {
  threads: number;
  lexicon?: ScenarioLexicon;
  /** Threads started at once (default all); a server passes 0 so that threads start on the first upload. */
  minThreads?: number;
}): ExtractionPool {
  const threads = Math.max(1, Math.floor(options.threads));
  const pool = createWorkerPool(workerScript(import.meta.url, 'ingest-extract-worker'), {
    minThreads: Math.min(threads, Math.max(0, Math.floor(options.minThreads ?? threads))),
    maxThreads: threads,
    workerData: { lexicon: options.lexicon },
  });
  return {
    threads,
    extract: (task, run) => pool.run(task, run?.signal ? { signal: run.signal } : {}) as Promise<Extraction>,
    close: () => pool.destroy(),
  };
}

import { createRequire } from 'node:module';
import type { Piscina } from 'piscina';
import type { WorkerScript } from './worker-script';

/** Sizing of a worker pool; the rest of piscina's options keep their defaults. */
export interface WorkerPoolOptions {
  minThreads: number;
  maxThreads: number;
  idleTimeout?: number;
  workerData?: unknown;
  /** Raises the threads' nice value (Linux; ignored where piscina's optional `@napi-rs/nice` is absent). */
  niceIncrement?: number;
}

/** A pool of worker threads running one worker module's default export, as piscina runs it. */
export type WorkerPool = Piscina;

// piscina loads on the first pool, not at start-up: most commands never start a thread.
const load = () => (createRequire(import.meta.url)('piscina') as typeof import('piscina')).Piscina;

/** Starts a piscina pool on a worker located by `workerScript`, so it loads from sources or from dist alike. */
export function createWorkerPool(script: WorkerScript, options: WorkerPoolOptions): WorkerPool {
  const PiscinaPool = load();
  return new PiscinaPool({
    filename: script.filename,
    ...(script.execArgv ? { execArgv: script.execArgv } : {}),
    minThreads: options.minThreads,
    maxThreads: options.maxThreads,
    ...(options.idleTimeout === undefined ? {} : { idleTimeout: options.idleTimeout }),
    ...(options.workerData === undefined ? {} : { workerData: options.workerData }),
    ...(options.niceIncrement === undefined ? {} : { niceIncrement: options.niceIncrement }),
  });
}

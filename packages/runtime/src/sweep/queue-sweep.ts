import { hostname } from 'node:os';
import { type AnyEngine, type EngineRegistry, EntenteError } from '@entente/core';
import type { Job, Queue } from 'bullmq';
import type { SweepBlockPool } from './block-pool';
import type { SweepOutcome } from './local-sweep';
import { combinePrepared, type PreparedSweep } from './sweep-block';
import { type SweepBlock, type SweepDefinition, sweepBlocks, sweepIdOf } from './sweep-plan';
import type { SweepResultStore } from './sweep-store';

/** The BullMQ queue every sweep's blocks go through. */
export const SWEEP_QUEUE = 'entente-sweeps';

/** What one queued job carries: the sweep's id and one block (the definition itself is in the store). */
export interface SweepJobData {
  sweep: string;
  block: number;
  from: number;
  to: number;
  seed: number;
}

/**
 * The job id of a block: the same (sweep, block) always gets the same id, so enqueueing a sweep again
 * adds no duplicate. BullMQ refuses a `:` in custom ids, hence the dash.
 */
export const sweepJobId = (sweep: string, block: number): string => `${sweep}-${block}`;

/** Checks a `--queue` URL and that a Redis server answers there (BullMQ itself would wait for it forever). */
export async function checkQueue(url: string, timeoutMs = 5000): Promise<void> {
  if (!/^rediss?:\/\//i.test(url))
    throw new EntenteError('INVALID_OPTION', `--queue must be a redis:// or rediss:// URL, not "${url}".`);
  // Loaded on use: BullMQ and ioredis are hundreds of CommonJS modules every other command would pay for.
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // reported by connect() below
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new EntenteError(
      'QUEUE_UNREACHABLE',
      `No Redis server answered at ${url.replace(/\/\/[^@/]*@/, '//***@')} (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error },
    );
  } finally {
    client.disconnect();
  }
}

const connection = (url: string) => ({ url, maxRetriesPerRequest: null });
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How a queued sweep is enqueued and awaited. */
export interface QueuedSweepOptions {
  queue: string;
  store: SweepResultStore;
  signal?: AbortSignal;
  onBlock?(done: number, total: number): void;
  /** How often to look at the store for finished blocks (ms). */
  pollMs?: number;
}

/**
 * Enqueues one job per block not yet stored, waits until the store holds every block, and combines
 * them in block order (the completion order and the workers that ran them do not matter). A sweep
 * enqueued again resumes: stored blocks are not run again, queued ones are not added twice.
 */
export async function runQueuedSweep(
  def: SweepDefinition,
  prepared: PreparedSweep,
  options: QueuedSweepOptions,
): Promise<SweepOutcome> {
  const { store } = options;
  const sweep = sweepIdOf(def);
  const blocks = sweepBlocks(def);
  await checkQueue(options.queue);
  await store.saveSweep(sweep, def);
  const { Queue } = await import('bullmq');
  const queue = new Queue<SweepJobData>(SWEEP_QUEUE, { connection: connection(options.queue) });
  const jobOf = (b: SweepBlock) => ({
    name: 'block',
    data: { sweep, block: b.index, from: b.from, to: b.to, seed: b.seed },
    opts: {
      jobId: sweepJobId(sweep, b.index),
      attempts: 3,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  let redelivered: number | undefined;
  try {
    let done = new Set(await store.doneBlocks(sweep));
    const missing = () => blocks.filter((b) => !done.has(b.index));
    for (let k = 0, todo = missing(); k < todo.length; k += 1000)
      await queue.addBulk(todo.slice(k, k + 1000).map(jobOf));
    options.onBlock?.(done.size, blocks.length);
    for (;;) {
      if (options.signal?.aborted)
        throw new EntenteError(
          'CANCELLED',
          `Stopped waiting for sweep ${sweep}; its queued blocks still run, and the same command resumes it.`,
        );
      if (done.size === blocks.length) break;
      // A block that failed for good stops the sweep; one whose job vanished (removed by hand) is queued again.
      for (const b of missing().slice(0, 20)) {
        const id = sweepJobId(sweep, b.index);
        const state = await queue.getJobState(id);
        if (state === 'failed') {
          const job = await queue.getJob(id);
          throw new EntenteError(
            'SWEEP_BLOCK_FAILED',
            `Block ${b.index} (runs ${b.from}–${b.to - 1}) of sweep ${sweep} failed on a worker: ${job?.failedReason ?? 'no reason given'}.`,
          );
        }
        if (state === 'unknown' && !(await store.doneBlocks(sweep)).includes(b.index)) await queue.addBulk([jobOf(b)]);
      }
      await pause(options.pollMs ?? 250);
      done = new Set(await store.doneBlocks(sweep));
      options.onBlock?.(done.size, blocks.length);
    }
    redelivered = await countRedelivered(queue, sweep, blocks.length);
  } finally {
    await queue.close();
  }
  const stored = await store.blockResults(sweep);
  return {
    sweep,
    blocks: blocks.length,
    result: combinePrepared(
      prepared,
      stored.map((s) => s.result),
    ),
    ...(redelivered === undefined ? {} : { redelivered }),
  };
}

/** Blocks whose job started more than once (a worker died or lost its lock mid-block); counted for sweeps of at most 10,000 blocks. */
async function countRedelivered(
  queue: Queue<SweepJobData>,
  sweep: string,
  blocks: number,
): Promise<number | undefined> {
  if (blocks > 10_000) return undefined;
  let n = 0;
  for (let k = 0; k < blocks; k += 100) {
    const jobs = await Promise.all(
      Array.from({ length: Math.min(100, blocks - k) }, (_, j) => queue.getJob(sweepJobId(sweep, k + j))),
    );
    for (const job of jobs) if (job && (job.attemptsStarted > 1 || job.stalledCounter > 0)) n++;
  }
  return n;
}

/** How a queue worker runs. */
export interface SweepWorkerOptions {
  queue: string;
  store: SweepResultStore;
  /** The engines this worker knows (built-in plus `engineModules`). */
  engines: EngineRegistry;
  /** Modules adding engines, for the threads to load too. */
  engineModules?: string[];
  pool: SweepBlockPool;
  /** Blocks run at once (default: the pool's threads). */
  concurrency?: number;
  /** How long a job's lock lasts without renewal, so a killed worker's block is handed on (ms, default 30 s). */
  lockMs?: number;
  /** A name for this worker in the stored blocks (default host:pid). */
  name?: string;
  /** Called when this worker starts a block. */
  onStart?(data: SweepJobData): void;
  /** Called after each block this worker wrote (or found already written). */
  onBlock?(data: SweepJobData, wrote: boolean): void;
}

/** A running queue worker. */
export interface SweepWorker {
  close(): Promise<void>;
}

/**
 * Takes blocks from the queue, runs each on the thread pool (so this thread stays free to renew
 * the job locks) and writes the result keyed by (sweep, block): a block run twice, after a crash
 * or a lost lock, is stored once.
 */
export async function startSweepWorker(options: SweepWorkerOptions): Promise<SweepWorker> {
  await checkQueue(options.queue);
  const { store, pool } = options;
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const definitions = new Map<string, Promise<{ def: SweepDefinition; engine: AnyEngine }>>();
  const definition = (sweep: string) => {
    let found = definitions.get(sweep);
    if (!found) {
      found = store.loadSweep(sweep).then((def) => {
        if (!def)
          throw new EntenteError(
            'SWEEP_NOT_FOUND',
            `Sweep ${sweep} is not in this worker's store: give the enqueuer's --db.`,
          );
        return { def, engine: options.engines.get(def.engine) };
      });
      found.catch(() => definitions.delete(sweep));
      definitions.set(sweep, found);
    }
    return found;
  };
  const lockMs = options.lockMs ?? 30_000;
  const { Worker } = await import('bullmq');
  const worker = new Worker<SweepJobData>(
    SWEEP_QUEUE,
    async (job: Job<SweepJobData>, _token?: string, signal?: AbortSignal) => {
      const data = job.data;
      const { def, engine } = await definition(data.sweep);
      if ((await store.doneBlocks(data.sweep)).includes(data.block)) {
        options.onBlock?.(data, false);
        return { wrote: false };
      }
      const range = { from: data.from, to: data.to, seed: data.seed };
      options.onStart?.(data);
      const result = await pool.run(
        {
          sweep: data.sweep,
          engine: engine.id,
          engineModules: options.engineModules ?? [],
          sources: def.sources,
          params: def.params,
          runs: def.runs,
          range,
        },
        signal,
      );
      const wrote = await store.saveBlock(data.sweep, { index: data.block, ...range }, result, name);
      options.onBlock?.(data, wrote);
      return { wrote };
    },
    {
      connection: connection(options.queue),
      concurrency: Math.max(1, options.concurrency ?? pool.threads),
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
      maxStalledCount: 10,
    },
  );
  worker.on('error', () => {}); // connection hiccups: BullMQ reconnects by itself
  await worker.waitUntilReady();
  return { close: () => worker.close() };
}

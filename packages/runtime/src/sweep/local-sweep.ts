import { EntenteError } from '@entente/core';
import type { SweepBlockPool } from './block-pool';
import { combinePrepared, type PreparedSweep } from './sweep-block';
import { type SweepDefinition, sweepBlocks, sweepIdOf } from './sweep-plan';

/** How a local sweep runs: on a pool of threads, with progress per block and cancel. */
export interface LocalSweepOptions {
  pool: SweepBlockPool;
  /** Modules that add engines beyond the built-in ones, for the threads to load. */
  engineModules?: string[];
  signal?: AbortSignal;
  /** Called after each block with the blocks done and the total. */
  onBlock?(done: number, total: number): void;
}

/** A finished sweep: its id, how many blocks it had, and the engine's combined result. */
export interface SweepOutcome {
  sweep: string;
  blocks: number;
  result: unknown;
  /** Queued sweeps: blocks that were started more than once (their worker died or lost its lock), each stored once. */
  redelivered?: number;
}

/**
 * Runs every block of a sweep on local worker threads and combines them in block order, so the
 * result is the same whatever the number of threads or the order blocks finish in.
 * `prepared` is the same sweep loaded in this thread, for `combine`.
 */
export async function runLocalSweep(
  def: SweepDefinition,
  prepared: PreparedSweep,
  options: LocalSweepOptions,
): Promise<SweepOutcome> {
  const sweep = sweepIdOf(def);
  const blocks = sweepBlocks(def);
  const results: unknown[] = new Array(blocks.length);
  const inner = new AbortController();
  const stop = () => inner.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  let done = 0;
  let next = 0;
  // A few blocks in flight per thread keep the threads busy without queueing the whole sweep at once.
  const lane = async (): Promise<void> => {
    while (next < blocks.length && !inner.signal.aborted) {
      const block = blocks[next++]!;
      const { index, ...range } = block;
      results[index] = await options.pool.run(
        {
          sweep,
          engine: def.engine,
          engineModules: options.engineModules ?? [],
          sources: def.sources,
          params: def.params,
          runs: def.runs,
          range,
        },
        inner.signal,
      );
      options.onBlock?.(++done, blocks.length);
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(blocks.length, options.pool.threads * 2) }, () =>
        lane().catch((error: unknown) => {
          inner.abort();
          throw error;
        }),
      ),
    );
  } catch (error) {
    if (options.signal?.aborted) throw new EntenteError('CANCELLED', `The ${def.engine} sweep was cancelled.`);
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  if (options.signal?.aborted) throw new EntenteError('CANCELLED', `The ${def.engine} sweep was cancelled.`);
  return { sweep, blocks: blocks.length, result: combinePrepared(prepared, results) };
}

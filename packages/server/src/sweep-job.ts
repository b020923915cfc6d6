import { type AnyEngine, BUILTIN_ENGINES, parseEngineParams } from '@entente/core';
import {
  combinePrepared,
  createSweepBlockPool,
  defaultSweepThreads,
  prepareSweep,
  runLocalSweep,
  runPreparedBlock,
  type SweepDefinition,
  sweepBlocks,
} from '@entente/runtime';
import type { EngineTask } from './analysis-tasks';
import type { JobContext } from './jobs';

const builtin = new Set(BUILTIN_ENGINES.map((e) => e.id));

/**
 * The sweep an engine job becomes: when the engine splits into seed blocks and its `runs`
 * parameter asks for more than one block; otherwise undefined (the job runs the engine whole).
 */
export function sweepOfTask(engine: AnyEngine, task: EngineTask): SweepDefinition | undefined {
  if (!engine.sweep) return undefined;
  const params = parseEngineParams(engine, task.params) as { runs?: unknown };
  const runs = params.runs;
  if (typeof runs !== 'number' || !Number.isSafeInteger(runs) || runs <= engine.sweep.blockSize) return undefined;
  return {
    engine: engine.id,
    sources: task.sources,
    params: (task.params ?? {}) as Record<string, unknown>,
    seed: task.seed,
    runs,
    blockSize: engine.sweep.blockSize,
  };
}

/**
 * Runs an engine job as a sweep, with progress after each block and cancel between blocks: the
 * built-in engines' blocks on worker threads when `threads` is set (under `entente serve`), any
 * other engine's in this thread. The answer has the shape of a direct run.
 */
export async function runSweepJob(
  engine: AnyEngine,
  def: SweepDefinition,
  ctx: JobContext,
  options: { threads?: boolean } = {},
): Promise<{ engine: string; params: unknown; result: unknown }> {
  const prepared = prepareSweep(engine, def);
  const onBlock = (done: number, total: number) => ctx.progress(done / total, 'blocks');
  if (options.threads && builtin.has(engine.id)) {
    const pool = createSweepBlockPool(Math.max(1, defaultSweepThreads() - 1));
    try {
      const outcome = await runLocalSweep(def, prepared, { pool, signal: ctx.signal, onBlock });
      return { engine: engine.id, params: prepared.params, result: outcome.result };
    } finally {
      await pool.close();
    }
  }
  const blocks = sweepBlocks(def);
  const results: unknown[] = [];
  for (const { index: _, ...range } of blocks) {
    await ctx.yield(); // lets the event stream and a cancel through between blocks
    results.push(await runPreparedBlock(prepared, range, ctx.signal));
    onBlock(results.length, blocks.length);
  }
  return { engine: engine.id, params: prepared.params, result: combinePrepared(prepared, results) };
}

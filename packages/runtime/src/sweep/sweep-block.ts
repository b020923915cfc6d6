import {
  type AnyEngine,
  checkEngineSources,
  createRandom,
  EntenteError,
  parseEngineParams,
  type SweepRange,
} from '@entente/core';
import type { SweepDefinition } from './sweep-plan';

/** A sweep's engine with its input loaded and its parameters parsed, ready to run blocks. */
export interface PreparedSweep {
  engine: AnyEngine & { sweep: NonNullable<AnyEngine['sweep']> };
  input: unknown;
  params: Record<string, unknown>;
}

/** Checks that the engine can sweep, parses the parameters and loads the input once for all blocks. */
export function prepareSweep(
  engine: AnyEngine,
  def: Pick<SweepDefinition, 'sources' | 'params'> & { runs?: number },
): PreparedSweep {
  if (!engine.sweep)
    throw new EntenteError(
      'SWEEP_NOT_SUPPORTED',
      `The ${engine.id} engine cannot be split into seed blocks; sweep an engine that declares "sweep".`,
    );
  // An engine's own `runs` parameter means the sweep's runs, so its combine knows the total.
  const raw = 'runs' in engine.params.shape && def.runs !== undefined ? { ...def.params, runs: def.runs } : def.params;
  const params = parseEngineParams(engine, raw) as Record<string, unknown>;
  checkEngineSources(engine, def.sources);
  const input = engine.load(def.sources, params);
  return { engine: engine as PreparedSweep['engine'], input, params };
}

/** Runs one block; the context's random numbers are tied to the block's first run, not to who runs it. */
export async function runPreparedBlock(
  prepared: PreparedSweep,
  range: SweepRange,
  signal: AbortSignal = new AbortController().signal,
): Promise<unknown> {
  const { engine, input, params } = prepared;
  const block = await engine.sweep.block(input, params, range, {
    signal,
    progress: () => {},
    random: createRandom((range.seed ^ Math.imul(range.from + 1, 0x9e3779b1)) >>> 0),
    splitters: {},
  });
  // A block travels as JSON (to the store, between machines): round-trip it here so local and queued sweeps combine the same values.
  return JSON.parse(JSON.stringify(block)) as unknown;
}

/** The sweep's result: the engine's combine over the blocks in block order. */
export function combinePrepared(prepared: PreparedSweep, blocks: readonly unknown[]): unknown {
  return prepared.engine.sweep.combine(blocks, prepared.input, prepared.params);
}

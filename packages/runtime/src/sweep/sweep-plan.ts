import { createHash } from 'node:crypto';
import { createRandom, EntenteError, type SourceText, type SweepRange } from '@entente/core';

/** Everything that decides a sweep's result; two equal definitions are the same sweep. */
export interface SweepDefinition {
  engine: string;
  sources: SourceText[];
  /** The raw parameters, as given (the engine's schema parses them where the sweep runs). */
  params: Record<string, unknown>;
  seed: number;
  runs: number;
  blockSize: number;
}

/** One block of a sweep: its index and its range of runs. */
export interface SweepBlock extends SweepRange {
  index: number;
}

/** Most blocks one sweep may have, so a typo in --runs does not flood a queue. */
export const MAX_SWEEP_BLOCKS = 1_000_000;

/** Checks the sizes of a sweep: whole numbers, at least one run, a block of at least one run. */
export function checkSweepSizes(runs: number, blockSize: number): void {
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new EntenteError('INVALID_OPTION', `--runs must be a whole number of at least 1, not ${runs}.`);
  if (!Number.isSafeInteger(blockSize) || blockSize < 1)
    throw new EntenteError('INVALID_OPTION', `--block-size must be a whole number of at least 1, not ${blockSize}.`);
  if (Math.ceil(runs / blockSize) > MAX_SWEEP_BLOCKS)
    throw new EntenteError(
      'INVALID_OPTION',
      `${runs} runs in blocks of ${blockSize} make more than ${MAX_SWEEP_BLOCKS} blocks: raise --block-size.`,
    );
}

/**
 * The seed blocks receive for a sweep under `seed`: the first number a direct run of the engine
 * under that seed draws (`ctx.random.int(2 ** 31)`), so a sweep and a direct run of as many runs agree.
 */
export function blockSeedOf(seed: number): number {
  return createRandom(seed).int(2 ** 31);
}

/** Splits `runs` runs into consecutive blocks of `blockSize` (the last may be shorter). */
export function sweepBlocks(def: Pick<SweepDefinition, 'runs' | 'blockSize' | 'seed'>): SweepBlock[] {
  checkSweepSizes(def.runs, def.blockSize);
  const seed = blockSeedOf(def.seed);
  const blocks: SweepBlock[] = [];
  for (let from = 0, index = 0; from < def.runs; from += def.blockSize, index++)
    blocks.push({ index, from, to: Math.min(def.runs, from + def.blockSize), seed });
  return blocks;
}

/** Sorts object keys so the same definition always hashes the same, whatever order its params were written in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * The sweep's id: a hash of its definition, so enqueueing the same sweep again names the same
 * blocks (and finds those already done) instead of starting over.
 */
export function sweepIdOf(def: SweepDefinition): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(canonical(def)))
    .digest('hex');
  return `s${hash.slice(0, 20)}`;
}

import { createRandom, defineEngine } from '@entente/core';
import { z } from 'zod';

/** Per-run seed from (sweep seed, run index) alone, so a run draws the same numbers in any block. */
const runSeed = (seed: number, run: number) => (Math.imul(seed, 0x9e3779b1) ^ Math.imul(run + 1, 0x85ebca6b)) >>> 0;

interface PiBlock {
  runs: number;
  inside: number;
  /** Sum over the block's runs of (run index + 1) × hits: changes if a run is lost, doubled or reseeded. */
  checksum: number;
}

/** Busy work standing in for a heavy block, so a test can kill a worker while blocks are running. */
function spin(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    /* CPU-bound on purpose */
  }
}

/**
 * A Monte-Carlo estimate of π with integer counts, registered from outside the built-in engines:
 * each run throws `points` darts; blocks add counts, so the aggregate is exact whatever the split.
 */
export const piEngine = defineEngine({
  id: 'pi-estimate',
  title: 'π by darts',
  summary: 'Estimate π by seeded darts (a test engine for sweeps)',
  input: { name: 'label', description: 'any text file (its first line labels the result)', min: 1, max: 1 },
  params: z
    .object({
      points: z.number().int().min(1).max(10_000).default(20).describe('darts per run'),
      runs: z.number().int().min(1).default(100).describe('runs of a single (unsplit) run'),
      spinMs: z.number().int().min(0).max(10_000).default(0).describe('busy time per block (tests)'),
    })
    .strict(),
  result: z.object({ label: z.string(), runs: z.number(), inside: z.number(), checksum: z.number(), pi: z.number() }),
  load: (sources) => ({ label: sources[0]!.text.split('\n')[0]!.trim() }),
  run(input, params, ctx) {
    // The seed a sweep's blocks get is this first draw, so a direct run equals a sweep of as many runs.
    const seed = ctx.random.int(2 ** 31);
    return combine([block(params, { from: 0, to: params.runs, seed })], input, params);
  },
  render: (r) => `${r.label}: π ≈ ${r.pi} from ${r.runs} runs\n`,
  sweep: {
    blockSize: 25,
    block(_input, params, range) {
      spin(params.spinMs);
      return block(params, range);
    },
    combine: (blocks: readonly PiBlock[], input, params) => combine(blocks, input, params),
  },
});

function block(params: { points: number }, range: { from: number; to: number; seed: number }): PiBlock {
  let inside = 0;
  let checksum = 0;
  for (let run = range.from; run < range.to; run++) {
    const rng = createRandom(runSeed(range.seed, run));
    let hits = 0;
    for (let p = 0; p < params.points; p++) {
      const x = rng.next();
      const y = rng.next();
      if (x * x + y * y < 1) hits++;
    }
    inside += hits;
    checksum = (checksum + (run + 1) * hits) % 2147483647;
  }
  return { runs: range.to - range.from, inside, checksum };
}

function combine(blocks: readonly PiBlock[], input: { label: string }, params: { points: number }) {
  let runs = 0;
  let inside = 0;
  let checksum = 0;
  for (const b of blocks) {
    runs += b.runs;
    inside += b.inside;
    checksum = (checksum + b.checksum) % 2147483647;
  }
  return { label: input.label, runs, inside, checksum, pi: (4 * inside) / (runs * params.points) };
}

/** What `--engines-module` loads: the engines this module adds. */
export const engines = [piEngine];

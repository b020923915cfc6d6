import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntenteError } from '../errors';
import { parseGmcrCase } from './case-format';
import { fastAllCoalitionStability, fastPartitionStability } from './coalition-fast';
import {
  analyzeAllCoalitions,
  analyzePartition,
  COALITION_STATE_LIMIT,
  definitionalAllCoalitions,
  definitionalPartition,
} from './coalitions';
import { compileModel } from './compile';
import { mulberry32, syntheticModel } from './synthetic';
import { randomConflict } from './test-support';
import { CONCEPTS, type GmcrModel, type Semantics } from './types';

const rows = (t: Uint8Array[]) => t.map((r) => Array.from(r));

/** The same conflict with every option reversible (coalition reach by components, groups for blocks). */
const reversible = (model: GmcrModel): GmcrModel => ({
  ...model,
  options: model.options.map((o) => ({ ...o, reversibility: 'both' })),
});

/** A random partition of the DMs into blocks, from a seed. */
function randomBlocks(n: number, seed: number): number[][] {
  const rnd = mulberry32(seed);
  const label = Array.from({ length: n }, () => rnd() % n);
  const blocks = new Map<number, number[]>();
  label.forEach((b, d) => {
    blocks.set(b, [...(blocks.get(b) ?? []), d]);
  });
  return [...blocks.values()];
}

const conflicts = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  reversibleOnly: fc.boolean(),
  semantics: fc.constantFrom<Semantics>('textbook', 'gmcrpy'),
});

describe('coalition analyses on the fast engine equal the definitional solver', () => {
  it('over all coalitions (CNash, CGMR, CSMR, CSEQ), random conflicts with ties, 2-4 DMs', () => {
    const dmCounts = new Set<number>();
    fc.assert(
      fc.property(conflicts, ({ seed, reversibleOnly, semantics }) => {
        const base = randomConflict(seed);
        const graph = compileModel(reversibleOnly ? reversible(base) : base);
        dmCounts.add(graph.payoffs.length);
        const fast = fastAllCoalitionStability(graph, semantics);
        const slow = definitionalAllCoalitions(graph, semantics);
        for (const c of CONCEPTS) expect(rows(fast[c]), `${c} seed ${seed}`).toEqual(rows(slow.stability[c]));
      }),
      { numRuns: 100, seed: 16 },
    );
    expect([...dmCounts].sort()).toEqual([2, 3, 4]);
  });

  it('for fixed partitions (blocks as players), random conflicts and partitions', () => {
    fc.assert(
      fc.property(conflicts, ({ seed, reversibleOnly, semantics }) => {
        const base = randomConflict(seed);
        const graph = compileModel(reversibleOnly ? reversible(base) : base);
        const blocks = randomBlocks(graph.payoffs.length, seed);
        const fast = fastPartitionStability(graph, blocks, semantics);
        const slow = definitionalPartition(graph, blocks, semantics);
        for (const c of CONCEPTS) expect(rows(fast[c]), `${c} seed ${seed}`).toEqual(rows(slow.stability[c]));
      }),
      { numRuns: 150, seed: 61 },
    );
  });

  it('finds coalition-unstable states the individual concepts call stable (the analysis is not vacuous)', () => {
    let differs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const graph = compileModel(reversible(randomConflict(seed)));
      const r = analyzeAllCoalitions(graph, 'textbook');
      const single = fastPartitionStability(
        graph,
        graph.payoffs.map((_, d) => [d]),
        'textbook',
      );
      for (const c of CONCEPTS)
        r.stability[c].forEach((row, d) => {
          row.forEach((v, s) => {
            expect(v <= single[c][d]![s]!).toBe(true); // C-stable implies stable for H = {d}
            if (v < single[c][d]![s]!) differs++;
          });
        });
    }
    expect(differs).toBeGreaterThan(0);
  });
});

describe('coalition analyses at scale', () => {
  it('runs on 2^12 states (3 DMs, synthetic) and reports progress; a cancelled run stops', () => {
    const graph = compileModel(syntheticModel({ options: 12, dms: 3, seed: 7 }));
    const seen: number[] = [];
    const r = analyzeAllCoalitions(graph, 'textbook', { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.stability.nash).toHaveLength(3);
    const p = analyzePartition(graph, [[0, 1], [2]], 'textbook');
    expect(p.players).toHaveLength(2);
    const controller = new AbortController();
    controller.abort();
    expect(() => analyzeAllCoalitions(graph, 'textbook', { signal: controller.signal })).toThrow(/cancelled/);
  });

  it('refuses more than COALITION_STATE_LIMIT states, naming the limit', () => {
    expect(COALITION_STATE_LIMIT).toBe(65_536);
    const graph = compileModel(syntheticModel({ options: 17, dms: 3, seed: 7 }));
    let error: unknown;
    try {
      analyzeAllCoalitions(graph, 'textbook');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EntenteError);
    expect((error as EntenteError).code).toBe('GMCR_COALITION_TOO_LARGE');
    expect((error as EntenteError).message).toMatch(/65536 states .*COALITION_STATE_LIMIT.*131072/);
  });
});

const REFERENCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/reference/gmcr',
);
const HAS_REFERENCE = existsSync(path.join(REFERENCE_DIR, 'INDEX.json'));
if (!HAS_REFERENCE) console.warn(`gmcr reference cases not found at ${REFERENCE_DIR}; skipping their coalition checks`);

describe.skipIf(!HAS_REFERENCE)('coalition analyses on the reference cases', () => {
  it('fast equals definitional over all coalitions and for their gmcr-py partitions (cases up to 256 states)', () => {
    let checked = 0;
    for (const file of readdirSync(REFERENCE_DIR).filter((f) => f.endsWith('.json') && f !== 'INDEX.json')) {
      const doc = JSON.parse(readFileSync(path.join(REFERENCE_DIR, file), 'utf8'));
      if (!doc.states || doc.states.length > 256) continue;
      const graph = compileModel(parseGmcrCase(doc));
      for (const semantics of ['textbook', 'gmcrpy'] as const) {
        const fast = analyzeAllCoalitions(graph, semantics);
        const slow = definitionalAllCoalitions(graph, semantics);
        for (const c of CONCEPTS) expect(rows(fast.stability[c]), `${file} ${c}`).toEqual(rows(slow.stability[c]));
        for (const run of doc.coalitionAnalyses ?? []) {
          const p = analyzePartition(graph, run.coalitions, semantics);
          const q = definitionalPartition(graph, run.coalitions, semantics);
          for (const c of CONCEPTS) expect(rows(p.stability[c]), `${file} ${c}`).toEqual(rows(q.stability[c]));
        }
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});

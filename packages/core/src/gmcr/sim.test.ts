import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGmcrCase } from './case-format';
import { compileModel, movesFrom } from './compile';
import { definitionalSimStability } from './definitional';
import { analyzeStability, equilibriaOf } from './stability';
import { syntheticModel } from './synthetic';
import { randomConflict } from './test-support';
import type { Semantics, StabilityConcept } from './types';

const SEEDS = Array.from({ length: 120 }, (_, j) => 2000 + j);
const rows = (t: Uint8Array[]) => t.map((r) => Array.from(r));

const REFERENCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/reference/gmcr',
);
const HAS_REFERENCE = existsSync(path.join(REFERENCE_DIR, 'INDEX.json'));
if (!HAS_REFERENCE) console.warn(`gmcr reference cases not found at ${REFERENCE_DIR}; skipping the SIM reference test`);

describe('SIM and SEQ+SIM on seeded random conflicts', () => {
  it('textbook: the fast engine equals the definitional brute force', () => {
    for (const seed of SEEDS) {
      const graph = compileModel(randomConflict(seed));
      const fast = analyzeStability(graph, 'textbook', ['sim', 'seqsim']);
      for (const c of ['sim', 'seqsim'] as const)
        expect(rows(fast[c]), `seed ${seed} ${c}`).toEqual(rows(definitionalSimStability(graph, c, 'textbook')));
    }
  });

  for (const semantics of ['textbook', 'gmcrpy'] as Semantics[])
    it(`${semantics}: Nash ⊆ SIM ⊆ SEQ+SIM and SEQ ⊆ SEQ+SIM`, () => {
      for (const seed of SEEDS) {
        const graph = compileModel(randomConflict(seed));
        const t = analyzeStability(graph, semantics);
        for (let d = 0; d < graph.payoffs.length; d++)
          for (let s = 0; s < graph.stateCount; s++) {
            const at = (c: StabilityConcept) => t[c][d]![s]!;
            expect(
              at('nash') <= at('sim') && at('sim') <= at('seqsim') && at('seq') <= at('seqsim'),
              `seed ${seed} dm ${d} state ${s}`,
            ).toBe(true);
          }
      }
    });

  it('gmcr-py compatible results are never more stable than the textbook ones', () => {
    for (const seed of SEEDS) {
      const graph = compileModel(randomConflict(seed));
      const t = analyzeStability(graph, 'textbook', ['sim', 'seqsim']);
      const p = analyzeStability(graph, 'gmcrpy', ['sim', 'seqsim']);
      for (const c of ['sim', 'seqsim'] as const)
        for (let d = 0; d < graph.payoffs.length; d++)
          for (let s = 0; s < graph.stateCount; s++) expect(p[c][d]![s]!).toBeLessThanOrEqual(t[c][d]![s]!);
    }
  });

  it('SIM ⊆ GMR when every state is feasible, all moves reversible and nothing misperceived', () => {
    // A simultaneous response is then also reachable one opponent after another.
    for (const [dms, options, seed] of [
      [2, 6, 1],
      [3, 8, 2],
      [4, 8, 3],
      [3, 9, 4],
    ] as const) {
      const graph = compileModel(syntheticModel({ dms, options, seed }));
      const t = analyzeStability(graph, 'textbook', ['gmr', 'sim']);
      for (let d = 0; d < dms; d++)
        for (let s = 0; s < graph.stateCount; s++) expect(t.sim[d]![s]!).toBeLessThanOrEqual(t.gmr[d]![s]!);
    }
  });

  it('is not a subset of GMR in general (infeasible intermediate states), so no such claim is made', () => {
    let counterexamples = 0;
    for (const seed of SEEDS) {
      const graph = compileModel(randomConflict(seed));
      const t = analyzeStability(graph, 'textbook', ['gmr', 'sim']);
      for (let d = 0; d < graph.payoffs.length; d++)
        for (let s = 0; s < graph.stateCount; s++) if (t.sim[d]![s]! > t.gmr[d]![s]!) counterexamples++;
    }
    expect(counterexamples).toBeGreaterThan(0);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: reference documents are read field by field
const load = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));

describe.skipIf(!HAS_REFERENCE)('SIM against gmcr-py reference extras', () => {
  const files = HAS_REFERENCE
    ? [REFERENCE_DIR, path.join(REFERENCE_DIR, 'random')].flatMap((dir) =>
        readdirSync(dir)
          .filter((f) => f.endsWith('.json') && f !== 'INDEX.json')
          .map((f) => path.join(dir, f))
          .filter((f) => load(f).analysis?.extras?.sim),
      )
    : [];

  it('finds cases with SIM results', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('gmcrpy mode reproduces gmcr-py SIM stability and its SIM and SEQ+SIM equilibria exactly', () => {
    for (const file of files) {
      const doc = load(file);
      const graph = compileModel(parseGmcrCase(doc));
      const t = analyzeStability(graph, 'gmcrpy', ['sim', 'seqsim']);
      const ex = doc.analysis.extras;
      const name = path.basename(file);
      expect(
        t.sim.map((r) => Array.from(r, (x) => x === 1)),
        name,
      ).toEqual(ex.sim);
      expect(equilibriaOf(t.sim, graph.stateCount), name).toEqual(ex.equilibria_sim);
      expect(equilibriaOf(t.seqsim, graph.stateCount), name).toEqual(ex.equilibria_seq_and_sim);
    }
  });

  it('textbook SIM equals gmcr-py wherever the focal DM has at most one improvement (its iterator quirk cannot act)', () => {
    let compared = 0;
    for (const file of files) {
      const doc = load(file);
      const graph = compileModel(parseGmcrCase(doc));
      const t = analyzeStability(graph, 'textbook', ['sim']);
      for (let d = 0; d < graph.payoffs.length; d++)
        for (let s = 0; s < graph.stateCount; s++) {
          const uis = movesFrom(graph.moves[d]!, s).filter((x) => graph.payoffs[d]![x]! > graph.payoffs[d]![s]!);
          if (uis.length > 1) {
            // With several improvements gmcr-py can only be less stable.
            if (doc.analysis.extras.sim[d][s]) expect(t.sim[d]![s], `${file} dm ${d} state ${s}`).toBe(1);
            continue;
          }
          compared++;
          expect(t.sim[d]![s] === 1, `${path.basename(file)} dm ${d} state ${s}`).toBe(doc.analysis.extras.sim[d][s]);
        }
    }
    expect(compared).toBeGreaterThan(500);
  });
});

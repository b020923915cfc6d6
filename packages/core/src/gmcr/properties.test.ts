import { describe, expect, it } from 'vitest';
import { compileModel } from './compile';
import { definitionalStability, individualPlayers } from './definitional';
import { analyzeStability } from './stability';
import { randomConflict } from './test-support';
import { CONCEPTS, type GmcrModel, type Semantics } from './types';

const SEEDS = Array.from({ length: 60 }, (_, j) => 1000 + j);
const rows = (t: Uint8Array[]) => t.map((r) => Array.from(r));

/** The same conflict with its DMs listed in another order (options keep their order). */
function permuteDms(model: GmcrModel, perm: number[]): GmcrModel {
  // perm[newIndex] = oldIndex
  const inverse = perm.map((_, j) => perm.indexOf(j));
  return {
    ...model,
    options: model.options.map((o) => ({ ...o, dm: inverse[o.dm]! })),
    decisionMakers: perm.map((old) => model.decisionMakers[old]!),
    preferences: perm.map((old) => model.preferences[old]!),
  };
}

describe('stability properties on seeded random conflicts', () => {
  it('generates varied conflicts (2-4 DMs, ties, irreversibility, misperception)', () => {
    const models = SEEDS.map(randomConflict);
    expect(new Set(models.map((m) => m.decisionMakers.length)).size).toBe(3);
    expect(models.some((m) => m.options.some((o) => o.reversibility !== 'both'))).toBe(true);
    expect(models.some((m) => m.decisionMakers.some((d) => d.misperceptions.length > 0))).toBe(true);
  });

  for (const semantics of ['textbook', 'gmcrpy'] as Semantics[]) {
    it(`${semantics}: Nash ⊆ SMR ⊆ GMR and Nash ⊆ SEQ ⊆ GMR`, () => {
      for (const seed of SEEDS) {
        const graph = compileModel(randomConflict(seed));
        const t = analyzeStability(graph, semantics);
        for (let d = 0; d < graph.payoffs.length; d++)
          for (let s = 0; s < graph.stateCount; s++) {
            const [n, g, sm, sq] = [t.nash[d]![s]!, t.gmr[d]![s]!, t.smr[d]![s]!, t.seq[d]![s]!];
            expect(n <= sm && sm <= g && n <= sq && sq <= g, `seed ${seed} dm ${d} state ${s}`).toBe(true);
          }
      }
    });

    it(`${semantics}: the fast engine agrees with the definitional brute force`, () => {
      for (const seed of SEEDS) {
        const graph = compileModel(randomConflict(seed));
        const fast = analyzeStability(graph, semantics);
        for (const c of CONCEPTS)
          expect(rows(fast[c]), `seed ${seed} ${c}`).toEqual(
            rows(definitionalStability(graph, individualPlayers(graph), c, semantics)),
          );
      }
    });

    it(`${semantics}: relabelling DMs permutes the results`, () => {
      for (const seed of SEEDS.slice(0, 30)) {
        const model = randomConflict(seed);
        const n = model.decisionMakers.length;
        const perm = Array.from({ length: n }, (_, j) => (j + 1) % n).reverse();
        const a = analyzeStability(compileModel(model), semantics);
        const b = analyzeStability(compileModel(permuteDms(model, perm)), semantics);
        for (const c of CONCEPTS)
          expect(rows(b[c]), `seed ${seed} ${c}`).toEqual(perm.map((old) => Array.from(a[c][old]!)));
      }
    });
  }

  it('both semantics agree with two DMs, and textbook is never less stable', () => {
    for (const seed of SEEDS) {
      const graph = compileModel(randomConflict(seed));
      const t = analyzeStability(graph, 'textbook');
      const p = analyzeStability(graph, 'gmcrpy');
      for (const c of CONCEPTS)
        for (let d = 0; d < graph.payoffs.length; d++)
          for (let s = 0; s < graph.stateCount; s++) {
            if (graph.payoffs.length === 2) expect(t[c][d]![s]).toBe(p[c][d]![s]);
            expect(t[c][d]![s]!).toBeGreaterThanOrEqual(p[c][d]![s]!);
          }
    }
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeGmcr, selectConcepts } from './analyze';
import { parseGmcrCase } from './case-format';
import { compileModel, movesFrom } from './compile';
import { definitionalSimStability } from './definitional';
import { explainSimultaneous } from './explain';
import { lastSimPlan } from './sim';
import { analyzeStability, equilibriaOf, stabilityFor } from './stability';
import { syntheticModel } from './synthetic';
import { randomConflict } from './test-support';
import { ALL_CONCEPTS, CONCEPTS, type Semantics, type StabilityConcept } from './types';

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

describe('the two walks of the textbook SIM engine', () => {
  it('forward alone, backward alone and both in turn each equal the definitional brute force', () => {
    for (const seed of SEEDS.slice(0, 60)) {
      const graph = compileModel(randomConflict(seed));
      for (const concept of ['sim', 'seqsim'] as const) {
        const oracle = rows(definitionalSimStability(graph, concept, 'textbook'));
        for (const strategy of ['forward', 'backward', 'auto', 'baseline'] as const) {
          const fast = graph.payoffs.map((_, d) => stabilityFor(graph, d, concept, 'textbook', strategy));
          expect(rows(fast), `seed ${seed} ${concept} ${strategy}`).toEqual(oracle);
        }
      }
    }
  });

  it('agree with each other on a synthetic 2^12-state conflict (4 DMs)', () => {
    const graph = compileModel(syntheticModel({ dms: 4, options: 12, seed: 11 }));
    for (let d = 0; d < 4; d++) {
      const fwd = stabilityFor(graph, d, 'sim', 'textbook', 'forward');
      expect(Buffer.compare(stabilityFor(graph, d, 'sim', 'textbook', 'backward'), fwd), `dm ${d}`).toBe(0);
      expect(Buffer.compare(stabilityFor(graph, d, 'sim', 'textbook', 'auto'), fwd), `dm ${d}`).toBe(0);
      expect(Buffer.compare(stabilityFor(graph, d, 'sim', 'textbook', 'baseline'), fwd), `dm ${d}`).toBe(0);
    }
  });

  it('SEQ+SIM given the SIM flags (only SIM-unstable states walked) equals SEQ+SIM on its own', () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 12, seed: 5 }));
    for (let d = 0; d < 3; d++) {
      const sim = stabilityFor(graph, d, 'sim', 'textbook');
      const alone = stabilityFor(graph, d, 'seqsim', 'textbook');
      const given = stabilityFor(graph, d, 'seqsim', 'textbook', 'auto', () => sim);
      expect(Buffer.compare(given, alone), `dm ${d}`).toBe(0);
      expect(Buffer.compare(alone, sim), `dm ${d}: SEQ+SIM adds stable states here`).not.toBe(0);
    }
    // One plan per DM, built for SIM and reused by SEQ+SIM, gives the same flags as fresh plans.
    const planFor = lastSimPlan(graph);
    for (let d = 0; d < 3; d++) {
      const sim = stabilityFor(graph, d, 'sim', 'textbook', 'auto', () => null, planFor);
      const plan = planFor(d);
      const reused = stabilityFor(graph, d, 'seqsim', 'textbook', 'auto', () => sim, planFor);
      expect(planFor(d), `dm ${d}: the plan was kept`).toBe(plan);
      expect(Buffer.compare(sim, stabilityFor(graph, d, 'sim', 'textbook')), `dm ${d}`).toBe(0);
      expect(Buffer.compare(reused, stabilityFor(graph, d, 'seqsim', 'textbook')), `dm ${d}`).toBe(0);
    }
    for (const seed of SEEDS.slice(0, 40)) {
      const graph = compileModel(randomConflict(seed));
      const oracle = rows(definitionalSimStability(graph, 'seqsim', 'textbook'));
      const fast = analyzeStability(graph, 'textbook', ['seqsim', 'sim']);
      expect(rows(fast.seqsim), `seed ${seed}`).toEqual(oracle);
    }
  });
});

describe('SIM and SEQ+SIM explanations in words', () => {
  for (const semantics of ['textbook', 'gmcrpy'] as Semantics[])
    it(`${semantics}: the verdicts equal the engine's and every witness is a real simultaneous sanction`, () => {
      for (const seed of SEEDS.slice(0, 40)) {
        const graph = compileModel(randomConflict(seed));
        const table = analyzeStability(graph, semantics, ['sim', 'seqsim']);
        const owner = graph.model.options.map((o) => o.dm);
        for (const concept of ['sim', 'seqsim'] as const)
          for (let d = 0; d < graph.payoffs.length; d++)
            for (let s = 0; s < graph.stateCount; s++) {
              const e = explainSimultaneous(graph, d, s, concept, semantics);
              const where = `seed ${seed} ${concept} dm ${d} state ${s}`;
              expect(e.stable, where).toBe(table[concept][d]![s] === 1);
              expect(e.text.length, where).toBeGreaterThan(0);
              for (const imp of e.improvements) {
                expect(graph.payoffs[d]![imp.to]!, where).toBeGreaterThan(graph.payoffs[d]![s]!);
                const w = imp.simultaneous;
                if (!w) continue;
                expect(w.moves.length, where).toBeGreaterThan(0);
                expect(graph.payoffs[d]![w.outcome]!, where).toBeLessThanOrEqual(graph.payoffs[d]![s]!);
                for (const mv of w.moves) {
                  expect(mv.dm, where).not.toBe(d);
                  expect(movesFrom(graph.moves[mv.dm]!, s), where).toContain(mv.to);
                  expect(graph.payoffs[mv.dm]![mv.to]!, where).toBeGreaterThan(graph.payoffs[mv.dm]![s]!);
                }
                // Option by option: the focal DM's as in its UI, each mover's as in its move, the rest as in s.
                const bit = (state: number, o: number) => Math.floor(graph.decimals[state]! / 2 ** o) % 2;
                owner.forEach((k, o) => {
                  const from = k === d ? imp.to : (w.moves.find((mv) => mv.dm === k)?.to ?? s);
                  expect(bit(w.outcome, o), `${where} option ${o}`).toBe(bit(from, o));
                });
              }
            }
      }
    });

  it('names the deterring response, its movers and their option changes, in words', () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 6, seed: 5 }));
    const texts: string[] = [];
    for (let d = 0; d < graph.payoffs.length; d++)
      for (let s = 0; s < graph.stateCount; s++) texts.push(explainSimultaneous(graph, d, s, 'sim', 'textbook').text);
    expect(texts.join('\n')).toMatch(
      /DM\d can improve from state \d+ \[[YN]+\] to state \d+ \[[YN]+\] \(DM\d (takes|drops) 'o\d'.*\), but is deterred under SIM: at the same time DM\d (takes|drops) 'o\d'.*, which leads to state \d+ \[[YN]+\], which DM\d does not prefer to state \d+/,
    );
  });
});

describe('concept selection (analyzeGmcr concepts option)', () => {
  it('defaults to all six up to 2^16 states and to the classical four above, saying why', () => {
    expect(selectConcepts(2 ** 16)).toEqual({ concepts: [...ALL_CONCEPTS], skipped: [] });
    const big = selectConcepts(2 ** 16 + 1);
    expect(big.concepts).toEqual([...CONCEPTS]);
    expect(big.skipped).toEqual(['sim', 'seqsim']);
    expect(big.why).toMatch(/65537 states.*--concepts/);
    expect(() => selectConcepts(10, ['nash', 'bogus'])).toThrow(/bogus/);
  });

  it('computes what is asked (classical always) and explains only computed concepts', async () => {
    const report = await analyzeGmcr(syntheticModel({ dms: 3, options: 5, seed: 9 }), { concepts: ['seqsim'] });
    expect(report.concepts).toEqual(['nash', 'gmr', 'smr', 'seq', 'seqsim']);
    expect(report.skipped).toEqual(['sim']);
    expect(report.stability.sim).toBeUndefined();
    const graph = compileModel(syntheticModel({ dms: 3, options: 5, seed: 9 }));
    const t = analyzeStability(graph, 'textbook', ['seqsim']);
    expect(report.equilibria.seqsim).toEqual(equilibriaOf(t.seqsim, graph.stateCount));
    const kinds = new Set(report.explanations?.map((e) => e.concept));
    expect(kinds.has('seqsim')).toBe(true);
    expect(kinds.has('sim')).toBe(false);
  });
});

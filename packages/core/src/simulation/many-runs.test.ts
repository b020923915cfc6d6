import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { createRandom } from '../random/seeded-random';
import { buildScenarioModel, type ScenarioModel } from '../scenario/scenario-model';
import type { Scenario } from '../scenario/schema';
import { type Block, combineBlocks, type ManyRunsParams, runBlock, runMany, runOne, wilson } from './many-runs';
import { drawModel, parseUncertainty, runSeed } from './uncertainty';

/** A random two- or three-party scenario with a lever that lowers the second party's walk-away value. */
function model(seed: number, actors = 2): ScenarioModel {
  const s: Scenario = randomScenario(createRandom(seed), { actors, issues: 4 });
  const ids = Object.keys(s.preferences);
  for (const id of ids) s.preferences[id]!.noDeal = 0.55;
  s.levers = [
    {
      id: 'pressure',
      name: 'Pressure',
      holder: ids[0]!,
      target: ids[1]!,
      description: '',
      effect: { noDealShift: -0.3, valueShifts: [] },
      maxStrength: 2,
      evidence: [{ source: 's', quote: 'q' }],
    },
  ];
  return buildScenarioModel(s);
}

const base = (m: ScenarioModel, protocol = 'sao', strategy = 'boulware'): ManyRunsParams => ({
  config: {
    protocol,
    strategies: m.actors.map(() => strategy),
    deadline: { kind: 'fixed', steps: 40 },
  },
  runs: 60,
  seed: 7,
  table: { parties: m.actors.map((a) => a.actor.id), kind: 'all' },
  uncertainty: { spread: { weights: 0.3, values: 0.15, noDeal: 0.1 } },
});

describe('many seeded runs', () => {
  it('give the same aggregate whatever the blocks and their completion order', () => {
    const m = model(3);
    const p = base(m);
    const whole = combineBlocks([runBlock(m, p, { from: 0, to: 60 })], m, p);
    const parts: Block[] = [
      runBlock(m, p, { from: 40, to: 60 }),
      runBlock(m, p, { from: 0, to: 17 }),
      runBlock(m, p, { from: 17, to: 40 }),
    ];
    expect(combineBlocks(parts, m, p)).toEqual(whole);
    expect(runMany(m, p, 7)).toEqual(whole);
    // A run draws the same numbers whichever block runs it.
    expect(runOne(m, p, 23)).toEqual(runOne(m, p, 23, new Map()));
    expect(whole.runs).toBe(60);
    expect(whole.agreements).toBeGreaterThan(0);
  });

  it('seed each run from (seed, run) only, and differ between runs', () => {
    expect(runSeed(7, 3)).toBe(runSeed(7, 3));
    expect(new Set(Array.from({ length: 1000 }, (_, r) => runSeed(7, r))).size).toBe(1000);
    const m = model(5);
    const spec = parseUncertainty('weights=0.2,values=0.1,noDeal=0.05,dist=uniform');
    const a = drawModel(m, spec, createRandom(runSeed(1, 0)));
    const b = drawModel(m, spec, createRandom(runSeed(1, 1)));
    expect(a.actors[0]!.noDeal).not.toBe(b.actors[0]!.noDeal);
    expect(Math.abs(a.actors[0]!.noDeal - m.actors[0]!.noDeal)).toBeLessThanOrEqual(0.05);
    for (const actor of a.actors) expect(actor.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(() => parseUncertainty('weights=lots')).toThrow(/weights=W/);
    // A named input replaces the scenario's number with a draw from its own range.
    const id = m.actors[1]!.actor.id;
    const named = {
      inputs: [
        { actor: id, kind: 'noDeal' as const, range: { dist: 'triangular' as const, min: 0.1, mode: 0.2, max: 0.4 } },
      ],
    };
    const draws = Array.from(
      { length: 200 },
      (_, r) => drawModel(m, named, createRandom(runSeed(3, r))).actors[1]!.noDeal,
    );
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...draws)).toBeLessThanOrEqual(0.4);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo((0.1 + 0.2 + 0.4) / 3, 1);
    const bad = {
      inputs: [{ actor: id, kind: 'noDeal' as const, range: { dist: 'uniform' as const, min: 0.5, max: 0.1 } }],
    };
    expect(() => runBlock(m, { ...base(m), uncertainty: bad }, { from: 0, to: 1 })).toThrow(/min ≤ mode ≤ max/);
  });

  it('never agree below a party’s walk-away value or across a red-line keeper’s red line, in either protocol', () => {
    const agreed = { sao: 0, mediated: 0 };
    for (const protocol of ['sao', 'mediated'] as const)
      for (let seed = 0; seed < 6; seed++) {
        const m = model(100 + seed, 2 + (seed % 2));
        const p = { ...base(m, protocol, 'red-line-keeper'), runs: 20 };
        for (let r = 0; r < p.runs; r++) {
          const rec = runOne(m, p, r);
          if (!rec.terms) continue;
          agreed[protocol]++;
          const drawn = drawModel(m, p.uncertainty!, createRandom(runSeed(p.seed, r)));
          drawn.actors.forEach((a, q) => {
            expect(rec.utilities![q]!).toBeGreaterThanOrEqual(a.noDeal - 1e-12);
            for (const [i, o] of rec.terms!.entries()) expect(a.redLines[i]![o]).toBe(0);
          });
        }
      }
    // Both protocols do reach agreements here, so the checks above are exercised.
    expect(agreed.sao).toBeGreaterThan(0);
    expect(agreed.mediated).toBeGreaterThan(0);
  });

  it('move with a lever: P(agreement) rises with the strength of pressure on the second party', () => {
    const m = model(11);
    const p: ManyRunsParams = {
      ...base(m, 'sao', 'linear'),
      runs: 120,
      uncertainty: { spread: { noDeal: 0.05 } },
      leverSweep: { lever: 'pressure', strengths: [0, 2] },
    };
    const result = runMany(m, p);
    const [weak, strong] = result.sweep;
    expect(weak!.runs + strong!.runs).toBe(120);
    expect(strong!.pAgreement).toBeGreaterThan(weak!.pAgreement);
    // A schedule that applies the same lever from round 0 reproduces the strong half's runs.
    const { leverSweep: _, ...rest } = p;
    const scheduled: ManyRunsParams = { ...rest, schedule: [{ round: 0, lever: 'pressure', strength: 2 }] };
    expect(runOne(m, scheduled, 1).end).toBe(runOne(m, p, 1).end);
  });

  it('report a Wilson interval that contains the estimate and narrows with more runs', () => {
    const [lo, hi] = wilson(30, 100);
    expect(lo).toBeLessThan(0.3);
    expect(hi).toBeGreaterThan(0.3);
    const [lo2, hi2] = wilson(300, 1000);
    expect(hi2 - lo2).toBeLessThan(hi - lo);
    expect(wilson(0, 50)[0]).toBe(0);
  });
});

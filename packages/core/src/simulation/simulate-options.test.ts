import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { runEngine } from '../engine/run-engine';
import { createRandom } from '../random/seeded-random';
import type { Scenario } from '../scenario/schema';
import type { ManyRunsResult } from './many-runs';
import { parseLeverSweep, type SimulationResult, simulateEngine } from './simulate-engine';

/** A small three-party scenario with a lever that lowers p1's walk-away value, as a scenario file's text. */
function scenarioSource(seed = 3, edit: (s: Scenario) => void = () => {}) {
  const s = randomScenario(createRandom(seed), { actors: 3, issues: 4 });
  for (const pref of Object.values(s.preferences)) {
    pref.noDeal = 0.3;
    pref.redLines = [];
  }
  s.levers = [
    {
      id: 'pressure',
      name: 'Pressure',
      holder: 'p0',
      target: 'p1',
      description: '',
      effect: { noDealShift: -0.3, valueShifts: [] },
      maxStrength: 2,
      evidence: [{ source: 's', quote: 'q' }],
    },
  ];
  edit(s);
  return [{ name: 'small.json', text: JSON.stringify(s) }];
}

const run = async (params: Record<string, unknown>, seed = 1, src = scenarioSource()) =>
  (await runEngine(simulateEngine, src, params, { seed })).result as SimulationResult;
const many = (r: SimulationResult): ManyRunsResult => r.many!;

describe('the simulate engine’s scenario options', () => {
  it('takes a schedule: a lever from a round moves the outcome, an unknown lever is refused', async () => {
    const plain = await run({ runs: 40, steps: 30, strategies: 'conceder' });
    const pushed = await run({ runs: 40, steps: 30, strategies: 'conceder', schedule: '0:pressure=2' });
    const shifted = await run({ runs: 40, steps: 30, strategies: 'conceder', schedule: '0:p1.noDeal=-0.6' });
    // Lowering p1's walk-away value by 0.6 (or by 2 × 0.3 through the lever) is the same table.
    expect(many(pushed)).toEqual(many(shifted));
    expect(many(pushed).pAgreement).toBeGreaterThanOrEqual(many(plain).pAgreement);
    await expect(run({ schedule: '5:nothing=1' })).rejects.toMatchObject({ code: 'UNKNOWN_LEVER' });
    await expect(run({ schedule: 'soon:pressure=1' })).rejects.toMatchObject({ code: 'INVALID_SCHEDULE' });
  });

  it('draws uncertain inputs per run, from spreads and from the ranges the scenario declares', async () => {
    const fixed = await run({ runs: 60, steps: 30 });
    // Without uncertainty every boulware run is the same negotiation.
    expect([0, 1]).toContain(many(fixed).pAgreement);
    const spread = await run({ runs: 60, steps: 30, uncertainty: 'weights=0.5,values=0.3,noDeal=0.3,dist=uniform' });
    expect(many(spread)).not.toEqual(many(fixed));
    const ranged = scenarioSource(3, (s) => {
      for (const pref of Object.values(s.preferences)) pref.ranges = { weights: {}, values: {}, noDeal: [0, 1] };
      s.preferences.p2!.ranges = { weights: { i0: [1, 9] }, values: { i1: { o0: [0, 1] } }, noDeal: [0, 1] };
    });
    const withRanges = await run({ runs: 60, steps: 30 }, 1, ranged);
    const without = await run({ runs: 60, steps: 30, pointFigures: true }, 1, ranged);
    expect(many(without)).toEqual(many(fixed));
    // Walk-away values drawn over [0, 1]: some runs settle and some do not.
    expect(many(withRanges).pAgreement).toBeGreaterThan(0);
    expect(many(withRanges).pAgreement).toBeLessThan(1);
    await expect(run({ uncertainty: 'weights=lots' })).rejects.toMatchObject({ code: 'INVALID_UNCERTAINTY' });
  });

  it('runs partial agreements first, and refuses an unknown issue', async () => {
    const staged = await run({ runs: 20, steps: 20, strategies: 'conceder', stages: 'i0+i1;i2' });
    expect(many(staged).runs).toBe(20);
    const plain = await run({ runs: 20, steps: 20, strategies: 'conceder' });
    // The stages' rounds count in the run's final step.
    expect(many(staged).timeToAgreement?.mean ?? 0).not.toBe(many(plain).timeToAgreement?.mean ?? 0);
    await expect(run({ stages: 'i0+nope' })).rejects.toMatchObject({ code: 'UNKNOWN_ISSUE' });
  });

  it('sweeps a lever: P(agreement) per strength, rising with the pressure', async () => {
    const r = await run({ runs: 90, steps: 30, uncertainty: 'noDeal=0.2', leverSweep: 'pressure=0,1,2@3' });
    expect(r.leverCurve).toBe('pressure');
    const sweep = many(r).sweep;
    expect(sweep.map((s) => [s.strength, s.runs])).toEqual([
      [0, 30],
      [1, 30],
      [2, 30],
    ]);
    expect(sweep[2]!.pAgreement).toBeGreaterThanOrEqual(sweep[0]!.pAgreement);
    expect(parseLeverSweep('x=0, 1.5,3@30')).toEqual({ lever: 'x', strengths: [0, 1.5, 3], round: 30 });
    expect(() => parseLeverSweep('x=')).toThrow(/LEVER=S1/);
    await expect(run({ leverSweep: 'pressure=0,9' })).rejects.toMatchObject({ code: 'LEVER_STRENGTH_OUT_OF_RANGE' });
  });

  it('sets the mediator’s patience and departure, only under the mediated protocol', async () => {
    const patient = await run({ protocol: 'mediated', runs: 10, steps: 40, patience: 40 });
    const hasty = await run({ protocol: 'mediated', runs: 10, steps: 40, leaveAt: 1 });
    expect(many(hasty).pAgreement).toBeLessThanOrEqual(many(patient).pAgreement);
    expect(many(hasty).timeToAgreement?.mean ?? 1).toBeLessThanOrEqual(1);
    await expect(run({ patience: 3 })).rejects.toMatchObject({ code: 'SIMULATION_INVALID' });
  });

  it('negotiates among the parties named, all of them, or by default the scenario’s negotiating parties', async () => {
    expect((await run({})).parties).toEqual(['p0', 'p1', 'p2']);
    expect((await run({ parties: 'p2,p0' })).parties).toEqual(['p2', 'p0']);
    expect((await run({ parties: 'all' })).parties).toEqual(['p0', 'p1', 'p2']);
    await expect(run({ parties: 'p0,nobody' })).rejects.toMatchObject({ code: 'UNKNOWN_PARTY' });
    await expect(run({ parties: 'p0' })).rejects.toMatchObject({ code: 'SIMULATION_INVALID' });
  });
});

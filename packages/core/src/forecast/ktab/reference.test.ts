import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random';
import { caseToInput, readCase, referencePresent } from './reference.test-helper';
import { runSmp } from './run-smp';
import type { SmpParameters } from './types';

if (!referencePresent)
  console.warn('[ktab reference] ../shared/reference/forecasting not found: KTAB reference runs skipped.');

const deterministic = [
  'ktab-smp-dummy-3dim.json',
  'ktab-smp-china-soe-policy-competitive-2d.json',
  'ktab-smp-china-soe-policy-1d.json',
  'ktab-smp-china-soe-competitive-1d.json',
  'ktab-smp-dummy-6dim.json',
  'ktab-smp-dummy-a040.json',
  'ktab-smp-dummy-a080.json',
];

// Compares every round of KTAB's own runs (smpc, deterministic defaults) position by position.
describe.skipIf(!referencePresent)('KTAB SMP reference runs', () => {
  it.each(deterministic)('%s: every round, every actor, every dimension', (file) => {
    const c = readCase(file);
    const result = runSmp(caseToInput(c));
    const expected = c.expected!.rounds!;
    const tol = c.expected!.tolerance!;
    expect(result.mode).toBe('bargaining');
    expect(result.rounds.map((r) => r.t)).toEqual(expected.map((r) => r.t));
    for (const [t, round] of expected.entries()) {
      const ours = result.rounds[t]!;
      c.actors.forEach((a, i) => {
        round.positions[a.id]!.forEach((v, d) => {
          expect(Math.abs(ours.positions[d]![i]! - v), `t=${t} ${a.id} d${d}`).toBeLessThanOrEqual(tol.positions_abs);
        });
        expect(Math.abs(ours.winProb[i]! - round.position_win_prob[a.id]!), `t=${t} ${a.id} p`).toBeLessThanOrEqual(
          tol.win_prob_abs,
        );
      });
    }
    const derived = c.expected!.derived!;
    for (const [d, v] of derived.final_cap_x_sal_weighted_mean.entries()) expect(result.final[d]).toBeCloseTo(v, 3);
    for (const [d, v] of derived.final_pce_expected_position.entries()) {
      expect(Math.abs(result.finalPceExpected[d]! - v)).toBeLessThan(0.01);
    }
  });

  describe('stochastic XML example (MarkovIncentive, PropCbc, accommodation matrix)', () => {
    const c = referencePresent ? readCase('ktab-smp-smpexample-stochastic.json') : undefined;
    const parameters: Partial<SmpParameters> = {
      pceModel: 'markov-incentive',
      stateTransitions: 'stochastic',
      votingRule: 'prop-cbc',
    };

    it('reproduces the deterministic part: the t = 0 win probabilities', () => {
      const result = runSmp(caseToInput(c!), { parameters, random: createRandom(7), maxRounds: 1 });
      c!.actors.forEach((a, i) => {
        const expected = c!.expected!.deterministic_part!.t0_position_win_prob[a.id]!;
        expect(Math.abs(result.rounds[0]!.winProb[i]! - expected)).toBeLessThanOrEqual(1e-4);
      });
    });

    it('gives the same trajectory for the same seed, whatever else runs in between', () => {
      const input = caseToInput(c!);
      const a = runSmp(input, { parameters, random: createRandom(2026) });
      // Interleave another run with its own generator, as a worker pool would: no state is shared.
      runSmp(input, { parameters, random: createRandom(99) });
      const b = runSmp(input, { parameters, random: createRandom(2026) });
      expect(b.rounds.map((r) => r.positions)).toEqual(a.rounds.map((r) => r.positions));
      const other = runSmp(input, { parameters, random: createRandom(2027) });
      expect(other.rounds.map((r) => r.positions)).not.toEqual(a.rounds.map((r) => r.positions));
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/seeded-random';
import {
  type AnswerFeatures,
  answerProbabilities,
  DEFAULT_ANSWER_MODEL,
  mostProbableAnswer,
  probabilityOfYes,
} from './answer-probabilities';
import { ANSWER_OF_RULE, answerRule } from './answer-rule';
import { type AnswerObservation, fitAnswerModel } from './fit-answer-model';

const features = (margin: number, stakes = 0.4, extra: Partial<AnswerFeatures> = {}): AnswerFeatures => ({
  margin,
  stakes,
  bandShare: 0.25,
  softRedLines: 0,
  absoluteRedLines: 0,
  ...extra,
});

describe('answer probabilities', () => {
  it('sum to 1 and a yes grows with the margin (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (margin, step, stakes) => {
          const a = answerProbabilities(features(margin, stakes));
          const b = answerProbabilities(features(margin + step, stakes));
          expect(a.accepted + a.accepted_with_conditions + a.rejected).toBeCloseTo(1, 12);
          for (const p of Object.values(a)) expect(p).toBeGreaterThanOrEqual(0);
          expect(probabilityOfYes(b)).toBeGreaterThanOrEqual(probabilityOfYes(a) - 1e-12);
          expect(b.accepted).toBeGreaterThanOrEqual(a.accepted - 1e-12);
        },
      ),
    );
  });

  it('agree with the deterministic answer rule away from the band edges', () => {
    const rng = createRandom(7);
    for (let k = 0; k < 2000; k++) {
      const stakes = 0.05 + rng.next();
      const margin = (rng.next() * 2 - 1) * stakes;
      const band = 0.25 * stakes;
      // Within 0.3 of a stake-scaled scale unit of an edge the two may differ by design.
      if (Math.abs(Math.abs(margin) - band) < 0.3 * stakes * DEFAULT_ANSWER_MODEL.scale * 4) continue;
      const rule = ANSWER_OF_RULE[answerRule(margin, band, false)];
      expect(mostProbableAnswer(answerProbabilities(features(margin, stakes)))).toBe(rule);
    }
  });

  it('an absolute red line is a veto; a soft one a penalty that a large enough gain outweighs', () => {
    expect(answerProbabilities(features(0.9, 0.4, { absoluteRedLines: 1 })).rejected).toBe(1);
    expect(mostProbableAnswer(answerProbabilities(features(0.2, 0.4, { softRedLines: 1 })))).toBe('rejected');
    const huge = answerProbabilities(features(1, 0.4, { softRedLines: 1 }), {
      ...DEFAULT_ANSWER_MODEL,
      redLinePenalty: 0.5,
    });
    expect(mostProbableAnswer(huge)).toBe('accepted');
  });

  it('nothing at stake is indifference: "with conditions" is most probable', () => {
    expect(mostProbableAnswer(answerProbabilities(features(0, 0)))).toBe('accepted_with_conditions');
  });
});

describe('fitting the answer model', () => {
  /** Draws answers from the model itself with known parameters. */
  const simulate = (params: typeof DEFAULT_ANSWER_MODEL, n: number, seed: number): AnswerObservation[] => {
    const rng = createRandom(seed);
    return Array.from({ length: n }, () => {
      const f = features(rng.next() * 0.8 - 0.4, 0.4, { softRedLines: rng.next() < 0.1 ? 1 : 0 });
      const p = answerProbabilities(f, params);
      const u = rng.next();
      const observed =
        u < p.rejected
          ? 'rejected'
          : u < p.rejected + p.accepted_with_conditions
            ? 'accepted_with_conditions'
            : 'accepted';
      return { features: f, observed };
    });
  };

  it('recovers the parameters that generated many answers', () => {
    const truth = { ...DEFAULT_ANSWER_MODEL, scale: 0.15, shift: 0.1, bandFactor: 1.2 };
    const fit = fitAnswerModel(simulate(truth, 3000, 11));
    expect(fit.converged).toBe(true);
    expect(fit.params.scale).toBeGreaterThan(0.12);
    expect(fit.params.scale).toBeLessThan(0.19);
    expect(fit.params.shift).toBeGreaterThan(0.06);
    expect(fit.params.shift).toBeLessThan(0.14);
    expect(fit.params.bandFactor).toBeGreaterThan(1.05);
    expect(fit.params.bandFactor).toBeLessThan(1.35);
    expect(fit.logLikelihood).toBeGreaterThan(fit.logLikelihoodAtDefaults);
  });

  it('stays at the defaults without answers, and near them with few', () => {
    expect(fitAnswerModel([]).params.scale).toBeCloseTo(DEFAULT_ANSWER_MODEL.scale, 3);
    const few = fitAnswerModel(simulate({ ...DEFAULT_ANSWER_MODEL, shift: 0.3 }, 3, 5));
    expect(Math.abs(few.params.shift)).toBeLessThan(0.3);
  });
});

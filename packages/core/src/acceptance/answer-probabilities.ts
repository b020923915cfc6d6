import type { PredictedAnswer } from './answer-rule';

/**
 * The parameters of the ordinal answer model. A party's standing on a package is its margin over
 * its reference value divided by what the package puts at stake for it (`z`), less a penalty for
 * each red line the package crosses; two cut-points around zero, at ± bandFactor × its band share
 * (plus `shift`), separate "rejected", "accepted with conditions" and "accepted", and `scale` says
 * how sharply the answer turns at them (an ordered logit, as in McCullagh 1980).
 */
export interface AnswerModelParams {
  /** Logistic scale of the cut-points, in stake units: small is a sharp rule, large a hesitant party. */
  scale: number;
  /** How far a crossed (non-absolute) red line lowers the standing, in stake units. */
  redLinePenalty: number;
  /** Moves both cut-points: positive makes every party harder to satisfy. */
  shift: number;
  /** Multiplies each party's "accept with conditions" band share. */
  bandFactor: number;
  /** Reactive devaluation: how much an offer made only by other parties (none of them a partner) loses, in stake units. */
  adversaryDevaluation: number;
  /** Engagement: how much an offer made by a key partner gains, in stake units. */
  partnerEngagement: number;
  /** How much a step's effect on the party's position away from the table counts, per unit of its leverage figure over the stakes. */
  leverageWeight: number;
  /** How much a party that holds out for a larger package discounts a step offered in its place, in stake units. */
  holdOutPenalty: number;
}

/**
 * Published defaults: a sharp rule (scale 0.05 of the stakes) that agrees with the deterministic
 * answer rule away from its edges, and a red-line penalty of twice the stakes, so a crossed red line
 * rejects unless the package is worth far more than the alternative.
 */
export const DEFAULT_ANSWER_MODEL: Readonly<AnswerModelParams> = Object.freeze({
  scale: 0.05,
  redLinePenalty: 2,
  shift: 0,
  bandFactor: 1,
  adversaryDevaluation: 0,
  partnerEngagement: 0,
  leverageWeight: 0,
  holdOutPenalty: 0,
});

/** A probability for each answer, summing to 1. */
export interface AnswerProbabilities {
  accepted: number;
  accepted_with_conditions: number;
  rejected: number;
}

/** What the answer model reads from a party's standing on a package. */
export interface AnswerFeatures {
  /** utility − reference value. */
  margin: number;
  /** Utility the package puts at stake for the party (Σ weight × range over the issues it changes). */
  stakes: number;
  /** The party's "accept with conditions" band as a share of the stakes. */
  bandShare: number;
  /** Red lines crossed that are a strong penalty. */
  softRedLines: number;
  /** Red lines crossed that the scenario marks absolute: a veto. */
  absoluteRedLines: number;
  /** 1 when every proposer is another negotiating party and none is the party's partner (reactive devaluation, Ross & Stillinger 1991). */
  adversaryOffer?: number;
  /** 1 when a proposer is one of the party's key partners. */
  partnerOffer?: number;
  /** Σ of the party's leverage figures over the options a step changes (0 for settlements). */
  leverage?: number;
  /** 1 when the party holds out for a larger package and the package is only a step. */
  holdOut?: number;
}

/** The standing the cut-points are compared with, in stake units (what drove the answer). */
export interface AnswerDrivers {
  /** margin / stakes (0 when nothing is at stake). */
  standing: number;
  /** The red-line penalty subtracted from the standing. */
  redLinePenalty: number;
  /** What who proposed adds to the standing (negative: an adversary's offer devalued). */
  proposerEffect: number;
  /** What the step does away from the table, and the discount of a party holding out for more. */
  leverageEffect: number;
  holdOutEffect: number;
  /** Cut-points: below `lower` rejected, above `upper` accepted. */
  lower: number;
  upper: number;
  /** True when an absolute red line decides the answer. */
  veto: boolean;
}

const logistic = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** The stake-scaled standing and cut-points the answer model compares. */
export function answerDrivers(f: AnswerFeatures, p: AnswerModelParams = DEFAULT_ANSWER_MODEL): AnswerDrivers {
  // Nothing at stake means the party is indifferent: its standing is zero, not an undefined ratio.
  const standing = f.stakes > 1e-12 ? f.margin / f.stakes : 0;
  const half = p.bandFactor * f.bandShare;
  return {
    standing,
    redLinePenalty: p.redLinePenalty * f.softRedLines,
    proposerEffect: p.partnerEngagement * (f.partnerOffer ?? 0) - p.adversaryDevaluation * (f.adversaryOffer ?? 0),
    leverageEffect: f.stakes > 1e-12 ? (p.leverageWeight * (f.leverage ?? 0)) / f.stakes : 0,
    holdOutEffect: -p.holdOutPenalty * (f.holdOut ?? 0),
    lower: p.shift - half,
    upper: p.shift + half,
    veto: f.absoluteRedLines > 0,
  };
}

/**
 * Probabilities of the three answers from the ordered-logit model.
 * @example answerProbabilities({ margin: 0.2, stakes: 0.4, bandShare: 0.25, softRedLines: 0, absoluteRedLines: 0 }).accepted // ≈ 0.99
 */
export function answerProbabilities(
  f: AnswerFeatures,
  p: AnswerModelParams = DEFAULT_ANSWER_MODEL,
): AnswerProbabilities {
  const d = answerDrivers(f, p);
  if (d.veto) return { accepted: 0, accepted_with_conditions: 0, rejected: 1 };
  const s = d.standing - d.redLinePenalty + d.proposerEffect + d.leverageEffect + d.holdOutEffect;
  const scale = Math.max(p.scale, 1e-6);
  const rejected = logistic((d.lower - s) / scale);
  const notAccepted = Math.max(rejected, logistic((d.upper - s) / scale));
  return { accepted: 1 - notAccepted, accepted_with_conditions: notAccepted - rejected, rejected };
}

/** The most probable answer; ties go to the more cautious answer (rejected, then with conditions). */
export function mostProbableAnswer(p: AnswerProbabilities): PredictedAnswer {
  if (p.rejected >= p.accepted_with_conditions && p.rejected >= p.accepted) return 'rejected';
  if (p.accepted_with_conditions >= p.accepted) return 'accepted_with_conditions';
  return 'accepted';
}

/** Probability of a yes, with or without conditions. */
export const probabilityOfYes = (p: AnswerProbabilities): number => p.accepted + p.accepted_with_conditions;

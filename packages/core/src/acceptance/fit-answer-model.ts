import {
  type AnswerFeatures,
  type AnswerModelParams,
  type AnswerProbabilities,
  answerProbabilities,
  DEFAULT_ANSWER_MODEL,
} from './answer-probabilities';
import type { PredictedAnswer } from './answer-rule';

/** One recorded answer with what the model reads from the package it answered. */
export interface AnswerObservation {
  features: AnswerFeatures;
  observed: PredictedAnswer;
}

/** The fitted parameters and how well they fit. */
export interface AnswerModelFit {
  params: AnswerModelParams;
  /** Answers the fit used. */
  answers: number;
  /** Log-likelihood of the answers under the fitted and under the default parameters. */
  logLikelihood: number;
  logLikelihoodAtDefaults: number;
  /** Approximate standard errors on the fitting scale (log scale, log penalty, shift, log band factor). */
  standardErrors: { logScale: number; logRedLinePenalty: number; shift: number; logBandFactor: number } | null;
  iterations: number;
  converged: boolean;
}

/** Probabilities are kept off 0 and 1 by this much so one surprising answer cannot dominate a fit or a log loss. */
export const PROBABILITY_FLOOR = 1e-6;

/**
 * The regularisation: a Gaussian prior on each parameter (on its fitting scale) centred on the
 * published default, with these standard deviations; with few answers the fit stays near the defaults.
 */
export const ANSWER_MODEL_PRIOR_SD = Object.freeze({
  logScale: 1,
  logRedLinePenalty: 1,
  shift: 0.25,
  logBandFactor: 0.5,
});

const toVector = (p: AnswerModelParams): number[] => [
  Math.log(p.scale),
  Math.log(Math.max(p.redLinePenalty, 1e-3)),
  p.shift,
  Math.log(Math.max(p.bandFactor, 1e-3)),
];
const fromVector = (v: readonly number[]): AnswerModelParams => ({
  scale: Math.exp(v[0]!),
  redLinePenalty: Math.exp(v[1]!),
  shift: v[2]!,
  bandFactor: Math.exp(v[3]!),
});

/** The probability the model gives the observed answer, kept off zero. */
export function probabilityOfObserved(p: AnswerProbabilities, observed: PredictedAnswer): number {
  return Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, p[observed]));
}

/** Log-likelihood of the answers under the parameters. */
export function answerLogLikelihood(observations: readonly AnswerObservation[], params: AnswerModelParams): number {
  let sum = 0;
  for (const o of observations)
    sum += Math.log(probabilityOfObserved(answerProbabilities(o.features, params), o.observed));
  return sum;
}

/** Deterministic Nelder–Mead minimisation (the fit has four parameters, so a derivative-free simplex is enough). */
function minimise(
  f: (v: number[]) => number,
  start: number[],
  maxIterations: number,
): { x: number[]; iterations: number; converged: boolean } {
  const n = start.length;
  let simplex = [start, ...start.map((_, i) => start.map((x, j) => (i === j ? x + 0.5 : x)))];
  let values = simplex.map(f);
  for (let it = 0; it < maxIterations; it++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    if (Math.abs(values[n]! - values[0]!) < 1e-9 * (1 + Math.abs(values[0]!)))
      return { x: simplex[0]!, iterations: it, converged: true };
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p[j]!, 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n]![j]! - c));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < values[0]!) {
      const expanded = along(-2);
      const fe = f(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]!) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = along(fr < values[n]! ? -0.5 : 0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, values[n]!)) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i]!.map((x, j) => simplex[0]![j]! + 0.5 * (x - simplex[0]![j]!));
          values[i] = f(simplex[i]!);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best]!, iterations: maxIterations, converged: false };
}

/** Inverts a small symmetric matrix by Gauss–Jordan elimination; null when it is singular. */
function invert(m: number[][]): number[][] | null {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    if (Math.abs(a[pivot]![c]!) < 1e-12) return null;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const div = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= div;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = a[r]![c]!;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= k * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

/**
 * Fits the answer model by regularised maximum likelihood (a Gaussian prior around the published
 * defaults), so that it is the answers in `observations`, and only those, that move the parameters.
 * @example fitAnswerModel(observations).params.scale
 */
export function fitAnswerModel(
  observations: readonly AnswerObservation[],
  prior: AnswerModelParams = DEFAULT_ANSWER_MODEL,
): AnswerModelFit {
  const centre = toVector(prior);
  const sd = [
    ANSWER_MODEL_PRIOR_SD.logScale,
    ANSWER_MODEL_PRIOR_SD.logRedLinePenalty,
    ANSWER_MODEL_PRIOR_SD.shift,
    ANSWER_MODEL_PRIOR_SD.logBandFactor,
  ];
  const objective = (v: number[]) => {
    let penalty = 0;
    for (let j = 0; j < v.length; j++) penalty += ((v[j]! - centre[j]!) / sd[j]!) ** 2 / 2;
    // Bounds keep the parameters in the range the schema accepts.
    if (
      v[0]! < Math.log(1e-3) ||
      v[0]! > Math.log(10) ||
      v[1]! > Math.log(100) ||
      Math.abs(v[2]!) > 10 ||
      v[3]! > Math.log(10)
    )
      return Number.POSITIVE_INFINITY;
    return penalty - answerLogLikelihood(observations, fromVector(v));
  };
  const { x, iterations, converged } = minimise(objective, centre, 2000);
  const h = 1e-3;
  const hessian = x.map((_, i) =>
    x.map((_, j) => {
      const at = (di: number, dj: number) => objective(x.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0)));
      return (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
    }),
  );
  const inverse = invert(hessian);
  const se = inverse?.map((row, i) => Math.sqrt(Math.max(0, row[i]!)));
  const params = fromVector(x);
  return {
    params,
    answers: observations.length,
    logLikelihood: answerLogLikelihood(observations, params),
    logLikelihoodAtDefaults: answerLogLikelihood(observations, prior),
    standardErrors:
      se && se.every(Number.isFinite)
        ? { logScale: se[0]!, logRedLinePenalty: se[1]!, shift: se[2]!, logBandFactor: se[3]! }
        : null,
    iterations,
    converged,
  };
}

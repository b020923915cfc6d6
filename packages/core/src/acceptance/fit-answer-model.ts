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
  /** Approximate standard errors of the fitted parameters on their fitting scale (log for scale, penalty and band factor). */
  standardErrors: Partial<Record<keyof AnswerModelParams, number>> | null;
  iterations: number;
  converged: boolean;
}

/** Probabilities are kept off 0 and 1 by this much so one surprising answer cannot dominate a fit or a log loss. */
export const PROBABILITY_FLOOR = 1e-6;

/** How each parameter is fitted: on a log scale (positive ones) or as is, with its prior's standard deviation. */
const FIT_SCALES: Readonly<Record<keyof AnswerModelParams, { log: boolean; sd: number; max: number }>> = {
  scale: { log: true, sd: 1, max: 10 },
  redLinePenalty: { log: true, sd: 1, max: 100 },
  shift: { log: false, sd: 0.25, max: 10 },
  bandFactor: { log: true, sd: 0.5, max: 10 },
  adversaryDevaluation: { log: false, sd: 0.5, max: 10 },
  partnerEngagement: { log: false, sd: 0.5, max: 10 },
  leverageWeight: { log: false, sd: 0.5, max: 10 },
  holdOutPenalty: { log: false, sd: 0.5, max: 10 },
};

/**
 * The regularisation: a Gaussian prior on each parameter (on its fitting scale) centred on the
 * published default, with these standard deviations; with few answers the fit stays near the defaults.
 */
export const ANSWER_MODEL_PRIOR_SD: Readonly<Record<keyof AnswerModelParams, number>> = Object.freeze(
  Object.fromEntries(Object.entries(FIT_SCALES).map(([k, v]) => [k, v.sd])) as Record<keyof AnswerModelParams, number>,
);

const KEYS = Object.keys(FIT_SCALES) as (keyof AnswerModelParams)[];
const toFitScale = (key: keyof AnswerModelParams, x: number) => (FIT_SCALES[key].log ? Math.log(Math.max(x, 1e-3)) : x);
const fromFitScale = (key: keyof AnswerModelParams, v: number) => (FIT_SCALES[key].log ? Math.exp(v) : v);

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

/** Which parameters a fit may move; the others stay at their prior value (used for ablations). */
export type FreeParameters = Partial<Record<keyof AnswerModelParams, boolean>>;

/**
 * Fits the answer model by regularised maximum likelihood (a Gaussian prior around the published
 * defaults), so that it is the answers in `observations`, and only those, that move the parameters.
 * @example fitAnswerModel(observations).params.scale
 */
export function fitAnswerModel(
  observations: readonly AnswerObservation[],
  prior: AnswerModelParams = DEFAULT_ANSWER_MODEL,
  free: FreeParameters = {},
): AnswerModelFit {
  const keys = KEYS.filter((k) => free[k] !== false);
  const centre = keys.map((k) => toFitScale(k, prior[k]));
  const paramsOf = (v: readonly number[]): AnswerModelParams => {
    const out = { ...prior };
    keys.forEach((k, j) => {
      out[k] = fromFitScale(k, v[j]!);
    });
    return out;
  };
  const objective = (v: number[]) => {
    let penalty = 0;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      // Bounds keep the parameters in the range the schema accepts.
      if (Math.abs(fromFitScale(k, v[j]!)) > FIT_SCALES[k].max || (k === 'scale' && v[j]! < Math.log(1e-3)))
        return Number.POSITIVE_INFINITY;
      penalty += ((v[j]! - centre[j]!) / FIT_SCALES[k].sd) ** 2 / 2;
    }
    return penalty - answerLogLikelihood(observations, paramsOf(v));
  };
  const { x, iterations, converged } = minimise(objective, centre, 4000);
  const h = 1e-3;
  const hessian = x.map((_, i) =>
    x.map((_, j) => {
      const at = (di: number, dj: number) => objective(x.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0)));
      return (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
    }),
  );
  const inverse = keys.length > 0 ? invert(hessian) : null;
  const se = inverse?.map((row, i) => Math.sqrt(Math.max(0, row[i]!)));
  const params = paramsOf(x);
  return {
    params,
    answers: observations.length,
    logLikelihood: answerLogLikelihood(observations, params),
    logLikelihoodAtDefaults: answerLogLikelihood(observations, prior),
    standardErrors: se && se.every(Number.isFinite) ? Object.fromEntries(keys.map((k, j) => [k, se[j]!])) : null,
    iterations,
    converged,
  };
}

import type { SeededRandom } from '../random';

/**
 * Frontier-size estimate from a sample of packages, so an n-party frontier far above its limit is
 * refused in a second or two instead of after minutes of exact work.
 *
 * The exact frontier F of a space split into two blocks of issues A and B lies inside the Minkowski
 * sum F_A ⊕ F_B of the blocks' frontiers (a Pareto-optimal package is Pareto-optimal on each block),
 * so |F_A| × |F_B| is an exact upper bound and |F| = p × |F_A| × |F_B|, p the share of sum points
 * that no other sum point dominates. Uniform samples of sum points estimate p; an exact binomial
 * (Clopper–Pearson) bound turns the count into a lower bound on |F| that holds with the stated
 * confidence, and only that lower bound may refuse.
 */

/** What a sample of the candidate packages says about the frontier size. */
export interface FrontierSizeEstimate {
  /** |F_A| × |F_B|: an exact upper bound on the frontier size. */
  candidates: number;
  /** Candidates sampled (uniformly, with replacement) and how many of them are on the frontier. */
  samples: number;
  hits: number;
  /** Point estimate of the frontier size. */
  estimate: number;
  /** Bounds on the frontier size at the stated confidence (each look at the sample included). */
  lower: number;
  upper: number;
  confidence: number;
  /** `above`: the lower bound passes the limit; `within`: the upper bound is at or below it; else `unsure`. */
  verdict: 'above' | 'within' | 'unsure';
}

export interface EstimateOptions {
  /** Candidate sum points: indices i < countA of block A, j < countB of block B. */
  countA: number;
  countB: number;
  /** Whether candidate (i, j) is on the frontier of the sum (exact). */
  onFrontier: (i: number, j: number) => boolean;
  limit: number;
  rng: SeededRandom;
  /** Most samples drawn (default 2,048). */
  maxSamples?: number;
  /** Called between looks (cancel checks). */
  onLook?: () => void;
}

/** Samples between two looks at the bounds. */
const LOOK_EVERY = 32;
/** Error per look; with at most 2,048 / 32 = 64 looks the overall error stays below 1e-4 (union bound). */
const ALPHA_PER_LOOK = 1e-6;

/** Samples candidates until the bounds settle which side of the limit the frontier size is on. */
export function estimateFrontierSize(options: EstimateOptions): FrontierSizeEstimate {
  const { countA, countB, onFrontier, limit, rng } = options;
  const candidates = countA * countB;
  const maxSamples = options.maxSamples ?? 2048;
  const looks = Math.ceil(maxSamples / LOOK_EVERY);
  const confidence = 1 - ALPHA_PER_LOOK * looks;
  let hits = 0;
  let samples = 0;
  let lower = 0;
  let upper = candidates;
  while (samples < maxSamples) {
    if (onFrontier(rng.int(countA), rng.int(countB))) hits++;
    samples++;
    if (samples % LOOK_EVERY !== 0 && samples < maxSamples) continue;
    options.onLook?.();
    lower = candidates * binomialLower(hits, samples, ALPHA_PER_LOOK);
    upper = candidates * binomialUpper(hits, samples, ALPHA_PER_LOOK);
    if (lower > limit || upper <= limit) break;
  }
  const verdict = lower > limit ? 'above' : upper <= limit ? 'within' : 'unsure';
  return { candidates, samples, hits, estimate: (candidates * hits) / samples, lower, upper, confidence, verdict };
}

/** log P(X = x) for X ~ Binomial(n, p), 0 < p < 1. */
function logPmf(n: number, x: number, p: number, logChoose: Float64Array): number {
  return logChoose[x]! + x * Math.log(p) + (n - x) * Math.log1p(-p);
}

/** log C(n, x) for x = 0..n. */
function logChooseRow(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let x = 1; x <= n; x++) out[x] = out[x - 1]! + Math.log((n - x + 1) / x);
  return out;
}

/** P(lo ≤ X ≤ hi) for X ~ Binomial(n, p), summed in log space (no underflow for large n). */
function binomialMass(n: number, p: number, lo: number, hi: number, logChoose: Float64Array): number {
  if (p <= 0) return lo === 0 ? 1 : 0;
  if (p >= 1) return hi === n ? 1 : 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let x = lo; x <= hi; x++) max = Math.max(max, logPmf(n, x, p, logChoose));
  let s = 0;
  for (let x = lo; x <= hi; x++) s += Math.exp(logPmf(n, x, p, logChoose) - max);
  return Math.exp(max) * s;
}

/** Clopper–Pearson lower bound: the p at which seeing `hits` or more has probability alpha. */
export function binomialLower(hits: number, n: number, alpha: number): number {
  if (hits === 0) return 0;
  const row = logChooseRow(n);
  return bisect(0, hits / n, (p) => binomialMass(n, p, hits, n, row) < alpha)[0];
}

/** Clopper–Pearson upper bound: the p at which seeing `hits` or fewer has probability alpha. */
export function binomialUpper(hits: number, n: number, alpha: number): number {
  if (hits === n) return 1;
  const row = logChooseRow(n);
  return bisect(hits / n, 1, (p) => binomialMass(n, p, 0, hits, row) >= alpha)[1];
}

/** Brackets [a, b] of the boundary of a predicate true below it and false above, to 1e-12 (or 60 halvings). */
function bisect(lo: number, hi: number, below: (p: number) => boolean): [number, number] {
  let a = lo;
  let b = hi;
  for (let t = 0; t < 60 && b - a > 1e-12; t++) {
    const mid = (a + b) / 2;
    if (below(mid)) a = mid;
    else b = mid;
  }
  return [a, b];
}

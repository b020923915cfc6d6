import { scratch, sortedOrder, weights } from './baselines';
import { nashBargaining } from './nash';
import type { Issue1D } from './types';

/** True when every actor sits at one end of the scale (a yes/no issue: DEU's "dichotomous" issues). */
export function isBinaryIssue(issue: Issue1D): boolean {
  if (issue.x.length === 0) return false;
  for (let i = 0; i < issue.x.length; i++) if (issue.x[i] !== issue.min && issue.x[i] !== issue.max) return false;
  return true;
}

/** Mean and variance of the upper camp's share of the normalised weight (the vote total of `voteForecast`). */
export function voteMoments(issue: Issue1D): { mean: number; variance: number } {
  const { x, s, min, max } = issue;
  const n = x.length;
  const buf = scratch(n);
  const w = weights(issue.c, s, buf.w);
  // Summing in position order keeps the result identical whatever order the actors come in.
  const order = sortedOrder(x, w, s, buf.order);
  let total = 0;
  for (let k = 0; k < n; k++) total += w[order[k]!]!;
  if (!(total > 0)) return { mean: Number.NaN, variance: Number.NaN };
  const mid = min + (max - min) / 2;
  let mean = 0;
  let variance = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const wi = w[i]! / total;
    const sal = Math.min(1, Math.max(0, s[i]!));
    // An actor sides with the end it sits nearer to, and holds to it with probability (1 + s) / 2.
    const q = x[i]! > mid ? (1 + sal) / 2 : x[i]! < mid ? (1 - sal) / 2 : 0.5;
    mean += wi * q;
    variance += wi * wi * q * (1 - q);
  }
  return { mean, variance };
}

/**
 * The probabilistic weighted-majority vote on a yes/no issue: each actor votes for the end of the
 * scale it sits nearer to with probability (1 + s_i)/2 (a fully salient actor never defects, an
 * indifferent one is a coin toss), independently, with weight w_i = c_i·s_i; the forecast is
 * min + (max − min) · P(the upper end's weight ≥ half), P by the normal approximation
 * Φ((μ − ½)/σ) of the weight total (Lyapunov CLT; μ, σ² from `voteMoments`). It is the expected
 * outcome of the vote, not the expected vote share (which is what the weighted mean is).
 */
export function voteForecast(issue: Issue1D): number {
  if (issue.x.length === 0) return Number.NaN;
  const { mean, variance } = voteMoments(issue);
  if (!Number.isFinite(mean)) return Number.NaN;
  const p = variance > 0 ? normalCdf((mean - 0.5) / Math.sqrt(variance)) : mean > 0.5 ? 1 : mean < 0.5 ? 0 : 0.5;
  return issue.min + p * (issue.max - issue.min);
}

/**
 * `nash_vote`: the probabilistic vote on yes/no issues, the Nash bargaining solution elsewhere.
 * `binary` says which path to take; Monte-Carlo draws pass the coded issue's answer, since a
 * perturbed position is never exactly at an end of the scale.
 */
export function nashVote(issue: Issue1D, binary = isBinaryIssue(issue)): number {
  return binary ? voteForecast(issue) : nashBargaining(issue);
}

/** The standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7, symmetric: Φ(−z) = 1 − Φ(z)). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

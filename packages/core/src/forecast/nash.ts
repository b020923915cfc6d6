import { scratch, sortedOrder, weights } from './baselines';
import type { Issue1D } from './types';

/**
 * The asymmetric Nash bargaining solution on one issue scale (Nash 1950; Kalai 1977 for the
 * weighted form; Achen 2006 on bargaining models of EU decisions): the point x that maximises
 *   Σ_i w_i · log u_i(x),  u_i(x) = 1 − |x − x_i| / D_i,  D_i = max(x_i − min, max − x_i),
 * with bargaining powers w_i = capability × salience, linear (absolute-distance) utilities normalised
 * so each actor's worst point on the scale is its disagreement payoff 0. No parameter is fitted.
 * The objective is concave, so the maximiser is the point where its right derivative changes sign,
 * found by bisection to double precision inside the span of the positions.
 */
export function nashBargaining(issue: Issue1D): number {
  const { x, min, max } = issue;
  const n = x.length;
  if (n === 0) return Number.NaN;
  const { w: wBuf, order: oBuf, a: xs, b: ws, d: ds } = scratch(n);
  const w = weights(issue.c, issue.s, wBuf);
  // Summing in position order keeps the result identical whatever order the actors come in.
  const order = sortedOrder(x, w, issue.s, oBuf);
  let total = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    xs[k] = x[i]!;
    ws[k] = w[i]!;
    ds[k] = Math.max(x[i]! - min, max - x[i]!);
    total += w[i]!;
    if (x[i]! < lo) lo = x[i]!;
    if (x[i]! > hi) hi = x[i]!;
  }
  if (!(total > 0)) return Number.NaN;
  if (lo === hi) return lo;
  // Weights only matter as ratios: normalising makes the result exactly invariant under rescaling.
  for (let k = 0; k < n; k++) ws[k] = ws[k]! / total;
  for (let it = 0; it < 200; it++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (slope(mid, xs, ws, ds, n) > 0) lo = mid;
    else hi = mid;
  }
  return slope(lo, xs, ws, ds, n) > 0 ? hi : lo;
}

/**
 * Right derivative of the objective at t (moving right is away from actors at or left of t), the
 * terms summed in position order; a + (−b) and a − b are the same float, so the sign split is exact.
 */
function slope(t: number, xs: Float64Array, ws: Float64Array, ds: Float64Array, n: number): number {
  let g = 0;
  let k = 0;
  // Positions are sorted: the actors at or left of t come first, where |t − x| = t − x.
  for (; k < n && t >= xs[k]!; k++) g -= ws[k]! / (ds[k]! - (t - xs[k]!));
  for (; k < n; k++) g += ws[k]! / (ds[k]! - (xs[k]! - t));
  return g;
}

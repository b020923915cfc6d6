import type { SmpInput, SmpParameters } from './types';

/** KTAB's deterministic defaults (the bold column of NOTES §3.3). */
export const SMP_DEFAULTS: SmpParameters = {
  victoryProbModel: 'linear',
  pceModel: 'conditional',
  stateTransitions: 'deterministic',
  votingRule: 'proportional',
  bigRAdjust: 'one-third',
  bigRRange: 'mid',
  thirdPartyCommit: 'semi',
  interVecBrgn: 's2p2',
  bargnModel: 'init-only-interp',
};

/** The fixed part of one run: actors' capabilities and saliences, flattened actor-major. */
export interface SmpModel {
  n: number;
  dims: number;
  cap: Float64Array;
  /** sal[i*dims+d] in [0, 1]. */
  sal: Float64Array;
  /** Σ_d sal[i*dims+d]: the actor's overall salience. */
  salSum: Float64Array;
  params: SmpParameters;
  /** Row-major n×n accommodation matrix, or null for identity (ideals track positions). */
  accommodation: Float64Array | null;
}

/** One state: positions and ideals on [0, 1] (actor-major), with what the turn derives from them. */
export interface SmpState {
  pos: Float64Array;
  ideal: Float64Array;
  /** vDiff[i*n+j]: salience-weighted distance from i's ideal to j's position. */
  vDiff: Float64Array;
  /** Risk attitude R_i ∈ [−1, 1] inferred from how likely i's position is to win. */
  risk: Float64Array;
}

export function buildModel(input: SmpInput, params: SmpParameters): SmpModel {
  const n = input.actors.length;
  const dims = input.dimensions.length;
  const sal = new Float64Array(n * dims);
  const salSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < dims; d++) {
      const v = input.salience[d]![i]!;
      sal[i * dims + d] = v;
      s = s + v;
    }
    salSum[i] = s;
  }
  return {
    n,
    dims,
    cap: Float64Array.from(input.capability),
    sal,
    salSum,
    params,
    accommodation: input.accommodation && !isIdentity(input.accommodation, n) ? input.accommodation : null,
  };
}

function isIdentity(a: Float64Array, n: number): boolean {
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = a[i * n + j]! - (i === j ? 1 : 0);
      s += d * d;
    }
  }
  return Math.sqrt(s) < 1e-10;
}

/**
 * Salience-weighted distance from actor i's ideal to the point stored at pts[at..at+dims), in
 * [0, 1] (KTAB `bvDiff`); in one dimension the salience cancels and this is |Δ|.
 */
export function distanceFrom(model: SmpModel, i: number, ideal: Float64Array, pts: Float64Array, at: number): number {
  const { dims, sal } = model;
  let dsSqr = 0;
  let ssSqr = 0;
  for (let d = 0; d < dims; d++) {
    const s = sal[i * dims + d]!;
    const ds = (ideal[i * dims + d]! - pts[at + d]!) * s;
    dsSqr = dsSqr + ds * ds;
    ssSqr = ssSqr + s * s;
  }
  if (ssSqr > 0) return Math.sqrt(dsSqr / ssSqr);
  // An actor that cares about nothing sees plain RMS distance (KTAB rejects it outright).
  let sq = 0;
  for (let d = 0; d < dims; d++) {
    const x = ideal[i * dims + d]! - pts[at + d]!;
    sq += x * x;
  }
  return Math.sqrt(sq / dims);
}

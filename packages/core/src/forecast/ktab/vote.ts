import type { SmpBigRAdjust, SmpBigRRange, SmpVictoryProbModel, SmpVotingRule } from './types';

/** KTAB's smallest coalition strength: keeps every victory probability defined (no 0/0). */
const MIN_COALITION = 1e-8;

/**
 * One actor's vote between options a and b (positive favours a), KTAB `Model::vote`.
 * @example vote('proportional', 2, 0.9, 0.4) // 1
 */
function vote(rule: SmpVotingRule, weight: number, ua: number, ub: number): number {
  const du = ua - ub;
  switch (rule) {
    case 'proportional':
      return weight * du;
    case 'binary':
      return weight * clipUnit(du / 1e-8);
    case 'prop-bin':
      return weight * ((1 - 0.2) * du + 0.2 * clipUnit(du / 1e-8));
    case 'cubic':
      return weight * du * du * du;
    case 'prop-cbc':
      return weight * ((1 - 0.5) * du + 0.5 * (du * du * du));
    case 'asym-prosp':
      // Losses count fully, gains two-thirds (prospect-theory asymmetry).
      if (du < 0) return weight * du;
      if (du > 0) return (2 * weight * du) / 3;
      return 0;
  }
}

function clipUnit(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

/** Probability that the side with strength s1 beats the side with s2 (KTAB `Model::vProb`). */
function victoryProb(model: SmpVictoryProbModel, s1: number, s2: number): number {
  let x1 = s1;
  let x2 = s2;
  switch (model) {
    case 'linear':
      break;
    case 'square':
      x1 = s1 * s1;
      x2 = s2 * s2;
      break;
    case 'quartic':
      x1 = s1 * s1 * (s1 * s1);
      x2 = s2 * s2 * (s2 * s2);
      break;
    case 'octic': {
      const q1 = s1 * s1 * (s1 * s1);
      const q2 = s2 * s2 * (s2 * s2);
      x1 = q1 * q1;
      x2 = q2 * q2;
      break;
    }
    case 'binary': {
      // A 10 % advantage is decisive; linear interpolation in between avoids round-off jumps.
      const thresh = 1.1;
      if (s1 >= thresh * s2) {
        x1 = 1;
        x2 = 1e-6;
      } else if (s2 >= thresh * s1) {
        x1 = 1e-6;
        x2 = 1;
      } else {
        const p12 = ((s1 / (s1 + s2)) * (thresh + 1) - 1) / (thresh - 1);
        x1 = p12;
        x2 = 1 - p12;
      }
      break;
    }
  }
  return x1 / (x1 + x2);
}

/** A vote function specialised to one rule, so hot loops make no per-vote switch or cross-module call. */
export type Voter = (weight: number, ua: number, ub: number) => number;

export function voter(rule: SmpVotingRule): Voter {
  if (rule === 'proportional') return (w, ua, ub) => w * (ua - ub);
  return (w, ua, ub) => vote(rule, w, ua, ub);
}

/**
 * Coalition strengths over `numOpt` options: c[i*numOpt+j] = strength for i against j, from
 * `numAct` voters with weights w and utilities u[k*numOpt+o] (KTAB `Model::coalitions`).
 */
export function coalitions(
  rule: SmpVotingRule,
  w: Float64Array,
  u: Float64Array,
  numAct: number,
  numOpt: number,
  out?: Float64Array,
): Float64Array {
  const cast = voter(rule);
  const proportional = rule === 'proportional';
  // Every entry is written below, so a reused buffer (`out`) needs no clearing.
  const c = out ?? new Float64Array(numOpt * numOpt);
  for (let i = 0; i < numOpt; i++) {
    for (let j = 0; j < i; j++) {
      let cij = MIN_COALITION;
      let cji = MIN_COALITION;
      for (let k = 0; k < numAct; k++) {
        const ui = u[k * numOpt + i]!;
        const uj = u[k * numOpt + j]!;
        // Proportional (the default) inline: a call per vote would box every returned double.
        const v = proportional ? w[k]! * (ui - uj) : cast(w[k]!, ui, uj);
        if (v > 0) cij = cij + v;
        if (v < 0) cji = cji - v;
      }
      c[i * numOpt + j] = cij;
      c[j * numOpt + i] = cji;
    }
    c[i * numOpt + i] = MIN_COALITION;
  }
  return c;
}

/** Square matrix of P(i beats j) from coalition strengths; the diagonal is ½. */
export function victoryMatrix(
  model: SmpVictoryProbModel,
  c: Float64Array,
  n: number,
  out?: Float64Array,
): Float64Array {
  const p = out ?? new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const pij = victoryProb(model, c[i * n + j]!, c[j * n + i]!);
      p[i * n + j] = pij;
      p[j * n + i] = victoryProb(model, c[j * n + i]!, c[i * n + j]!);
    }
    p[i * n + i] = 0.5;
  }
  return p;
}

/** Risk attitudes from PCE probabilities: the most probable gets +1 (KTAB `bigRfromProb`). */
export function bigRFromProb(p: Float64Array, range: SmpBigRRange): Float64Array {
  let pMin = 1;
  let pMax = 0;
  for (const x of p) {
    if (x < pMin) pMin = x;
    if (x > pMax) pMax = x;
  }
  const r = new Float64Array(p.length);
  // All positions equally likely: no one is favoured, so everyone is risk-neutral (KTAB divides by 0).
  if (!(pMax > pMin)) return r;
  for (let i = 0; i < p.length; i++) {
    const x = p[i]!;
    if (range === 'min') r[i] = (x - pMin) / (pMax - pMin);
    else if (range === 'mid') r[i] = (3 * x - (pMax + 2 * pMin)) / (2 * (pMax - pMin));
    else r[i] = (2 * x - (pMax + pMin)) / (pMax - pMin);
  }
  return r;
}

/** h's estimate of i's risk attitude (KTAB `Model::estNRA`). */
export function estRisk(rh: number, ri: number, adjust: SmpBigRAdjust): number {
  switch (adjust) {
    case 'full':
      return ri;
    case 'two-thirds':
      return (rh + 2.0 * ri) / 3.0;
    case 'half':
      return (rh + ri) / 2;
    case 'one-third':
      return (2.0 * rh + ri) / 3.0;
    case 'none':
      return rh;
  }
}

/** Utility of a normalised distance d under risk attitude r: concave for r > 0 (KTAB `bsUtil`). */
export function riskUtil(d: number, r: number): number {
  return d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r);
}

import type { SmpPceModel, SmpVictoryProbModel, SmpVotingRule } from './types';
import { coalitions, victoryMatrix } from './vote';

/**
 * Probabilistic Condorcet Election over n options from their coalition strengths c (row i against
 * column j): the probability that each option wins (KTAB `Model::probCE2`).
 */
export function probCondorcet(
  model: SmpPceModel,
  vpm: SmpVictoryProbModel,
  c: Float64Array,
  n: number,
  scratch?: Float64Array,
): Float64Array {
  const pv = victoryMatrix(vpm, c, n, scratch);
  if (model === 'conditional') return conditionalPce(pv, n);
  if (model === 'markov-uniform') return markovUniformPce(pv, n);
  return markovIncentivePce(pv, c, n);
}

/** p_i ∝ Π_j P(i > j): the chance that i beats every alternative, given that one option does. */
function conditionalPce(pv: Float64Array, n: number): Float64Array {
  const p = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let pi = 1.0;
    for (let j = 0; j < n; j++) pi = pi * pv[i * n + j]!;
    p[i] = pi;
    total = total + pi;
  }
  for (let i = 0; i < n; i++) p[i] = p[i]! / total;
  return p;
}

/** Markov chain with uniformly random challengers, damped by averaging old and new (KTAB). */
function markovUniformPce(pv: Float64Array, n: number): Float64Array {
  let p = new Float64Array(n).fill(1 / n);
  let change = 1;
  for (let iter = 0; 1e-6 < change && iter < 1000; iter++) {
    change = 0;
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let pi = 0;
      for (let j = 0; j < n; j++) pi = pi + pv[i * n + j]! * (p[i]! + p[j]!);
      const qi = pi / n;
      const d = Math.abs(qi - p[i]!);
      if (d > change) change = d;
      next[i] = (p[i]! + qi) / 2.0;
    }
    p = next;
  }
  return p;
}

/** Markov chain where challengers appear in proportion to their incentive (Wise's note). */
function markovIncentivePce(pv: Float64Array, c: Float64Array, n: number): Float64Array {
  const inctv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) inctv[i * n + j] = c[i * n + j]! * pv[i * n + j]! + (i === j ? 1e-10 : 0);
  }
  const colSum = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0.0;
    for (let k = 0; k < n; k++) s = s + inctv[k * n + j]!;
    colSum[j] = s;
  }
  // chlg[i*n+j]: probability that i challenges incumbent j.
  const chlg = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) chlg[i * n + j] = inctv[i * n + j]! / colSum[j]!;
  let p = new Float64Array(n).fill(1 / n);
  let change = 1;
  for (let iter = 0; 1e-8 < change && iter < 1000; iter++) {
    change = 0;
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let qi = 0.0;
      for (let j = 0; j < n; j++) {
        const cj = p[i]! * chlg[j * n + i]! + p[j]! * chlg[i * n + j]!;
        qi = qi + pv[i * n + j]! * cj;
      }
      const d = Math.abs(qi - p[i]!);
      if (d > change) change = d;
      next[i] = (p[i]! + qi) / 2.0;
    }
    p = next;
  }
  return p;
}

/**
 * PCE over numOpt options voted by numAct actors with weights w and utilities u[k*numOpt+o]
 * (KTAB `Model::scalarPCE`).
 */
export function scalarPce(
  numAct: number,
  numOpt: number,
  w: Float64Array,
  u: Float64Array,
  rule: SmpVotingRule,
  vpm: SmpVictoryProbModel,
  pcem: SmpPceModel,
  scratch?: { c: Float64Array; pv: Float64Array },
): Float64Array {
  const c = coalitions(rule, w, u, numAct, numOpt, scratch?.c);
  return probCondorcet(pcem, vpm, c, numOpt, scratch?.pv);
}

import type { SmpModel, SmpState } from './model';
import type { SmpThirdPartyCommit } from './types';
import { estRisk, type Voter, voter } from './vote';

/** Strength every side starts from in a challenge, so φ is defined when no one cares. */
const MIN_CHALLENGE_COALITION = 1e-10;

/**
 * Actor h's utility matrix, stored by column so a challenge reads its third parties contiguously:
 * u[b*n+a] = utility to a of b's position with a's risk attitude as h estimates it (KTAB `aUtil[h]`).
 */
export function perspectiveUtilities(model: SmpModel, state: SmpState, h: number, out?: Float64Array): Float64Array {
  const { n } = model;
  const u = out ?? new Float64Array(n * n);
  const rh = state.risk[h]!;
  for (let a = 0; a < n; a++) {
    const r = estRisk(rh, state.risk[a]!, model.params.bigRAdjust);
    for (let b = 0; b < n; b++) {
      const d = state.vDiff[a * n + b]!;
      u[b * n + a] = d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r);
    }
  }
  return u;
}

/** h's estimate of every actor's risk attitude (the r of `perspectiveUtilities`), into out. */
export function riskEstimates(model: SmpModel, state: SmpState, h: number, out: Float64Array): Float64Array {
  const rh = state.risk[h]!;
  for (let a = 0; a < model.n; a++) out[a] = estRisk(rh, state.risk[a]!, model.params.bigRAdjust);
  return out;
}

/** Writes [φ = P(i beats j), i's expected gain] for i challenging j into out. */
export type ChallengeFn = (u: Float64Array, i: number, j: number, out: Float64Array) => void;

/**
 * Builds the challenge evaluator (KTAB `probEduChlg(h, i, i, j)` with h's utilities u): principals
 * vote with weight c·Σs, each third party joins a side after weighing the little three-actor
 * contest, and the gain compares the challenge (victory with probability 1 − s_j, else a contest)
 * with the status quo.
 */
export function challengeFn(model: SmpModel): ChallengeFn {
  const { n, cap, salSum } = model;
  const cast = voter(model.params.votingRule);
  const tpVote = thirdPartyVoter(cast, model.params.thirdPartyCommit);
  const fast = model.params.votingRule === 'proportional' && model.params.thirdPartyCommit === 'semi';
  const weight = new Float64Array(n);
  for (let m = 0; m < n; m++) weight[m] = salSum[m]! * cap[m]!;
  return (u, i, j, out) => {
    const uii = u[i * n + i]!;
    const uij = u[j * n + i]!;
    const uji = u[i * n + j]!;
    const ujj = u[j * n + j]!;
    const euSQ = uii + uij;
    const uhkij = uii + uii;
    const uhkji = uij + uij;
    const sj = salSum[j]!;
    const ci = cast(salSum[i]! * cap[i]!, uii, uij);
    const cj = cast(sj * cap[j]!, uji, ujj);
    let chij = MIN_CHALLENGE_COALITION;
    let chji = MIN_CHALLENGE_COALITION;
    if (ci > 0) chij = chij + ci;
    if (ci < 0) chji = chji - ci;
    if (cj > 0) chij = chij + cj;
    if (cj < 0) chji = chji - cj;
    const contribI = chij;
    const contribJ = chji;
    if (fast) {
      // The defaults (proportional votes, semi-commitment) written out: no calls, so no boxed doubles.
      for (let m = 0; m < n; m++) {
        if (m === i || m === j) continue;
        const wm = weight[m]!;
        const umi = u[i * n + m]!;
        const umj = u[j * n + m]!;
        const umm = u[m * n + m]!;
        const vm = wm * (umi - umj);
        const cmi = vm > 0 ? contribI + vm : contribI;
        const cmj = vm < 0 ? contribJ - vm : contribJ;
        const pim = cmi / (cmi + cmj);
        const pjm = 1.0 - pim;
        // Same operation order as KTAB: DEU issues have exact ties that rounding differences would break.
        const v =
          wm *
          (pim * (umi + umi + umm) + pjm * (umj + umj + umj) - (pim * (umi + umi + umi) + pjm * (umj + umj + umm)));
        if (v > 0) chij = chij + v;
        if (v < 0) chji = chji - v;
      }
    } else {
      for (let m = 0; m < n; m++) {
        if (m === i || m === j) continue;
        const wm = weight[m]!;
        const umi = u[i * n + m]!;
        const umj = u[j * n + m]!;
        // P(i's side wins) once m joins the side it prefers (KTAB `vProbLittle`).
        const vm = cast(wm, umi, umj);
        const cmi = vm > 0 ? contribI + vm : contribI;
        const cmj = vm < 0 ? contribJ - vm : contribJ;
        const pim = cmi / (cmi + cmj);
        const v = tpVote(wm, pim, 1.0 - pim, umi, umj, u[m * n + m]!);
        if (v > 0) chij = chij + v;
        if (v < 0) chji = chji - v;
      }
    }
    const phij = chij / (chij + chji);
    const phji = chji / (chij + chji);
    const euCntst = phij * uhkij + phji * uhkji;
    const euChlg = (1 - sj) * uhkij + sj * euCntst;
    out[0] = phij;
    out[1] = euChlg - euSQ;
  };
}

/**
 * Third party k's vote between "i with k beats j" and "i beats j with k", summing the three
 * positions' utilities under its commitment rule (KTAB `thirdPartyVoteSU`).
 */
function thirdPartyVoter(
  cast: Voter,
  comm: SmpThirdPartyCommit,
): (wk: number, pik: number, pjk: number, uki: number, ukj: number, ukk: number) => number {
  if (comm === 'semi') {
    return (wk, pik, pjk, uki, ukj, ukk) =>
      cast(wk, pik * (uki + uki + ukk) + pjk * (ukj + ukj + ukj), pik * (uki + uki + uki) + pjk * (ukj + ukj + ukk));
  }
  if (comm === 'full') {
    return (wk, pik, pjk, uki, ukj) =>
      cast(wk, pik * (uki + uki + uki) + pjk * (ukj + ukj + ukj), pik * (uki + uki + uki) + pjk * (ukj + ukj + ukj));
  }
  return (wk, pik, pjk, uki, ukj, ukk) =>
    cast(wk, pik * (uki + uki + ukk) + pjk * (ukj + ukj + ukk), pik * (uki + uki + ukk) + pjk * (ukj + ukj + ukk));
}

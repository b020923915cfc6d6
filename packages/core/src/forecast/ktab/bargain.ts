import type { SmpModel } from './model';
import type { SmpInterVecBrgn } from './types';

/** A proposed bargain: initiator and target each adopt their point (length dims, on [0, 1]). */
export interface Bargain {
  initiator: number;
  target: number;
  posInit: Float64Array;
  posRcvr: Float64Array;
}

/** Tie-breaker weight for the initiator: with no weight on either side each keeps its own point. */
const MIN_WEIGHT = 1e-6;

/** Round to 1e-4 on [0, 1] (0.01 on 0–100), as KTAB does to avoid spurious precision and asymmetry. */
function round4(x: number): number {
  return Math.trunc(0.5 + x * 10000.0) / 10000.0;
}

/**
 * The bargain i proposes to j given P(i wins) = prbI and P(j wins) = prbJ, per dimension
 * (KTAB `SMPActor::interpolateBrgn`).
 */
export function interpolateBargain(
  model: SmpModel,
  i: number,
  j: number,
  posI: Float64Array,
  posJ: Float64Array,
  prbI: number,
  prbJ: number,
  ivb: SmpInterVecBrgn,
): Bargain {
  const { dims, sal } = model;
  const bi = new Float64Array(dims);
  const bj = new Float64Array(dims);
  for (let k = 0; k < dims; k++) {
    const tik = posI[k]!;
    const tjk = posJ[k]!;
    const sik = sal[i * dims + k]!;
    const sjk = sal[j * dims + k]!;
    if (ivb === 's2pmax') {
      // Each side moves toward the other by how much more likely the other is to win.
      const di = prbJ > prbI ? prbJ - prbI : 0;
      const dj = prbI > prbJ ? prbI - prbJ : 0;
      const sik2 = sik * sik;
      const sjk2 = sjk * sjk;
      const dik = (di * sjk2) / (di * sjk2 + MIN_WEIGHT + (1 - di) * sik2);
      const djk = (dj * sik2) / (dj * sik2 + MIN_WEIGHT + (1 - dj) * sjk2);
      bi[k] = tik + dik * (tjk - tik);
      bj[k] = tjk + djk * (tik - tjk);
    } else {
      const wik = ivb === 's1p1' ? sik * prbI : sik * sik * (prbI * prbI);
      const wjk = ivb === 's1p1' ? sjk * prbJ : sjk * sjk * (prbJ * prbJ);
      bi[k] = round4(((wik + MIN_WEIGHT) * tik + wjk * tjk) / (wik + MIN_WEIGHT + wjk));
      bj[k] = round4((wik * tik + (MIN_WEIGHT + wjk) * tjk) / (wik + MIN_WEIGHT + wjk));
    }
  }
  return { initiator: i, target: j, posInit: bi, posRcvr: bj };
}

import type { MoveSet } from './types';

/** Stand-in for "no state": larger than any payoff. */
export const INF = 0x3fffffff;

/**
 * out[t] = min of x over the states the mover reaches from t in one move; when `improvingBy` is the
 * mover's payoff, only over its unilateral improvements (strictly higher payoff). INF when none.
 * For grouped moves `improvingBy` must be the payoff the groups were sorted by (the mover's).
 */
export function minOverMoves(ms: MoveSet, x: Int32Array, out: Int32Array, improvingBy: Int32Array | null): void {
  if (ms.kind === 'lists') {
    const { offsets, targets } = ms;
    const m = offsets.length - 1;
    for (let t = 0; t < m; t++) {
      let best = INF;
      const end = offsets[t + 1]!;
      if (improvingBy) {
        const p = improvingBy[t]!;
        for (let j = offsets[t]!; j < end; j++) {
          const u = targets[j]!;
          if (improvingBy[u]! > p && x[u]! < best) best = x[u]!;
        }
      } else {
        for (let j = offsets[t]!; j < end; j++) {
          const v = x[targets[j]!]!;
          if (v < best) best = v;
        }
      }
      out[t] = best;
    }
    return;
  }
  const { order, start } = ms;
  const groups = start.length - 1;
  if (!improvingBy) {
    // Each member gets the group minimum, or the second minimum if it is the minimum itself.
    for (let g = 0; g < groups; g++) {
      const a = start[g]!;
      const b = start[g + 1]!;
      let min1 = INF;
      let min2 = INF;
      let arg = -1;
      for (let j = a; j < b; j++) {
        const s = order[j]!;
        const v = x[s]!;
        if (v < min1) {
          min2 = min1;
          min1 = v;
          arg = s;
        } else if (v < min2) min2 = v;
      }
      for (let j = a; j < b; j++) {
        const s = order[j]!;
        out[s] = s === arg ? min2 : min1;
      }
    }
    return;
  }
  // Groups are sorted best-first by the mover's payoff: sweep, each tie block sees the minimum of
  // the strictly better states before it.
  for (let g = 0; g < groups; g++) {
    const a = start[g]!;
    const b = start[g + 1]!;
    let running = INF;
    let j = a;
    while (j < b) {
      const p = improvingBy[order[j]!]!;
      let k = j;
      while (k < b && improvingBy[order[k]!] === p) {
        out[order[k]!] = running;
        k++;
      }
      for (let q = j; q < k; q++) {
        const v = x[order[q]!]!;
        if (v < running) running = v;
      }
      j = k;
    }
  }
}

/** out[t] = max of x over the mover's moves (or improvements) from t; -INF when none. */
export function maxOverMoves(ms: MoveSet, x: Int32Array, out: Int32Array, improvingBy: Int32Array | null): void {
  const neg = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) neg[i] = -x[i]!;
  minOverMoves(ms, neg, out, improvingBy);
  for (let i = 0; i < out.length; i++) out[i] = -out[i]!;
}

/**
 * The compromise model: the capability×salience-weighted mean of the positions (Van den Bos 1991).
 * Returns NaN when no actor carries weight.
 */
export function weightedMean(x: ArrayLike<number>, w: ArrayLike<number>, order?: Int32Array): number {
  // Summing in position order makes the result bit-identical whatever order the actors come in.
  const idx = order ?? sortedOrder(x, w);
  let sw = 0;
  let swx = 0;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    sw += w[i]!;
    swx += w[i]! * x[i]!;
  }
  return sw > 0 ? swx / sw : Number.NaN;
}

/**
 * The weighted median ("median voter"): the lowest position at which the cumulative weight, in
 * position order, reaches half the total (the lower one on exact ties, as NOTES §3.1 fixes).
 */
export function weightedMedian(x: ArrayLike<number>, w: ArrayLike<number>, order?: Int32Array): number {
  const n = x.length;
  const idx = order ?? sortedOrder(x, w);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i]!;
  if (!(total > 0)) return Number.NaN;
  let acc = 0;
  // A relative tolerance: "reaches half" must not depend on the order weights were added in.
  const half = total / 2 - total * 1e-12;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    acc += w[i]!;
    if (acc >= half) return x[i]!;
  }
  return x[idx[n - 1]!]!;
}

/**
 * Actor indices sorted by position, then weight, then an optional third key (so sums in this order
 * do not depend on the order the actors came in).
 */
export function sortedOrder(
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  third?: ArrayLike<number>,
  out?: Int32Array,
): Int32Array {
  const n = x.length;
  // `out` lets a hot loop (BDM's Monte-Carlo rounds) reuse one buffer instead of allocating per call.
  const idx = out ?? new Int32Array(n);
  // Insertion sort: stable like the built-in sort, and faster on the few dozen actors of an issue.
  for (let k = 0; k < n; k++) {
    let at = k;
    while (at > 0) {
      const a = idx[at - 1]!;
      const d = x[a]! - x[k]! || w[a]! - w[k]! || (third ? third[a]! - third[k]! : 0);
      if (!(d > 0)) break;
      idx[at] = a;
      at--;
    }
    idx[at] = k;
  }
  return idx;
}

/** Multiplies capability by salience into the weights both baselines use (into `out` when given). */
export function weights(c: ArrayLike<number>, s: ArrayLike<number>, out?: Float64Array): Float64Array {
  const w = out ?? new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) w[i] = c[i]! * s[i]!;
  return w;
}

/** Buffers of one issue size for the one-shot models (weights, a sort order, three columns). */
export interface Scratch {
  readonly n: number;
  readonly w: Float64Array;
  readonly order: Int32Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly d: Float64Array;
}
let scratchBuffers: Scratch | null = null;

/**
 * The reused buffers for n actors: the Monte-Carlo draws of one issue all have the same size, so a
 * model evaluated a thousand times allocates once. Callers must not keep them or nest their use.
 */
export function scratch(n: number): Scratch {
  if (scratchBuffers?.n !== n)
    scratchBuffers = {
      n,
      w: new Float64Array(n),
      order: new Int32Array(n),
      a: new Float64Array(n),
      b: new Float64Array(n),
      d: new Float64Array(n),
    };
  return scratchBuffers;
}

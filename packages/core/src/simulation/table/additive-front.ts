/**
 * The offer oracle over an additive space, without enumerating it: for one party's own contributions
 * `own[i][o]` and a secondary objective `other[i][o]` (e.g. the other parties' summed utility), the
 * staircase of packages that are best for `other` at each level of `own`. Built issue by issue by
 * merging 2-D Pareto fronts (a prefix dominated on both sums can never complete better), so its cost
 * follows the front's size, not the space's.
 */

/** Float slack under which a package counts as reaching a level (sums of weights × values). */
export const LEVEL_TOLERANCE = 1e-9;

/** An additive objective pair over issues: per issue, per option (only `allowed` options are used). */
export interface AdditivePair {
  own: readonly Float64Array[];
  other: readonly Float64Array[];
  /** Per issue: the option indices a package may use, ascending. */
  allowed: readonly (readonly number[])[];
  /** stride[i] = product of the option counts after issue i (mixed-radix package ids). */
  strides: readonly number[];
}

/** The staircase: own utility ascending, other objective strictly descending; packages built lazily. */
export interface Staircase {
  readonly size: number;
  /** Levels below this are not covered (packages under it were pruned while building); −∞ when complete. */
  readonly floor: number;
  readonly own: Float64Array;
  readonly other: Float64Array;
  /** The package at a point (ids cached after the first look-up). */
  packageAt(point: number): number;
  /** First point whose own utility reaches `level` (−1 when none does). */
  firstAtOrAbove(level: number): number;
}

/** The options of one issue that no other option beats on both objectives (ties keep the first). */
function undominated(own: Float64Array, other: Float64Array, allowed: readonly number[]): number[] {
  const out: number[] = [];
  for (let a = 0; a < allowed.length; a++) {
    const o = allowed[a]!;
    let beaten = false;
    for (let b = 0; b < allowed.length && !beaten; b++) {
      const q = allowed[b]!;
      beaten =
        b !== a &&
        own[q]! >= own[o]! &&
        other[q]! >= other[o]! &&
        (own[q]! > own[o]! || other[q]! > other[o]! || b < a);
    }
    if (!beaten) out.push(o);
  }
  return out;
}

/**
 * Scratch space reused by every build (one build runs at a time: no recursion, one thread): the
 * current and next front (own utility descending, other ascending) and the trail of (parent, option)
 * pairs of every stage. Many-run sweeps build four staircases per run, so allocation would dominate.
 */
const scratch = {
  u: new Float64Array(1024),
  g: new Float64Array(1024),
  nu: new Float64Array(1024),
  ng: new Float64Array(1024),
  trail: new Int32Array(4096),
  du: new Float64Array(64),
  dg: new Float64Array(64),
  ptr: new Int32Array(64),
};

const grown = <T extends Float64Array | Int32Array>(a: T, need: number): T => {
  if (a.length >= need) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
};

/**
 * Merges the current front (scratch.u/g, `len` points) with one issue's options into scratch.nu/ng,
 * keeping the points no other point dominates, and appends each kept point's (parent, option) to
 * the trail at `at`; returns the new front's length. Each option shifts the (descending) front by a
 * constant, so a k-way merge replaces a sort; it stops where own utility falls below `need`.
 */
function extend(
  len: number,
  own: Float64Array,
  other: Float64Array,
  options: readonly number[],
  need: number,
  at: number,
): number {
  const k = options.length;
  scratch.du = grown(scratch.du, k);
  scratch.dg = grown(scratch.dg, k);
  scratch.ptr = grown(scratch.ptr, k);
  scratch.nu = grown(scratch.nu, len * k);
  scratch.ng = grown(scratch.ng, len * k);
  scratch.trail = grown(scratch.trail, at + 2 * len * k);
  const { u: pu, g: pg, nu, ng, trail, du, dg, ptr } = scratch;
  for (let b = 0; b < k; b++) {
    du[b] = own[options[b]!]!;
    dg[b] = other[options[b]!]!;
    ptr[b] = 0;
  }
  let n = 0;
  let best = Number.NEGATIVE_INFINITY;
  for (;;) {
    // The highest remaining own utility; ties go to the higher other objective, then the earlier option.
    let a = -1;
    let au = 0;
    let ag = 0;
    for (let b = 0; b < k; b++) {
      const q = ptr[b]!;
      if (q >= len) continue;
      const bu = pu[q]! + du[b]!;
      const bg = pg[q]! + dg[b]!;
      if (a < 0 || bu > au || (bu === au && bg > ag)) {
        a = b;
        au = bu;
        ag = bg;
      }
    }
    // Own utility only falls from here on; a prefix below `need` cannot complete to the floor.
    if (a < 0 || au < need) break;
    if (ag > best) {
      best = ag;
      nu[n] = au;
      ng[n] = ag;
      trail[at + 2 * n] = ptr[a]!;
      trail[at + 2 * n + 1] = options[a]!;
      n++;
    }
    ptr[a]!++;
  }
  // The new front becomes the current one.
  [scratch.u, scratch.nu] = [scratch.nu, scratch.u];
  [scratch.g, scratch.ng] = [scratch.ng, scratch.g];
  return n;
}

/**
 * Builds the staircase of a party: for every level (at or above `floor`, when given), the package
 * best for `other` among those whose own utility reaches it. Pruning below the floor (a party's
 * walk-away value: it never aims lower) keeps the fronts small when uncertain draws break the ties.
 * Empty when some issue allows no option.
 * @example buildStaircase(pair).packageAt(buildStaircase(pair).firstAtOrAbove(0.6))
 */
export function buildStaircase(pair: AdditivePair, floor = Number.NEGATIVE_INFINITY): Staircase {
  const empty = pair.allowed.some((a) => a.length === 0);
  const m = pair.own.length;
  // rest[i]: the most own utility issues i.. can still add.
  const rest = new Float64Array(m + 1);
  if (!empty)
    for (let i = m - 1; i >= 0; i--) {
      let hi = Number.NEGATIVE_INFINITY;
      for (const o of pair.allowed[i]!) hi = Math.max(hi, pair.own[i]![o]!);
      rest[i] = rest[i + 1]! + hi;
    }
  // Twice the tolerance: a query within it of the floor still finds every package it may take.
  const target = floor - 2 * LEVEL_TOLERANCE;
  // Stage i's (parent, option) pairs start at offsets[i] in the trail; stage 0 is the empty prefix.
  const offsets = new Int32Array(m + 1);
  scratch.u[0] = 0;
  scratch.g[0] = 0;
  let len = 1;
  let used = 0;
  if (!empty)
    for (let i = 0; i < m; i++) {
      const own = pair.own[i]!;
      const other = pair.other[i]!;
      offsets[i] = used;
      len = extend(len, own, other, undominated(own, other, pair.allowed[i]!), target - rest[i + 1]!, used);
      used += 2 * len;
    }
  offsets[m] = used;
  const size = empty ? 0 : len;
  const trail = scratch.trail.slice(0, used);
  // Exposed ascending in own utility, as the query reads naturally.
  const own = scratch.u.slice(0, size).reverse();
  const other = scratch.g.slice(0, size).reverse();
  const cache = new Float64Array(size).fill(-1);
  return {
    size,
    floor,
    own,
    other,
    packageAt(point) {
      const hit = cache[point]!;
      if (hit >= 0) return hit;
      let id = 0;
      let p = size - 1 - point;
      for (let i = m - 1; i >= 0; i--) {
        const at = offsets[i]! + 2 * p;
        id += trail[at + 1]! * pair.strides[i]!;
        p = trail[at]!;
      }
      cache[point] = id;
      return id;
    },
    firstAtOrAbove(level) {
      const target = level - LEVEL_TOLERANCE;
      let lo = 0;
      let hi = size;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (own[mid]! >= target) hi = mid;
        else lo = mid + 1;
      }
      return lo < size ? lo : -1;
    },
  };
}

/**
 * Branch-and-bound for the same question with an upper bound too (lo ≤ own ≤ hi), for the rare
 * query the staircase cannot answer; returns the package id or null.
 */
export function searchBest(pair: AdditivePair, lo: number, hi: number): number | null {
  const m = pair.own.length;
  const maxOwn = new Float64Array(m + 1);
  const minOwn = new Float64Array(m + 1);
  const maxOther = new Float64Array(m + 1);
  for (let i = m - 1; i >= 0; i--) {
    const a = pair.allowed[i]!;
    if (a.length === 0) return null;
    let hu = Number.NEGATIVE_INFINITY;
    let lu = Number.POSITIVE_INFINITY;
    let hg = Number.NEGATIVE_INFINITY;
    for (const o of a) {
      hu = Math.max(hu, pair.own[i]![o]!);
      lu = Math.min(lu, pair.own[i]![o]!);
      hg = Math.max(hg, pair.other[i]![o]!);
    }
    maxOwn[i] = maxOwn[i + 1]! + hu;
    minOwn[i] = minOwn[i + 1]! + lu;
    maxOther[i] = maxOther[i + 1]! + hg;
  }
  let bestG = Number.NEGATIVE_INFINITY;
  let bestU = Number.NEGATIVE_INFINITY;
  let best: number | null = null;
  const tLo = lo - LEVEL_TOLERANCE;
  const tHi = hi + LEVEL_TOLERANCE;
  const visit = (i: number, u: number, g: number, id: number): void => {
    if (u + maxOwn[i]! < tLo || u + minOwn[i]! > tHi || g + maxOther[i]! < bestG) return;
    if (i === m) {
      // Best other objective; among equals the higher own utility, as the staircase keeps.
      if (g > bestG || (g === bestG && u > bestU)) {
        bestG = g;
        bestU = u;
        best = id;
      }
      return;
    }
    for (const o of pair.allowed[i]!)
      visit(i + 1, u + pair.own[i]![o]!, g + pair.other[i]![o]!, id + o * pair.strides[i]!);
  };
  visit(0, 0, 0, 0);
  return best;
}

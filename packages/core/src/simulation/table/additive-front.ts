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
  readonly own: Float64Array;
  readonly other: Float64Array;
  /** The package at a point (ids cached after the first look-up). */
  packageAt(point: number): number;
  /** First point whose own utility reaches `level` (−1 when none does). */
  firstAtOrAbove(level: number): number;
}

// Plain arrays: fronts are small and typed-array allocation per stage would cost more than the merge.
// Stages hold own utility descending (other objective ascending).
interface Stage {
  u: number[];
  g: number[];
  parent: number[];
  option: number[];
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
 * Merges a front with one issue's options and keeps the points no other point dominates. Each
 * option shifts the (descending) front by a constant, so a k-way merge replaces a sort.
 */
function extend(prev: Stage, own: Float64Array, other: Float64Array, options: readonly number[]): Stage {
  const k = options.length;
  const len = prev.u.length;
  const du = options.map((o) => own[o]!);
  const dg = options.map((o) => other[o]!);
  const ptr = options.map(() => 0);
  const u: number[] = [];
  const g: number[] = [];
  const parent: number[] = [];
  const option: number[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (;;) {
    // The highest remaining own utility; ties go to the higher other objective, then the earlier option.
    let a = -1;
    let au = 0;
    let ag = 0;
    for (let b = 0; b < k; b++) {
      const q = ptr[b]!;
      if (q >= len) continue;
      const bu = prev.u[q]! + du[b]!;
      const bg = prev.g[q]! + dg[b]!;
      if (a < 0 || bu > au || (bu === au && bg > ag)) {
        a = b;
        au = bu;
        ag = bg;
      }
    }
    if (a < 0) break;
    if (ag > best) {
      best = ag;
      u.push(au);
      g.push(ag);
      parent.push(ptr[a]!);
      option.push(options[a]!);
    }
    ptr[a]!++;
  }
  return { u, g, parent, option };
}

/**
 * Builds the staircase of a party: for every level, the package best for `other` among those whose
 * own utility reaches it. Empty when some issue allows no option.
 * @example buildStaircase(pair).packageAt(buildStaircase(pair).firstAtOrAbove(0.6))
 */
export function buildStaircase(pair: AdditivePair): Staircase {
  const stages: Stage[] = [{ u: [0], g: [0], parent: [0], option: [0] }];
  const empty = pair.allowed.some((a) => a.length === 0);
  if (!empty)
    for (let i = 0; i < pair.own.length; i++) {
      const own = pair.own[i]!;
      const other = pair.other[i]!;
      stages.push(extend(stages[i]!, own, other, undominated(own, other, pair.allowed[i]!)));
    }
  const last = stages[stages.length - 1]!;
  const size = empty ? 0 : last.u.length;
  // Exposed ascending in own utility, as the query reads naturally.
  const own = Float64Array.from(last.u.slice(0, size)).reverse();
  const other = Float64Array.from(last.g.slice(0, size)).reverse();
  const cache = new Float64Array(size).fill(-1);
  return {
    size,
    own,
    other,
    packageAt(point) {
      const hit = cache[point]!;
      if (hit >= 0) return hit;
      let id = 0;
      let p = size - 1 - point;
      for (let i = stages.length - 1; i >= 1; i--) {
        const s = stages[i]!;
        id += s.option[p]! * pair.strides[i - 1]!;
        p = s.parent[p]!;
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

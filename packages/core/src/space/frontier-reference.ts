import { EntenteError } from '../errors';
import type { Frontier, FrontierOptions } from './frontier';
import { compareUtility, exactRaw, exactUtility, floatUtility, type PreparedSpace } from './prepared';

/**
 * The previous frontier engine (block-nested-loop skyline), kept only as a baseline for the bench
 * and as a second implementation for the tests; the engine uses frontier.ts.
 *
 * Exact Pareto frontier of an additive space, by divide-and-merge over issues.
 *
 * For additive (uncapped) utilities a package is Pareto-optimal only if its restriction to every
 * block of issues is Pareto-optimal within that block, so frontiers of blocks are merged by
 * Minkowski sum and filtered again. Filters: a sort-and-sweep for two parties, a presorted
 * block-nested-loop skyline for more. Float comparisons decide unless two values are within the
 * party's tolerance; then the exact BigInt shadow decides, so exact ties are neither split nor merged.
 * A utility cap is handled afterwards: packages at or above a cap are added as candidates and the
 * union is filtered with capped utilities (a capped frontier point is either on the uncapped frontier
 * or at the cap for some party).
 */

/** A set of (partial) packages: outcome-index contributions and float sums per party. */
interface PointSet {
  /** Issues [lo, hi) whose options the points fix. */
  lo: number;
  hi: number;
  count: number;
  idx: Float64Array;
  /** count × k, interleaved. */
  vals: Float64Array;
  /** Lazily computed exact numerators, count × k. */
  exact: (bigint | undefined)[];
}

function exactOf(ps: PreparedSpace, set: PointSet, j: number, p: number): bigint {
  const k = ps.parties.length;
  const cached = set.exact[j * k + p];
  if (cached !== undefined) return cached;
  const party = ps.parties[p]!;
  const outcome = set.idx[j]!;
  let s = 0n;
  for (let i = set.lo; i < set.hi; i++) s += party.n[i]![Math.floor(outcome / ps.strides[i]!) % ps.radices[i]!]!;
  set.exact[j * k + p] = s;
  return s;
}

function makeComparator(ps: PreparedSpace, set: PointSet, capped: boolean) {
  const k = ps.parties.length;
  const vals = set.vals;
  return (p: number, a: number, b: number): number =>
    compareUtility(
      ps.parties[p]!,
      vals[a * k + p]!,
      vals[b * k + p]!,
      () => exactOf(ps, set, a, p),
      () => exactOf(ps, set, b, p),
      capped,
    );
}

function subset(set: PointSet, keep: number[], k: number): PointSet {
  const out: PointSet = {
    lo: set.lo,
    hi: set.hi,
    count: keep.length,
    idx: new Float64Array(keep.length),
    vals: new Float64Array(keep.length * k),
    exact: new Array(keep.length * k),
  };
  keep.forEach((j, t) => {
    out.idx[t] = set.idx[j]!;
    for (let p = 0; p < k; p++) {
      out.vals[t * k + p] = set.vals[j * k + p]!;
      out.exact[t * k + p] = set.exact[j * k + p];
    }
  });
  return out;
}

/** Keeps the non-dominated points of a set (ties kept). */
function filterSet(ps: PreparedSpace, set: PointSet, capped: boolean): PointSet {
  const k = ps.parties.length;
  if (set.count <= 1) return set;
  const cmp = makeComparator(ps, set, capped);
  if (k === 1) {
    let best = 0;
    for (let j = 1; j < set.count; j++) if (cmp(0, j, best) > 0) best = j;
    const keep: number[] = [];
    for (let j = 0; j < set.count; j++) if (cmp(0, j, best) === 0) keep.push(j);
    return subset(set, keep, k);
  }
  if (k === 2) return subset(set, sweepTwo(set.count, cmp), k);
  return subset(set, skyline(set, k, cmp, capped, ps), k);
}

/** Two parties: sort by u0 desc then u1 desc, keep each u0-group's top if it beats every earlier group. */
function sweepTwo(count: number, cmp: (p: number, a: number, b: number) => number): number[] {
  const order = Array.from({ length: count }, (_, j) => j);
  order.sort((a, b) => cmp(0, b, a) || cmp(1, b, a));
  const keep: number[] = [];
  let bestPrev = -1;
  let i = 0;
  while (i < count) {
    const head = order[i]!;
    let j = i + 1;
    while (j < count && cmp(0, order[j]!, head) === 0) j++;
    if (bestPrev < 0 || cmp(1, head, bestPrev) > 0) {
      for (let t = i; t < j && cmp(1, order[t]!, head) === 0; t++) keep.push(order[t]!);
      bestPrev = head;
    }
    i = j;
  }
  return keep;
}

/** n parties: block-nested-loop skyline over points presorted by float utility sum (a good, not required, order). */
function skyline(
  set: PointSet,
  k: number,
  cmp: (p: number, a: number, b: number) => number,
  capped: boolean,
  ps: PreparedSpace,
): number[] {
  const count = set.count;
  const sums = new Float64Array(count);
  const vals = set.vals;
  for (let j = 0; j < count; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) {
      const v = vals[j * k + p]!;
      s += capped && v > ps.parties[p]!.capF ? ps.parties[p]!.capF : v;
    }
    sums[j] = s;
  }
  const order = Array.from({ length: count }, (_, j) => j);
  order.sort((a, b) => sums[b]! - sums[a]!);
  const tols = ps.parties.map((p) => p.tol);
  const caps = ps.parties.map((p) => (capped ? p.capF : Number.POSITIVE_INFINITY));
  let window: number[] = [];
  for (const x of order) {
    let dominated = false;
    let removed = false;
    for (let w = 0; w < window.length; w++) {
      const y = window[w]!;
      // rel: +1 y dominates x, -1 x dominates y, 0 incomparable or equal.
      let ge = true;
      let le = true;
      let strictGe = false;
      let strictLe = false;
      for (let p = 0; p < k && (ge || le); p++) {
        const cap = caps[p]!;
        let fy = vals[y * k + p]!;
        let fx = vals[x * k + p]!;
        if (fy > cap) fy = cap;
        if (fx > cap) fx = cap;
        const d = fy - fx;
        let c: number;
        if (d > tols[p]!) c = 1;
        else if (d < -tols[p]!) c = -1;
        else c = cmp(p, y, x);
        if (c > 0) {
          le = false;
          strictGe = true;
        } else if (c < 0) {
          ge = false;
          strictLe = true;
        }
      }
      if (ge && strictGe) {
        dominated = true;
        break;
      }
      if (le && strictLe) {
        window[w] = -1;
        removed = true;
      }
    }
    if (removed) window = window.filter((y) => y >= 0);
    if (!dominated) window.push(x);
  }
  return window;
}

function leaf(ps: PreparedSpace, issue: number, options: number[]): PointSet {
  const k = ps.parties.length;
  const set: PointSet = {
    lo: issue,
    hi: issue + 1,
    count: options.length,
    idx: new Float64Array(options.length),
    vals: new Float64Array(options.length * k),
    exact: new Array(options.length * k),
  };
  options.forEach((o, j) => {
    set.idx[j] = o * ps.strides[issue]!;
    for (let p = 0; p < k; p++) {
      set.vals[j * k + p] = ps.parties[p]!.f[issue]![o]!;
      set.exact[j * k + p] = ps.parties[p]!.n[issue]![o]!;
    }
  });
  return set;
}

function merge(ps: PreparedSpace, a: PointSet, b: PointSet): PointSet {
  const k = ps.parties.length;
  const count = a.count * b.count;
  if (count > 50_000_000)
    throw new EntenteError(
      'SPACE_TOO_LARGE',
      `The Pareto frontier needs a merge of ${count.toLocaleString('en')} points, above the in-memory limit of 50,000,000: narrow the space to fewer issues or parties (the issues and parties options).`,
    );
  const set: PointSet = {
    lo: a.lo,
    hi: b.hi,
    count,
    idx: new Float64Array(count),
    vals: new Float64Array(count * k),
    exact: new Array(count * k),
  };
  let t = 0;
  for (let i = 0; i < a.count; i++) {
    for (let j = 0; j < b.count; j++, t++) {
      set.idx[t] = a.idx[i]! + b.idx[j]!;
      for (let p = 0; p < k; p++) set.vals[t * k + p] = a.vals[i * k + p]! + b.vals[j * k + p]!;
    }
  }
  return set;
}

/** Exact Pareto frontier (ties kept) of the packages built from the allowed options. */
export function paretoFrontierReference(ps: PreparedSpace, options: FrontierOptions = {}): Frontier {
  const k = ps.parties.length;
  const allowed = options.allowed ?? ps.allowed;
  const m = ps.radices.length;
  if (allowed.some((list) => list.length === 0))
    return { outcomes: [], utilities: new Float64Array(0), exact: [], parties: k };
  const total = 2 * m - 1;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  // Left fold: candidates stay |F| × options, which keeps n-party windows smaller than halving.
  let acc = filterSet(ps, leaf(ps, 0, allowed[0]!), false);
  tick();
  for (let i = 1; i < m; i++) {
    const next = filterSet(ps, leaf(ps, i, allowed[i]!), false);
    tick();
    acc = filterSet(ps, merge(ps, acc, next), false);
    tick();
  }
  const capCandidates = packagesAtCap(ps, allowed);
  let final = acc;
  if (capCandidates.length > 0) {
    const known = new Set<number>(Array.from(acc.idx));
    const extra = capCandidates.filter((o) => !known.has(o));
    const idx = new Float64Array(acc.count + extra.length);
    idx.set(acc.idx);
    extra.forEach((o, j) => {
      idx[acc.count + j] = o;
    });
    const vals = new Float64Array(idx.length * k);
    for (let j = 0; j < idx.length; j++)
      for (let p = 0; p < k; p++) {
        // Uncapped sums: the comparator applies the caps.
        const party = ps.parties[p]!;
        let s = 0;
        for (let i = 0; i < m; i++) s += party.f[i]![Math.floor(idx[j]! / ps.strides[i]!) % ps.radices[i]!]!;
        vals[j * k + p] = s;
      }
    const all: PointSet = { lo: 0, hi: m, count: idx.length, idx, vals, exact: new Array(idx.length * k) };
    final = filterSet(ps, all, true);
  }
  const order = Array.from({ length: final.count }, (_, j) => j).sort((a, b) => final.idx[a]! - final.idx[b]!);
  const outcomes = order.map((j) => final.idx[j]!);
  const utilities = new Float64Array(outcomes.length * k);
  const exact: bigint[] = new Array(outcomes.length * k);
  outcomes.forEach((o, t) => {
    for (let p = 0; p < k; p++) {
      utilities[t * k + p] = floatUtility(ps.parties[p]!, ps, o);
      exact[t * k + p] = exactUtility(ps.parties[p]!, ps, o);
    }
  });
  return { outcomes, utilities, exact, parties: k };
}

/** Packages whose uncapped utility reaches some party's cap (branch and bound on float upper bounds). */
function packagesAtCap(ps: PreparedSpace, allowed: number[][]): number[] {
  const m = ps.radices.length;
  const out = new Set<number>();
  ps.parties.forEach((party) => {
    if (party.capN === null) return;
    // Upper bound of the remaining issues' sum, per depth.
    const rest = new Float64Array(m + 1);
    for (let i = m - 1; i >= 0; i--) {
      let hi = Number.NEGATIVE_INFINITY;
      for (const o of allowed[i]!) hi = Math.max(hi, party.f[i]![o]!);
      rest[i] = rest[i + 1]! + hi;
    }
    if (rest[0]! < party.capF - party.tol) return;
    const visit = (i: number, sum: number, idx: number): void => {
      if (sum + rest[i]! < party.capF - party.tol) return;
      if (i === m) {
        if (exactRaw(party, ps, idx) >= party.capN!) out.add(idx);
        if (out.size > 5_000_000)
          throw new EntenteError(
            'SPACE_TOO_LARGE',
            'More than 5,000,000 packages reach a utility cap, the limit for an exact analysis: narrow the space to fewer issues or parties (the issues and parties options).',
          );
        return;
      }
      for (const o of allowed[i]!) visit(i + 1, sum + party.f[i]![o]!, idx + o * ps.strides[i]!);
    };
    visit(0, 0, 0);
  });
  return [...out];
}

import { EntenteError } from '../errors';
import { createRandom } from '../random';
import { estimateFrontierSize } from './frontier-estimate';
import { compareUtility, exactRaw, exactUtility, floatUtility, type PreparedSpace } from './prepared';
import { DominanceIndex } from './skyline';
import type { ProgressCallback } from './types';

/**
 * Exact Pareto frontier of an additive space, by divide-and-merge over issues.
 *
 * For additive (uncapped) utilities a package is Pareto-optimal only if its restriction to every
 * block of issues is Pareto-optimal within that block, so frontiers of blocks are merged by
 * Minkowski sum and filtered again. Two parties: the sum is materialised and filtered by a
 * sort-and-sweep. Three or more: the sum is never materialised; a candidate a + o_j (a on the
 * frontier so far, o_j an option of the next issue) is dominated exactly when some frontier point b
 * satisfies b ≥ a + o_j − o_l for another option l, a query a k-d tree over the frontier answers
 * (skyline.ts), so memory stays that of the frontiers themselves. Float comparisons decide unless
 * two values are within the party's tolerance; then the exact BigInt shadow decides, so exact ties
 * are neither split nor merged.
 * A utility cap is handled afterwards: packages at or above a cap are added as candidates and the
 * union is filtered with capped utilities (a capped frontier point is either on the uncapped frontier
 * or at the cap for some party).
 * A space too large for the limit is sized first from a sample (frontier-estimate.ts), so a frontier
 * far above the limit is refused in about a second instead of after minutes of exact work.
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

/** The frontier: outcomes ascending, with capped float utilities and exact numerators (count × k). */
export interface Frontier {
  outcomes: number[];
  utilities: Float64Array;
  exact: bigint[];
  parties: number;
}

export interface FrontierOptions {
  /** Per issue: options allowed (default: the options no party forbids). */
  allowed?: number[][];
  /**
   * Reported every 1,024 candidate packages: `done` and `total` are in thousandths of the
   * work, each issue merge weighing the same.
   */
  onProgress?: ProgressCallback;
  /** Cancels the computation (an EntenteError CANCELLED is thrown at the next check). */
  signal?: AbortSignal;
  /** Most frontier packages held (default MAX_FRONTIER_POINTS); beyond it FRONTIER_TOO_LARGE is thrown. */
  maxPoints?: number;
  /** Whether a large space is sized from a sample first (default true; false is the bench's baseline). */
  estimate?: boolean;
}

/**
 * Default bound on an (intermediate) frontier of three or more parties. Memory is not the limit
 * (100,000 × 8 parties is 6 MB): time is, since dominance queries slow down as the frontier and
 * the party count grow (8 parties, 170,000 points: about a minute on a 2-core machine).
 */
export const MAX_FRONTIER_POINTS = 100_000;

/** Candidates between two progress reports and cancel checks. */
const CHECK_EVERY = 1024;

interface Control {
  signal: AbortSignal | undefined;
  report: (fraction: number) => void;
  maxPoints: number;
}

function checkCancel(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EntenteError('CANCELLED', 'The Pareto frontier computation was cancelled.');
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

/** n parties: a point is kept unless some point of the set dominates it (k-d tree query per point). */
function skyline(
  set: PointSet,
  k: number,
  cmp: (p: number, a: number, b: number) => number,
  capped: boolean,
  ps: PreparedSpace,
): number[] {
  const count = set.count;
  const vals = capped ? cappedValues(ps, set.vals, count) : set.vals;
  const index = new DominanceIndex(vals, k, count);
  const tol = Float64Array.from(ps.parties, (p) => p.tol);
  const q = new Float64Array(k);
  const keep: number[] = [];
  for (let x = 0; x < count; x++) {
    for (let p = 0; p < k; p++) q[p] = vals[x * k + p]!;
    if (!index.hasDominator(q, tol, (p, y) => cmp(p, y, x), x)) keep.push(x);
  }
  return keep;
}

function cappedValues(ps: PreparedSpace, vals: Float64Array, count: number): Float64Array {
  const k = ps.parties.length;
  const out = new Float64Array(count * k);
  for (let j = 0; j < count; j++)
    for (let p = 0; p < k; p++) {
      const v = vals[j * k + p]!;
      const cap = ps.parties[p]!.capF;
      out[j * k + p] = v > cap ? cap : v;
    }
  return out;
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

/** A growable set of points (outcome index and k float sums), doubling its typed arrays. */
class PointBuffer {
  count = 0;
  idx: Float64Array;
  vals: Float64Array;
  constructor(
    private readonly k: number,
    capacity: number,
  ) {
    this.idx = new Float64Array(Math.max(16, capacity));
    this.vals = new Float64Array(this.idx.length * k);
  }
  push(outcome: number, a: Float64Array, ai: number, b: Float64Array, bi: number): void {
    if (this.count === this.idx.length) {
      const idx = new Float64Array(this.idx.length * 2);
      idx.set(this.idx);
      const vals = new Float64Array(idx.length * this.k);
      vals.set(this.vals);
      this.idx = idx;
      this.vals = vals;
    }
    const k = this.k;
    this.idx[this.count] = outcome;
    for (let p = 0; p < k; p++) this.vals[this.count * k + p] = a[ai * k + p]! + b[bi * k + p]!;
    this.count++;
  }
}

/**
 * Frontier of the Minkowski sum of a frontier `a` (an antichain, ties kept) and a filtered issue `b`,
 * for three or more parties, without materialising the sum: a + b_j is dominated exactly when some
 * point a' of `a` has a' + b_l ≥ a + b_j with one strict inequality, for an option l ≠ j (l = j
 * would make a' dominate a).
 */
function mergeFrontiers(ps: PreparedSpace, a: PointSet, b: PointSet, ctl: Control): PointSet {
  const k = ps.parties.length;
  const index = new DominanceIndex(a.vals, k, a.count);
  const tol = Float64Array.from(ps.parties, (p) => p.tol);
  const q = new Float64Array(k);
  const out = new PointBuffer(k, a.count * 2);
  const candidates = a.count * b.count;
  let seen = 0;
  for (let i = 0; i < a.count; i++) {
    for (let j = 0; j < b.count; j++) {
      if (++seen % CHECK_EVERY === 0) {
        checkCancel(ctl.signal);
        ctl.report(seen / candidates);
      }
      if (dominatedInSum(ps, index, tol, q, a, b, i, j)) continue;
      if (out.count >= ctl.maxPoints) throw frontierTooLarge(ps, ctl.maxPoints, b.hi);
      // Fail early rather than after minutes: a fifth of the candidates already projects twice the limit.
      if (seen * 5 >= candidates && (out.count * candidates) / seen > 2 * ctl.maxPoints)
        throw frontierTooLarge(ps, ctl.maxPoints, b.hi);
      out.push(a.idx[i]! + b.idx[j]!, a.vals, i, b.vals, j);
    }
  }
  return {
    lo: a.lo,
    hi: b.hi,
    count: out.count,
    idx: out.idx.subarray(0, out.count),
    vals: out.vals.subarray(0, out.count * k),
    exact: new Array(out.count * k),
  };
}

/**
 * Whether a_i + b_j is dominated within a ⊕ b (a an antichain indexed by `index`): some a' + b_l,
 * l ≠ j, is at least it everywhere and above it somewhere; `q` is scratch space of k floats.
 */
function dominatedInSum(
  ps: PreparedSpace,
  index: DominanceIndex,
  tol: Float64Array,
  q: Float64Array,
  a: PointSet,
  b: PointSet,
  i: number,
  j: number,
): boolean {
  const k = ps.parties.length;
  for (let l = 0; l < b.count; l++) {
    if (l === j) continue;
    for (let p = 0; p < k; p++) q[p] = a.vals[i * k + p]! + b.vals[j * k + p]! - b.vals[l * k + p]!;
    const found = index.hasDominator(q, tol, (p, y) => {
      const lhs = exactOf(ps, a, y, p) + exactOf(ps, b, l, p);
      const rhs = exactOf(ps, a, i, p) + exactOf(ps, b, j, p);
      return lhs > rhs ? 1 : lhs < rhs ? -1 : 0;
    });
    if (found) return true;
  }
  return false;
}

/**
 * Where the size estimate splits the issues: the first h whose prefix holds at least as many packages
 * as the rest (the fold has then built the larger block's frontier anyway); −1 when the whole space
 * fits under the limit, so no estimate is needed.
 */
function estimateSplit(allowed: number[][], maxPoints: number): number {
  const sizes = allowed.map((a) => a.length);
  const total = sizes.reduce((acc, r) => acc * r, 1);
  if (total <= maxPoints || sizes.length < 2) return -1;
  let prefix = 1;
  for (let h = 1; h < sizes.length; h++) {
    prefix *= sizes[h - 1]!;
    if (prefix * prefix >= total) return h;
  }
  return sizes.length - 1;
}

/** Seed of the sample: the estimate, and so the refusal, is the same on every run. */
const ESTIMATE_SEED = 20261203;

/**
 * Estimates the frontier size from the frontier `a` of issues [0, h) and that of issues [h, m), and
 * throws FRONTIER_TOO_LARGE when the sample puts it above the limit with 99.99% confidence.
 */
function refuseFromEstimate(ps: PreparedSpace, allowed: number[][], a: PointSet, h: number, ctl: Control): void {
  const m = ps.radices.length;
  const k = ps.parties.length;
  const quiet: Control = { ...ctl, report: () => {} };
  let b = filterSet(ps, leaf(ps, h, allowed[h]!), false);
  try {
    for (let i = h + 1; i < m; i++) b = mergeFrontiers(ps, b, filterSet(ps, leaf(ps, i, allowed[i]!), false), quiet);
  } catch (e) {
    // The second block alone outgrowing the limit proves nothing about the whole: the exact fold decides.
    if (e instanceof EntenteError && e.code === 'FRONTIER_TOO_LARGE') return;
    throw e;
  }
  if (a.count * b.count <= ctl.maxPoints) return;
  const index = new DominanceIndex(a.vals, k, a.count);
  const tol = Float64Array.from(ps.parties, (p) => p.tol);
  const q = new Float64Array(k);
  const est = estimateFrontierSize({
    countA: a.count,
    countB: b.count,
    onFrontier: (i, j) => !dominatedInSum(ps, index, tol, q, a, b, i, j),
    limit: ctl.maxPoints,
    rng: createRandom(ESTIMATE_SEED),
    onLook: () => checkCancel(ctl.signal),
  });
  if (est.verdict !== 'above') return;
  const n = (x: number) => Math.round(x).toLocaleString('en');
  throw new EntenteError(
    'FRONTIER_TOO_LARGE',
    `The Pareto frontier of ${k} parties over ${m} issues${ps.parties.some((p) => p.capN !== null) ? ' (before utility caps)' : ''} would hold about ${n(est.estimate)} packages (at least ${n(est.lower)} with ${(100 * est.confidence).toFixed(2)}% confidence, from ${est.samples.toLocaleString('en')} sampled packages), above the limit of ${ctl.maxPoints.toLocaleString('en')} packages for an exact frontier of three or more parties: ${NARROW}`,
    { details: { limit: ctl.maxPoints, estimate: est } },
  );
}

/** How to narrow the question, shared by both refusals. */
const NARROW =
  'narrow the question to fewer parties or an issue subset (the parties and issues options), or look at partial deals, which search small issue subsets.';

function frontierTooLarge(ps: PreparedSpace, limit: number, issuesDone: number): EntenteError {
  return new EntenteError(
    'FRONTIER_TOO_LARGE',
    `The Pareto frontier of ${ps.parties.length} parties passes (or is on course to pass) the limit of ${limit.toLocaleString('en')} packages for an exact frontier of three or more parties after ${issuesDone} of ${ps.radices.length} issues: ${NARROW}`,
    { details: { limit } },
  );
}

/** Exact Pareto frontier (ties kept) of the packages built from the allowed options. */
export function paretoFrontier(ps: PreparedSpace, options: FrontierOptions = {}): Frontier {
  const k = ps.parties.length;
  const allowed = options.allowed ?? ps.allowed;
  const m = ps.radices.length;
  if (allowed.some((list) => list.length === 0))
    return { outcomes: [], utilities: new Float64Array(0), exact: [], parties: k };
  // Progress in thousandths of the work, each issue's merge weighing the same.
  const total = 1000 * m;
  let step = 0;
  let last = -1;
  const report = (fraction: number) => {
    const done = Math.min(total, Math.floor(1000 * (step + fraction)));
    if (done > last) {
      last = done;
      options.onProgress?.(done, total);
    }
  };
  const ctl: Control = { signal: options.signal, report, maxPoints: options.maxPoints ?? MAX_FRONTIER_POINTS };
  checkCancel(ctl.signal);
  // Left fold: candidates stay |F| × options, which keeps n-party windows smaller than halving.
  let acc = filterSet(ps, leaf(ps, 0, allowed[0]!), false);
  report(1);
  const split = k >= 3 && options.estimate !== false ? estimateSplit(allowed, ctl.maxPoints) : -1;
  for (let i = 1; i < m; i++) {
    step = i;
    if (i === split) refuseFromEstimate(ps, allowed, acc, split, ctl);
    const next = filterSet(ps, leaf(ps, i, allowed[i]!), false);
    acc = k >= 3 ? mergeFrontiers(ps, acc, next, ctl) : filterSet(ps, merge(ps, acc, next), false);
    checkCancel(ctl.signal);
    report(1);
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

/** Pareto frontier by brute force over an explicit list of packages (for tests and baselines). */
export function frontierOfOutcomes(ps: PreparedSpace, outcomes: number[]): number[] {
  const k = ps.parties.length;
  const vals = new Float64Array(outcomes.length * k);
  outcomes.forEach((o, j) => {
    for (let p = 0; p < k; p++) {
      const party = ps.parties[p]!;
      let s = 0;
      for (let i = 0; i < ps.radices.length; i++) s += party.f[i]![Math.floor(o / ps.strides[i]!) % ps.radices[i]!]!;
      vals[j * k + p] = s;
    }
  });
  const set: PointSet = {
    lo: 0,
    hi: ps.radices.length,
    count: outcomes.length,
    idx: Float64Array.from(outcomes),
    vals,
    exact: new Array(outcomes.length * k),
  };
  return Array.from(filterSet(ps, set, true).idx).sort((a, b) => a - b);
}

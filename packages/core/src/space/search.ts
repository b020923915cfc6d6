import { compareUtility, type PreparedSpace } from './prepared';

/**
 * Branch-and-bound over packages with per-party lower bounds (u_p ≥ t_p, or > t_p when strict).
 * Subtrees that cannot reach a bound are cut with per-issue maxima; subtrees that clear every bound
 * with per-issue minima are counted (or listed) whole. Near a bound the exact shadow decides.
 */

/** A lower bound on one party's (capped) utility, as a float and an exact numerator over that party's denominator. */
export interface Threshold {
  f: number;
  n: bigint;
  strict: boolean;
}

export interface SearchOptions {
  /** Per issue: the options to consider (default: jointly allowed). */
  allowed?: number[][];
  /** Per party: a bound, or null for none. */
  thresholds: (Threshold | null)[];
}

interface Bounds {
  allowed: number[][];
  maxRest: Float64Array[];
  minRest: Float64Array[];
  size: number[];
  possible: boolean;
}

function boundsFor(ps: PreparedSpace, opts: SearchOptions): Bounds {
  const m = ps.radices.length;
  const allowed = opts.allowed ?? ps.allowed;
  const maxRest = ps.parties.map(() => new Float64Array(m + 1));
  const minRest = ps.parties.map(() => new Float64Array(m + 1));
  const size = new Array<number>(m + 1).fill(1);
  ps.parties.forEach((party, p) => {
    for (let i = m - 1; i >= 0; i--) {
      let hi = Number.NEGATIVE_INFINITY;
      let lo = Number.POSITIVE_INFINITY;
      for (const o of allowed[i]!) {
        const v = party.f[i]![o]!;
        if (v > hi) hi = v;
        if (v < lo) lo = v;
      }
      maxRest[p]![i] = maxRest[p]![i + 1]! + hi;
      minRest[p]![i] = minRest[p]![i + 1]! + lo;
    }
  });
  for (let i = m - 1; i >= 0; i--) size[i] = size[i + 1]! * allowed[i]!.length;
  // A cap below a bound makes it unreachable (utility = min(cap, sum)).
  const possible =
    allowed.every((a) => a.length > 0) &&
    ps.parties.every((party, p) => {
      const t = opts.thresholds[p];
      if (!t || party.capN === null) return true;
      return t.strict ? party.capN > t.n : party.capN >= t.n;
    });
  return { allowed, maxRest, minRest, size, possible };
}

function exactSum(ps: PreparedSpace, p: number, outcome: number): bigint {
  const party = ps.parties[p]!;
  let s = 0n;
  for (let i = 0; i < ps.radices.length; i++) s += party.n[i]![Math.floor(outcome / ps.strides[i]!) % ps.radices[i]!]!;
  return s;
}

function walk(
  ps: PreparedSpace,
  opts: SearchOptions,
  onWhole: ((prefix: number, depth: number, count: number) => boolean) | null,
  onLeaf: (outcome: number, sums: Float64Array) => boolean,
): void {
  const b = boundsFor(ps, opts);
  if (!b.possible) return;
  const m = ps.radices.length;
  const k = ps.parties.length;
  const th = opts.thresholds;
  const sums = Array.from({ length: m + 1 }, () => new Float64Array(k));
  let stopped = false;
  const visit = (i: number, idx: number): void => {
    const s = sums[i]!;
    let all = true;
    for (let p = 0; p < k; p++) {
      const t = th[p];
      if (!t) continue;
      const tol = ps.parties[p]!.tol;
      if (s[p]! + b.maxRest[p]![i]! < t.f - tol) return;
      if (!(s[p]! + b.minRest[p]![i]! > t.f + tol)) all = false;
    }
    if (i === m) {
      for (let p = 0; p < k; p++) {
        const t = th[p];
        if (!t) continue;
        const c = compareUtility(
          ps.parties[p]!,
          s[p]!,
          t.f,
          () => exactSum(ps, p, idx),
          () => t.n,
          false,
        );
        if (c < 0 || (c === 0 && t.strict)) return;
      }
      if (!onLeaf(idx, s)) stopped = true;
      return;
    }
    if (all && onWhole) {
      if (!onWhole(idx, i, b.size[i]!)) stopped = true;
      return;
    }
    const next = sums[i + 1]!;
    for (const o of b.allowed[i]!) {
      for (let p = 0; p < k; p++) next[p] = s[p]! + ps.parties[p]!.f[i]![o]!;
      visit(i + 1, idx + o * ps.strides[i]!);
      if (stopped) return;
    }
  };
  visit(0, 0);
}

/** Counts the packages meeting every bound. */
export function countPackages(ps: PreparedSpace, opts: SearchOptions): number {
  let count = 0;
  walk(
    ps,
    opts,
    (_prefix, _depth, n) => {
      count += n;
      return true;
    },
    () => {
      count++;
      return true;
    },
  );
  return count;
}

/** Whether at least one package meets every bound. */
export function existsPackage(ps: PreparedSpace, opts: SearchOptions): boolean {
  let found = false;
  walk(
    ps,
    opts,
    () => {
      found = true;
      return false;
    },
    () => {
      found = true;
      return false;
    },
  );
  return found;
}

/** Calls `visit(outcome)` for each package meeting every bound until it returns false. */
export function forEachPackage(ps: PreparedSpace, opts: SearchOptions, visit: (outcome: number) => boolean): void {
  walk(ps, opts, null, (outcome) => visit(outcome));
}

/** Bounds that say "at least (or strictly above) each party's reservation". */
export function reservationThresholds(ps: PreparedSpace, strict: boolean): Threshold[] {
  return ps.parties.map((p) => ({ f: p.reservationF, n: p.reservationN, strict }));
}

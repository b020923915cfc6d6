import { exactUtility, type PreparedSpace, ratioToNumber } from './prepared';
import { lcm } from './rational';
import { forEachPackage, reservationThresholds } from './search';
import { describePackage } from './solutions';
import type { PackagePoint, ZoneMode } from './types';

/**
 * Partial agreements: settle only a subset of issues and leave the others at their status quo.
 * Red lines apply to the settled issues only (the others are not part of the deal). A subset
 * qualifies when some package in it gives every party its reservation (zone mode). Subsets are
 * ranked by joint gain Σ_p (u_p − r_p) of their best such package, compared exactly (BigInt over
 * the common denominator of the parties), so deals with equal gains are never reordered by rounding.
 * Subsets that are not searched (above the exhaustive size and off the greedy path, or above
 * `maxPackages`) and deals cut by `limit` are counted in a `PartialDealSearch`, never dropped silently.
 */
export interface PartialDeal {
  issues: string[];
  issueIndices: number[];
  /** `exhaustive` for the all-subsets search up to `maxSize`, `greedy` for growth beyond. */
  method: 'exhaustive' | 'greedy';
  zoneCount: number;
  best: PackagePoint;
  /** Σ_p (u_p(best) − reservation_p) (the nearest float to the exact sum that ranks the deals). */
  jointGain: number;
  /** Σ_p (u_p(best) − u_p(status quo package)). */
  gainOverStatusQuo: number;
}

export interface PartialDealOptions {
  /** Largest subset size searched exhaustively (default 2). */
  maxSize?: number;
  /** Most deals returned (default 20). */
  limit?: number;
  zone?: ZoneMode;
  /** Largest sub-space enumerated per subset (default 1,000,000). */
  maxPackages?: number;
  /**
   * Keep only deals whose best package moves every one of its issues off the status quo: a deal
   * that leaves one of its issues as it is repeats a smaller deal (default false).
   */
  minimalOnly?: boolean;
}

/** What the search covered: a deal list is complete only when `truncated` is false. */
export interface PartialDealSearch {
  /** Non-empty issue subsets of the space (2^issues − 1). */
  subsets: number;
  /** Subsets whose packages were searched. */
  searched: number;
  /** Subsets never searched: larger than the exhaustive size and off the greedy path. */
  notSearched: number;
  /** Subsets skipped because their packages exceed `maxPackages`. */
  tooLarge: number;
  /** Deals found but left out of the list by `limit`. */
  cutByLimit: number;
  /** Whether any subset went unsearched or any deal was cut (`notSearched + tooLarge + cutByLimit > 0`). */
  truncated: boolean;
  maxSize: number;
  maxPackages: number;
}

export interface PartialDealsResult {
  deals: PartialDeal[];
  search: PartialDealSearch;
}

/** Exact joint gain Σ_p (u_p − r_p) as a numerator over the parties' common denominator. */
function exactGain(ps: PreparedSpace, outcome: number, scale: bigint[]): bigint {
  let g = 0n;
  ps.parties.forEach((p, k) => {
    g += (exactUtility(p, ps, outcome) - p.reservationN) * scale[k]!;
  });
  return g;
}

function evaluateSubset(
  ps: PreparedSpace,
  subset: number[],
  mode: ZoneMode,
  statusQuoUtility: number[],
  scale: bigint[],
  gainTol: number,
) {
  const allowedPartial = ps.radices.map((r, i) =>
    subset.includes(i) ? ps.allowed[i]! : [ps.space.issues[i]!.statusQuo].filter((o) => o < r),
  );
  const th = reservationThresholds(ps, mode === 'strict');
  let count = 0;
  let bestOutcome = -1;
  let bestGain = Number.NEGATIVE_INFINITY;
  let bestExact: bigint | null = null;
  let bestUtils: number[] = [];
  forEachPackage(ps, { allowed: allowedPartial, thresholds: th }, (outcome) => {
    count++;
    const utils = ps.parties.map((p) => {
      let s = 0;
      for (let i = 0; i < ps.radices.length; i++) s += p.f[i]![Math.floor(outcome / ps.strides[i]!) % ps.radices[i]!]!;
      return Math.min(s, p.capF);
    });
    const gain = utils.reduce((acc, u, p) => acc + u - ps.parties[p]!.reservationF, 0);
    // Floats decide clear differences; near ties the exact gains decide, then the lower outcome (visited first).
    let better = gain > bestGain + gainTol;
    let exact: bigint | null = null;
    if (!better && gain >= bestGain - gainTol) {
      exact = exactGain(ps, outcome, scale);
      bestExact ??= exactGain(ps, bestOutcome, scale);
      better = exact > bestExact;
    }
    if (better) {
      bestGain = gain;
      bestOutcome = outcome;
      bestExact = exact;
      bestUtils = utils;
    }
    return true;
  });
  if (count === 0) return null;
  const gainN = bestExact ?? exactGain(ps, bestOutcome, scale);
  return {
    zoneCount: count,
    best: describePackage(ps, bestOutcome, bestUtils),
    jointGain: ratioToNumber(gainN, scale.length ? scale[0]! * ps.parties[0]!.den : 1n),
    gainOverStatusQuo: bestUtils.reduce((acc, u, p) => acc + u - statusQuoUtility[p]!, 0),
    gainN,
  };
}

function* subsetsOfSize(m: number, size: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === size) {
    yield prefix.slice();
    return;
  }
  for (let i = start; i <= m - (size - prefix.length); i++) {
    prefix.push(i);
    yield* subsetsOfSize(m, size, i + 1, prefix);
    prefix.pop();
  }
}

/** Issue subsets (all up to maxSize, then greedy growth) whose partial zone is non-empty, best joint gain first. */
export function findPartialDeals(input: PreparedSpace, options: PartialDealOptions = {}): PartialDeal[] {
  return searchPartialDeals(input, options).deals;
}

const binomial = (n: number, r: number) => {
  let c = 1;
  for (let i = 0; i < r; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
};

/** The partial deals and what the search covered (how many subsets it left out, how many deals `limit` cut). */
export function searchPartialDeals(input: PreparedSpace, options: PartialDealOptions = {}): PartialDealsResult {
  // Red lines only enter through `allowed`, so unsettled issues at a forbidden status quo stay possible.
  const ps = input;
  const mode = options.zone ?? 'weak';
  const maxSize = Math.min(options.maxSize ?? 2, ps.radices.length);
  const maxPackages = options.maxPackages ?? 1_000_000;
  const m = ps.radices.length;
  const sq = ps.space.issues.map((iss) => iss.statusQuo);
  const statusQuoUtility = ps.parties.map((p) => {
    const s = sq.reduce((acc, o, i) => acc + p.f[i]![o]!, 0);
    return Math.min(s, p.capF);
  });
  // Gains are compared over one denominator: the least common multiple of the parties' denominators.
  const common = ps.parties.reduce((acc, p) => lcm(acc, p.den), 1n);
  const scale = ps.parties.map((p) => common / p.den);
  const gainTol = ps.parties.reduce((acc, p) => acc + p.tol, 0);
  const sizeOf = (subset: number[]) => subset.reduce((acc, i) => acc * input.allowed[i]!.length, 1);
  const found: { deal: PartialDeal; gainN: bigint }[] = [];
  const label = (subset: number[]) => subset.map((i) => ps.space.issues[i]!.id);
  const evalIn = (subset: number[]) => evaluateSubset(ps, subset, mode, statusQuoUtility, scale, gainTol);
  const push = (subset: number[], method: PartialDeal['method'], r: NonNullable<ReturnType<typeof evalIn>>) => {
    const { gainN, ...rest } = r;
    found.push({ deal: { issues: label(subset), issueIndices: subset, method, ...rest }, gainN });
  };
  let searched = 0;
  let tooLarge = 0;
  let bestLargest: { subset: number[]; gainN: bigint } | null = null;
  for (let size = 1; size <= maxSize; size++)
    for (const subset of subsetsOfSize(m, size)) {
      if (sizeOf(subset) > maxPackages) {
        tooLarge++;
        continue;
      }
      searched++;
      const r = evalIn(subset);
      if (!r) continue;
      push(subset, 'exhaustive', r);
      if (size === maxSize && (!bestLargest || r.gainN > bestLargest.gainN)) bestLargest = { subset, gainN: r.gainN };
    }
  // Greedy growth from the best subset of the largest exhaustive size; each larger size is searched only along this path.
  let current = bestLargest?.subset ?? null;
  const tried = new Set<string>();
  while (current && current.length < m) {
    let next: { subset: number[]; r: NonNullable<ReturnType<typeof evalIn>> } | null = null;
    for (let i = 0; i < m; i++) {
      if (current.includes(i)) continue;
      const subset = [...current, i].sort((a, b) => a - b);
      const key = subset.join(',');
      if (tried.has(key)) continue;
      tried.add(key);
      if (sizeOf(subset) > maxPackages) {
        tooLarge++;
        continue;
      }
      searched++;
      const r = evalIn(subset);
      if (r && (!next || r.gainN > next.r.gainN)) next = { subset, r };
    }
    if (!next) break;
    push(next.subset, 'greedy', next.r);
    current = next.subset;
  }
  const kept = options.minimalOnly
    ? found.filter(({ deal: d }) => d.issueIndices.every((i) => d.best.options[i] !== sq[i]))
    : found;
  kept.sort(
    (a, b) =>
      (b.gainN > a.gainN ? 1 : b.gainN < a.gainN ? -1 : 0) || a.deal.issueIndices.length - b.deal.issueIndices.length,
  );
  const limit = options.limit ?? 20;
  const deals = kept.slice(0, limit).map((x) => x.deal);
  const subsets = 2 ** m - 1;
  let considered = 0;
  for (let size = 1; size <= maxSize; size++) considered += binomial(m, size);
  const notSearched = subsets - considered - tried.size;
  const cutByLimit = kept.length - deals.length;
  return {
    deals,
    search: {
      subsets,
      searched,
      notSearched,
      tooLarge,
      cutByLimit,
      truncated: notSearched + tooLarge + cutByLimit > 0,
      maxSize,
      maxPackages,
    },
  };
}

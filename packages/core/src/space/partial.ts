import type { PreparedSpace } from './prepared';
import { forEachPackage, reservationThresholds } from './search';
import { describePackage } from './solutions';
import type { PackagePoint, ZoneMode } from './types';

/**
 * Partial agreements: settle only a subset of issues and leave the others at their status quo.
 * Red lines apply to the settled issues only (the others are not part of the deal). A subset
 * qualifies when some package in it gives every party its reservation (zone mode). Subsets are
 * ranked by joint gain Σ_p (u_p − r_p) of their best such package.
 */
export interface PartialDeal {
  issues: string[];
  issueIndices: number[];
  /** `exhaustive` for the all-subsets search up to `maxSize`, `greedy` for growth beyond. */
  method: 'exhaustive' | 'greedy';
  zoneCount: number;
  best: PackagePoint;
  /** Σ_p (u_p(best) − reservation_p). */
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

function evaluateSubset(ps: PreparedSpace, subset: number[], mode: ZoneMode, statusQuoUtility: number[]) {
  const allowedPartial = ps.radices.map((r, i) =>
    subset.includes(i) ? ps.allowed[i]! : [ps.space.issues[i]!.statusQuo].filter((o) => o < r),
  );
  const th = reservationThresholds(ps, mode === 'strict');
  let count = 0;
  let bestOutcome = -1;
  let bestGain = Number.NEGATIVE_INFINITY;
  let bestUtils: number[] = [];
  forEachPackage(ps, { allowed: allowedPartial, thresholds: th }, (outcome) => {
    count++;
    const utils = ps.parties.map((p) => {
      let s = 0;
      for (let i = 0; i < ps.radices.length; i++) s += p.f[i]![Math.floor(outcome / ps.strides[i]!) % ps.radices[i]!]!;
      return Math.min(s, p.capF);
    });
    const gain = utils.reduce((acc, u, p) => acc + u - ps.parties[p]!.reservationF, 0);
    if (gain > bestGain || (gain === bestGain && outcome < bestOutcome)) {
      bestGain = gain;
      bestOutcome = outcome;
      bestUtils = utils;
    }
    return true;
  });
  if (count === 0) return null;
  return {
    zoneCount: count,
    best: describePackage(ps, bestOutcome, bestUtils),
    jointGain: bestGain,
    gainOverStatusQuo: bestUtils.reduce((acc, u, p) => acc + u - statusQuoUtility[p]!, 0),
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
  const sizeOf = (subset: number[]) => subset.reduce((acc, i) => acc * input.allowed[i]!.length, 1);
  const deals: PartialDeal[] = [];
  const label = (subset: number[]) => subset.map((i) => ps.space.issues[i]!.id);
  const evalIn = (subset: number[]) => evaluateSubset(ps, subset, mode, statusQuoUtility);
  let bestLargest: { subset: number[]; gain: number } | null = null;
  for (let size = 1; size <= maxSize; size++)
    for (const subset of subsetsOfSize(m, size)) {
      if (sizeOf(subset) > maxPackages) continue;
      const r = evalIn(subset);
      if (!r) continue;
      deals.push({ issues: label(subset), issueIndices: subset, method: 'exhaustive', ...r });
      if (size === maxSize && (!bestLargest || r.jointGain > bestLargest.gain))
        bestLargest = { subset, gain: r.jointGain };
    }
  // Greedy growth from the best subset of the largest exhaustive size.
  let current = bestLargest?.subset ?? null;
  while (current && current.length < m) {
    let next: { subset: number[]; r: NonNullable<ReturnType<typeof evalIn>> } | null = null;
    for (let i = 0; i < m; i++) {
      if (current.includes(i)) continue;
      const subset = [...current, i].sort((a, b) => a - b);
      if (sizeOf(subset) > maxPackages) continue;
      const r = evalIn(subset);
      if (r && (!next || r.jointGain > next.r.jointGain)) next = { subset, r };
    }
    if (!next) break;
    deals.push({ issues: label(next.subset), issueIndices: next.subset, method: 'greedy', ...next.r });
    current = next.subset;
  }
  const kept = options.minimalOnly
    ? deals.filter((d) => d.issueIndices.every((i) => d.best.options[i] !== sq[i]))
    : deals;
  kept.sort((a, b) => b.jointGain - a.jointGain || a.issueIndices.length - b.issueIndices.length);
  return kept.slice(0, options.limit ?? 20);
}

import { ascendingOrder } from './outcome-order';
import type { NormalisedProfile } from './raw-profile';
import type { NegotiationTable, PackageId, TableIssue } from './types';

/** Packages closer than this below the aspiration level may still be offered (NegMAS' look-below, FORMAT.md §5.4). */
const LOOK_BELOW = 1e-6;
const LOOK_ABOVE = 2e-6;

/** One party's utilities, presorted once per table so every query is a binary search. */
interface PartyIndex {
  utilities: Float64Array;
  /** Ascending position → package. */
  order: Uint32Array;
  /** Utilities in ascending order. */
  sorted: Float64Array;
  min: number;
  max: number;
  reservation: number;
}

/** Utility of every package, the last issue varying fastest, each sum taken left to right from 0. */
function utilitiesOf(side: NormalisedProfile, radices: readonly number[], size: number): Float64Array {
  const out = new Float64Array(size);
  const digits = new Int32Array(radices.length);
  for (let o = 0; o < size; o++) {
    let u = 0;
    for (let i = 0; i < radices.length; i++) u += side.weights[i]! * side.evaluations[i]![digits[i]!]!;
    out[o] = u;
    for (let i = radices.length - 1; i >= 0; i--) {
      if (++digits[i]! < radices[i]!) break;
      digits[i] = 0;
    }
  }
  return out;
}

/** The package made of each issue's best (last maximum) or worst (first minimum) value, FORMAT.md §3 step 1. */
function extremePackage(side: NormalisedProfile, strides: readonly number[], best: boolean): number {
  let pkg = 0;
  side.evaluations.forEach((ev, i) => {
    let k = 0;
    const lastMax = best === side.weights[i]! > 0;
    for (let j = 1; j < ev.length; j++) if (lastMax ? ev[j]! >= ev[k]! : ev[j]! < ev[k]!) k = j;
    pkg += k * strides[i]!;
  });
  return pkg;
}

/**
 * A table over an enumerated space (Genius domains, up to a few million packages): every party's
 * utilities are computed once and presorted, so an offer is a binary search and a few comparisons.
 * `order` decides ties: 'stable' (package index) or 'numpy' (NegMAS' order, FORMAT.md §5.2).
 */
export function enumeratedTable(
  issues: readonly TableIssue[],
  parties: readonly string[],
  sides: readonly NormalisedProfile[],
  order: 'stable' | 'numpy',
): NegotiationTable {
  const radices = issues.map((i) => i.options.length);
  const strides = radices.map((_, i) => radices.slice(i + 1).reduce((a, b) => a * b, 1));
  const size = radices.reduce((a, b) => a * b, 1);
  const index: PartyIndex[] = sides.map((side) => {
    const utilities = utilitiesOf(side, radices, size);
    const ord = ascendingOrder(utilities, order);
    return {
      utilities,
      order: ord,
      sorted: Float64Array.from(ord, (o) => utilities[o]!),
      min: utilities[extremePackage(side, strides, false)]!,
      max: utilities[extremePackage(side, strides, true)]!,
      reservation: side.reservation,
    };
  });
  return {
    parties,
    issues,
    size,
    utility: (party, pkg) => index[party]!.utilities[pkg]!,
    maxUtility: (party) => index[party]!.max,
    minUtility: (party) => index[party]!.min,
    reservation: (party) => index[party]!.reservation,
    bestAtOrAbove(party, level, hi) {
      const { sorted, order: ord } = index[party]!;
      let lo = level;
      if (lo > hi) {
        if (lo - hi > 0.1) return null;
        lo = hi;
        hi = level;
      }
      const n = sorted.length;
      let a = 0;
      let b = n;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (sorted[m]! < lo) a = m + 1;
        else b = m;
      }
      const pos = a < n ? a : n - 1;
      // Only packages just below lo can be strictly closer than the first one at or above it; among
      // equally close ones the lowest position wins, as a low-to-high scan keeping the first would.
      let chosen = -1;
      let closest = Math.abs(sorted[pos]! - lo);
      for (let j = a - 1; j >= 0 && sorted[j]! >= lo - LOOK_BELOW; j--) {
        const d = lo - sorted[j]!;
        if (d > closest) break;
        if (sorted[j]! <= hi + LOOK_ABOVE && (d < closest || chosen >= 0)) {
          closest = d;
          chosen = j;
        }
      }
      return ord[chosen >= 0 ? chosen : pos]!;
    },
    atRank(party, rank): PackageId | null {
      const { order: ord } = index[party]!;
      return rank >= 0 && rank < ord.length ? ord[ord.length - 1 - rank]! : null;
    },
    decode(pkg) {
      return strides.map((s, i) => Math.floor(pkg / s) % radices[i]!);
    },
  };
}

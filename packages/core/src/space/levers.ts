import { EntenteError } from '../errors';
import { analyzeSpace, type SpaceAnalysis, type SpaceAnalyzeOptions } from './analyze';
import { prepareSpace, roundTo } from './prepared';
import type { AdditiveSpace, SpaceLever, ZoneMode } from './types';
import { countZone, exactSpaceOf, zoneExists } from './zone';

/** A lever applied at a strength (effects scale linearly). */
export interface LeverApplication {
  lever: SpaceLever;
  strength: number;
}

/** Returns a new space with the levers' effects added (exact shadow kept; shifts read to 12 decimals). */
export function applySpaceLevers(space: AdditiveSpace, applications: LeverApplication[]): AdditiveSpace {
  const base = exactSpaceOf(prepareSpace(space));
  const parties = base.parties.map((p) => ({
    ...p,
    contributions: p.contributions.map((row) => Float64Array.from(row)),
    exact: { ...p.exact!, contributions: p.exact!.contributions.map((row) => row.slice()) },
  }));
  for (const { lever, strength } of applications) {
    const max = lever.maxStrength ?? 1;
    if (!(strength >= 0 && strength <= max))
      throw new EntenteError(
        'LEVER_STRENGTH',
        `Lever "${lever.id}" takes a strength between 0 and ${max} (got ${strength}).`,
      );
    for (const effect of lever.effects) {
      const party = parties.find((p) => p.id === effect.party);
      if (!party)
        throw new EntenteError('LEVER_UNKNOWN_PARTY', `Lever "${lever.id}" acts on unknown party "${effect.party}".`);
      const den = party.exact.denominator;
      if (effect.reservationShift) {
        const d = effect.reservationShift * strength;
        party.reservation += d;
        party.exact.reservation = (party.exact.reservation ?? 0n) + roundTo(d, den);
      }
      for (const shift of effect.contributionShifts ?? []) {
        const row = party.contributions[shift.issue];
        if (!row || shift.option < 0 || shift.option >= row.length)
          throw new EntenteError(
            'LEVER_BAD_TARGET',
            `Lever "${lever.id}" shifts issue ${shift.issue} option ${shift.option}, which does not exist.`,
          );
        const d = shift.delta * strength;
        row[shift.option] = row[shift.option]! + d;
        party.exact.contributions[shift.issue]![shift.option]! += roundTo(d, den);
      }
    }
  }
  return { issues: base.issues, parties };
}

/** What-if: the full analysis after applying levers. */
export function analyzeWithLevers(
  space: AdditiveSpace,
  applications: LeverApplication[],
  options: SpaceAnalyzeOptions = {},
): SpaceAnalysis {
  return analyzeSpace(applySpaceLevers(space, applications), options);
}

export interface OpeningLeverOptions {
  /** Strength grid as fractions of each lever's maxStrength (default 0.25, 0.5, 0.75, 1). */
  grid?: number[];
  /** Largest combination tried (default 3). */
  maxLevers?: number;
  zone?: ZoneMode;
}

export interface OpeningCombination {
  levers: { id: string; strength: number }[];
  totalStrength: number;
  zoneCount: number;
}

export interface OpeningLeversResult {
  /** True when the zone is already open without levers. */
  alreadyOpen: boolean;
  /** Every combination with the fewest levers and, among those, the smallest total strength (empty if none). */
  combinations: OpeningCombination[];
}

function* combinations(n: number, size: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === size) {
    yield prefix.slice();
    return;
  }
  for (let i = start; i <= n - (size - prefix.length); i++) {
    prefix.push(i);
    yield* combinations(n, size, i + 1, prefix);
    prefix.pop();
  }
}

/** Smallest lever combination that opens a zone: fewest levers first, then smallest total strength on the grid. */
export function findOpeningLevers(
  space: AdditiveSpace,
  levers: SpaceLever[],
  options: OpeningLeverOptions = {},
): OpeningLeversResult {
  const mode = options.zone ?? 'weak';
  if (zoneExists(prepareSpace(space), mode)) return { alreadyOpen: true, combinations: [] };
  const grid = (options.grid ?? [0.25, 0.5, 0.75, 1]).slice().sort((a, b) => a - b);
  const maxLevers = Math.min(options.maxLevers ?? 3, levers.length);
  for (let size = 1; size <= maxLevers; size++) {
    const candidates: { idx: number[]; strengths: number[]; total: number }[] = [];
    for (const idx of combinations(levers.length, size)) {
      const tuples: number[][] = [[]];
      for (let t = 0; t < size; t++) {
        const next: number[][] = [];
        for (const tuple of tuples)
          for (const g of grid) next.push([...tuple, g * (levers[idx[t]!]!.maxStrength ?? 1)]);
        tuples.splice(0, tuples.length, ...next);
      }
      for (const strengths of tuples) candidates.push({ idx, strengths, total: strengths.reduce((a, b) => a + b, 0) });
    }
    candidates.sort((a, b) => a.total - b.total);
    const found: OpeningCombination[] = [];
    let bestTotal = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      if (c.total > bestTotal + 1e-12) break;
      const applied = applySpaceLevers(
        space,
        c.idx.map((i, t) => ({ lever: levers[i]!, strength: c.strengths[t]! })),
      );
      const ps = prepareSpace(applied);
      if (!zoneExists(ps, mode)) continue;
      bestTotal = c.total;
      found.push({
        levers: c.idx.map((i, t) => ({ id: levers[i]!.id, strength: c.strengths[t]! })),
        totalStrength: c.total,
        zoneCount: countZone(ps, mode),
      });
    }
    if (found.length > 0) return { alreadyOpen: false, combinations: found };
  }
  return { alreadyOpen: false, combinations: [] };
}

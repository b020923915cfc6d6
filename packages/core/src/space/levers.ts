import { EntenteError } from '../errors';
import type { OpeningLeversResult } from '../levers/scenario-levers';
import { type SmallestLeverSetOptions, smallestLeverSets } from '../levers/smallest-sets';
import { analyzeSpace, type SpaceAnalysis, type SpaceAnalyzeOptions } from './analyze';
import { prepareSpace, roundTo } from './prepared';
import type { AdditiveSpace, SpaceLever, ZoneMode } from './types';
import { countZone, exactSpaceOf, zoneExists } from './zone';

export type { OpeningCombination, OpeningLeversResult } from '../levers/scenario-levers';

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
        'LEVER_STRENGTH_OUT_OF_RANGE',
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

export interface OpeningLeverOptions extends SmallestLeverSetOptions {
  zone?: ZoneMode;
}

/**
 * Smallest lever combinations that open a zone of an additive space (e.g. a Genius domain): the
 * one search of the levers module, with each candidate re-counted on the levered space.
 */
export function findOpeningLevers(
  space: AdditiveSpace,
  levers: SpaceLever[],
  options: OpeningLeverOptions = {},
): OpeningLeversResult {
  const mode = options.zone ?? 'weak';
  const byId = new Map(levers.map((l) => [l.id, l]));
  const prepared = (uses: { id: string; strength: number }[]) =>
    prepareSpace(
      applySpaceLevers(
        space,
        uses.map((u) => ({ lever: byId.get(u.id)!, strength: u.strength })),
      ),
    );
  const found = smallestLeverSets(
    levers.map((l) => ({ id: l.id, maxStrength: l.maxStrength ?? 1 })),
    (uses) => zoneExists(prepared(uses), mode),
    options,
  );
  return {
    alreadyOpen: found.alreadyOpen,
    combinations: found.sets.map((set) => ({ ...set, zoneCount: countZone(prepared(set.levers), mode) })),
  };
}

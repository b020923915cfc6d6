import { prepareSpace } from './prepared';
import { forEachPackage, reservationThresholds } from './search';
import type { AdditiveSpace, ZoneMode } from './types';

/**
 * The zone's packages (ascending), at most `limit` of them, so a plotted sample can always hold
 * them; `complete` says whether every zone package is listed.
 */
export function zoneOutcomes(
  space: AdditiveSpace,
  mode: ZoneMode,
  limit: number,
): { outcomes: number[]; complete: boolean } {
  const ps = prepareSpace(space);
  const outcomes: number[] = [];
  let complete = true;
  forEachPackage(ps, { thresholds: reservationThresholds(ps, mode === 'strict') }, (outcome) => {
    if (outcomes.length >= limit) {
      complete = false;
      return false;
    }
    outcomes.push(outcome);
    return true;
  });
  return { outcomes, complete };
}

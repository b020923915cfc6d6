import { EntenteError } from '../errors';
import { decodeOutcome, exactUtility, floatUtility, type PreparedSpace, prepareSpace, ratioToNumber } from './prepared';
import { forEachPackage, reservationThresholds } from './search';
import { describePackage } from './solutions';
import type { AdditiveSpace, PackagePoint, ZoneMode } from './types';

/** The closest package in the zone to a given one. */
export interface ClosestAcceptable {
  from: PackagePoint;
  to: PackagePoint;
  /** Issues whose option changes, with the old and new option labels. */
  changes: { issue: string; index: number; from: string; to: string }[];
  /** Proposer's utility at `from` minus at `to` (negative = a gain). */
  proposerLoss: number;
  /** How many packages tie with `to` (same number of changes, same exact proposer utility). */
  ties: number;
}

export interface ClosestOptions {
  /** The party whose utility loss breaks ties between packages with equally few changes. */
  proposer: string;
  zone?: ZoneMode;
}

function subsets(m: number, size: number, start: number, prefix: number[], out: number[][]): void {
  if (prefix.length === size) {
    out.push(prefix.slice());
    return;
  }
  for (let i = start; i <= m - (size - prefix.length); i++) {
    prefix.push(i);
    subsets(m, size, i + 1, prefix, out);
    prefix.pop();
  }
}

/**
 * Closest acceptable package: fewest changed issues first, then the smallest utility loss for the
 * proposer (exact). Returns null when the zone is empty. `pkg` is an outcome index or option indices.
 */
export function closestAcceptable(
  space: AdditiveSpace | PreparedSpace,
  pkg: number | number[],
  options: ClosestOptions,
): ClosestAcceptable | null {
  const ps = 'radices' in space ? space : prepareSpace(space);
  const m = ps.radices.length;
  const proposer = ps.parties.findIndex((p) => p.id === options.proposer);
  if (proposer < 0)
    throw new EntenteError(
      'UNKNOWN_PARTY',
      `No party "${options.proposer}" in the space: use one of ${ps.parties.map((p) => p.id).join(', ')}.`,
    );
  const original = typeof pkg === 'number' ? decodeOutcome(ps, pkg) : pkg.slice();
  if (original.length !== m || original.some((o, i) => !(Number.isInteger(o) && o >= 0 && o < ps.radices[i]!)))
    throw new EntenteError('SPACE_BAD_PACKAGE', `The package must give one valid option for each of the ${m} issues.`);
  const party = ps.parties[proposer]!;
  const th = reservationThresholds(ps, options.zone === 'strict');
  const fromOutcome = original.reduce((acc, o, i) => acc + o * ps.strides[i]!, 0);
  const utilities = (o: number) => ps.parties.map((p) => floatUtility(p, ps, o));
  for (let h = 0; h <= m; h++) {
    const sets: number[][] = [];
    subsets(m, h, 0, [], sets);
    let best = -1;
    let bestU = 0n;
    let ties = 0;
    for (const changed of sets) {
      const allowed = original.map((o, i) =>
        changed.includes(i) ? ps.allowed[i]!.filter((x) => x !== o) : ps.allowed[i]!.includes(o) ? [o] : [],
      );
      if (allowed.some((a) => a.length === 0)) continue;
      forEachPackage(ps, { allowed, thresholds: th }, (outcome) => {
        const u = exactUtility(party, ps, outcome);
        if (best < 0 || u > bestU || (u === bestU && outcome < best)) {
          if (best >= 0 && u === bestU) ties++;
          else ties = 1;
          best = outcome;
          bestU = u;
        } else if (u === bestU) ties++;
        return true;
      });
    }
    if (best >= 0) {
      const to = decodeOutcome(ps, best);
      return {
        from: describePackage(ps, fromOutcome, utilities(fromOutcome)),
        to: describePackage(ps, best, utilities(best)),
        changes: to.flatMap((o, i) =>
          o === original[i]
            ? []
            : [
                {
                  issue: ps.space.issues[i]!.id,
                  index: i,
                  from: ps.space.issues[i]!.options[original[i]!]!,
                  to: ps.space.issues[i]!.options[o]!,
                },
              ],
        ),
        proposerLoss: ratioToNumber(exactUtility(party, ps, fromOutcome) - bestU, party.den),
        ties,
      };
    }
  }
  return null;
}

import type { GeniusDomain, GeniusProfile } from '../genius/model';
import { enumeratedTable } from './enumerated-table';
import { negmasNormalise, rawProfile } from './raw-profile';
import type { Compat, NegotiationTable } from './types';

/** A parsed profile with the text it came from (NegMAS' evaluations are read undivided from it). */
export interface GeniusSide {
  profile: GeniusProfile;
  text: string;
  /** Party id; defaults to the profile's name, made unique. */
  id?: string;
}

/**
 * The table of a Genius / GeniusWeb domain and its profiles. Utilities are on NegMAS' common normalised
 * scale (FORMAT.md §3) in both modes: it is an affine map of each side's raw additive utility, so every
 * strategy behaves as on the raw profile, and utilities compare with the parity table. 'negmas' breaks
 * ties in numpy's order, 'entente' by package index.
 */
export function geniusTable(domain: GeniusDomain, sides: readonly GeniusSide[], compat: Compat): NegotiationTable {
  const used = new Map<string, number>();
  const parties = sides.map((s) => {
    const base = s.id ?? s.profile.name;
    const count = used.get(base) ?? 0;
    used.set(base, count + 1);
    return count === 0 ? base : `${base}#${count + 1}`;
  });
  const normalised = negmasNormalise(sides.map((s) => rawProfile(domain, s.profile, s.text)));
  return enumeratedTable(
    domain.issues.map((i) => ({ id: i.name, options: i.values })),
    parties,
    normalised,
    compat === 'negmas' ? 'numpy' : 'stable',
  );
}

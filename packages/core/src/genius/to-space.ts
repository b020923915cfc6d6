import { ratioToNumber } from '../space/prepared';
import { lcm, numeratorOver } from '../space/rational';
import type { AdditiveSpace } from '../space/types';
import { parseGeniusDomain, parseGeniusProfile } from './genius-xml';
import { parseGeniusWebDomain, parseGeniusWebProfile } from './geniusweb-json';
import { badDocument, type GeniusDomain, type GeniusProfile } from './model';

function looksLikeJson(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** Reads a domain file's text, Genius XML or GeniusWeb JSON (detected from the content). */
export function readGeniusDomain(text: string, file?: string): GeniusDomain {
  if (text.trim() === '') badDocument('GENIUS_INVALID', 'The domain file is empty.', { file });
  return looksLikeJson(text) ? parseGeniusWebDomain(text, file) : parseGeniusDomain(text, file);
}

/** Reads a profile file's text, Genius XML or GeniusWeb JSON, against a domain. */
export function readGeniusProfile(text: string, domain: GeniusDomain, file?: string): GeniusProfile {
  if (text.trim() === '') badDocument('GENIUS_INVALID', 'The profile file is empty.', { file });
  return looksLikeJson(text) ? parseGeniusWebProfile(text, domain, file) : parseGeniusProfile(text, domain, file);
}

/** Builds an AdditiveSpace (with the exact shadow) from a domain and its profiles; party ids are profile names. */
export function geniusToSpace(domain: GeniusDomain, profiles: GeniusProfile[]): AdditiveSpace {
  const used = new Map<string, number>();
  return {
    issues: domain.issues.map((issue) => ({ id: issue.name, options: issue.values.slice(), statusQuo: 0 })),
    parties: profiles.map((profile) => {
      let den = 1n;
      for (const row of profile.contributions) for (const c of row) den = lcm(den, c.d);
      if (profile.reservation) den = lcm(den, profile.reservation.d);
      if (profile.cap) den = lcm(den, profile.cap.d);
      const count = used.get(profile.name) ?? 0;
      used.set(profile.name, count + 1);
      const id = count === 0 ? profile.name : `${profile.name}#${count + 1}`;
      const reservationN = profile.reservation ? numeratorOver(profile.reservation, den) : 0n;
      return {
        id,
        reservation: ratioToNumber(reservationN, den),
        contributions: profile.contributions.map((row) => Float64Array.from(row, (c) => ratioToNumber(c.n, c.d))),
        ...(profile.cap ? { cap: ratioToNumber(profile.cap.n, profile.cap.d) } : {}),
        exact: {
          denominator: den,
          contributions: profile.contributions.map((row) => row.map((c) => numeratorOver(c, den))),
          reservation: reservationN,
          ...(profile.cap ? { cap: numeratorOver(profile.cap, den) } : {}),
        },
      };
    }),
  };
}

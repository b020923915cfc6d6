import { add, fromNumber, mul, type Rational, rational } from '../space/rational';
import { badDocument, type GeniusDomain, type GeniusProfile } from './model';

/**
 * GeniusWeb JSON domains and `LinearAdditiveUtilitySpace` profiles:
 * u = Σ w_i · valueUtility_i(v) (no renormalisation, no cap); the reservation value is the utility of
 * `reservationBid`. JSON numbers are read as the decimal literal JavaScript prints for them (the
 * shortest one that round-trips), so "0.15" is exactly 15/100.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string, file: string | undefined): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    return badDocument('GENIUSWEB_INVALID', `Not valid JSON (${(error as Error).message}). Fix the file and retry.`, {
      file,
    });
  }
}

function domainFrom(obj: { [key: string]: Json }, file: string | undefined, path: string[]): GeniusDomain {
  const iv = obj.issuesValues;
  if (!isObject(iv))
    badDocument('GENIUSWEB_INVALID', `"${[...path, 'issuesValues'].join('.')}" must be an object of issues.`, {
      file,
      path: [...path, 'issuesValues'],
    });
  const issues = Object.entries(iv as { [key: string]: Json }).map(([name, spec], j) => {
    const values = isObject(spec) ? spec.values : undefined;
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string'))
      badDocument(
        'GENIUSWEB_UNSUPPORTED',
        `Issue "${name}" must list its discrete "values" as strings (number ranges are not supported).`,
        { file, path: [...path, 'issuesValues', name] },
      );
    return { index: j + 1, name, type: 'discrete' as const, values: [...new Set(values as string[])] };
  });
  const name = typeof obj.name === 'string' ? obj.name : 'domain';
  return { name, format: 'geniusweb-json', issues, ...(file === undefined ? {} : { file }) };
}

/** Reads a GeniusWeb JSON domain (text). */
export function parseGeniusWebDomain(text: string, file?: string): GeniusDomain {
  const doc = parseJson(text, file);
  if (!isObject(doc))
    badDocument('GENIUSWEB_INVALID', 'The domain must be a JSON object with "issuesValues".', { file });
  return domainFrom(doc as { [key: string]: Json }, file, []);
}

function decimal(v: Json | undefined, file: string | undefined, path: string[]): Rational {
  if (typeof v !== 'number' || !Number.isFinite(v))
    badDocument('GENIUSWEB_INVALID', `"${path.join('.')}" must be a number.`, { file, path });
  return fromNumber(v as number);
}

/** Reads a GeniusWeb JSON LinearAdditiveUtilitySpace profile (text); with a domain, checks that they match. */
export function parseGeniusWebProfile(text: string, domain?: GeniusDomain, file?: string): GeniusProfile {
  const doc = parseJson(text, file);
  const space = isObject(doc) ? doc.LinearAdditiveUtilitySpace : undefined;
  if (!isObject(space)) {
    const kind = isObject(doc) ? Object.keys(doc)[0] : undefined;
    return badDocument(
      'GENIUSWEB_UNSUPPORTED',
      kind
        ? `Profile type "${kind}" is not supported: only LinearAdditiveUtilitySpace profiles are.`
        : 'Not a GeniusWeb profile: expected {"LinearAdditiveUtilitySpace": {...}}.',
      { file, path: kind ? [kind] : [] },
    );
  }
  const base = ['LinearAdditiveUtilitySpace'];
  const own = isObject(space.domain) ? domainFrom(space.domain, file, [...base, 'domain']) : undefined;
  const dom = domain ?? own;
  if (!dom)
    return badDocument('GENIUSWEB_INVALID', 'The profile has no "domain" and none was given.', { file, path: base });
  if (domain && own) {
    const same =
      own.issues.length === domain.issues.length &&
      own.issues.every(
        (iss, j) =>
          iss.name === domain.issues[j]!.name &&
          iss.values.length === domain.issues[j]!.values.length &&
          iss.values.every((v, t) => v === domain.issues[j]!.values[t]),
      );
    if (!same)
      badDocument(
        'GENIUSWEB_PROFILE_MISMATCH',
        `The profile's own domain does not match the domain${domain.file ? ` ${domain.file}` : ''} (issues, values or their order differ).`,
        { file, path: [...base, 'domain'] },
      );
  }
  const utils = space.issueUtilities;
  const weightsObj = space.issueWeights;
  if (!isObject(utils) || !isObject(weightsObj))
    badDocument('GENIUSWEB_INVALID', 'The profile needs "issueUtilities" and "issueWeights" objects.', {
      file,
      path: base,
    });
  const uo = utils as { [key: string]: Json };
  const wo = weightsObj as { [key: string]: Json };
  for (const key of [...Object.keys(uo), ...Object.keys(wo)])
    if (!dom.issues.some((i) => i.name === key))
      badDocument('GENIUSWEB_PROFILE_MISMATCH', `Issue "${key}" of the profile is not in the domain.`, {
        file,
        path: [...base, 'issueUtilities', key],
      });
  const notes: string[] = [];
  const weights: Rational[] = [];
  const contributions = dom.issues.map((issue) => {
    const w = decimal(wo[issue.name], file, [...base, 'issueWeights', issue.name]);
    if (w.n < 0n)
      badDocument(
        'GENIUSWEB_NEGATIVE_WEIGHT',
        `The weight of issue "${issue.name}" is negative: weights must be ≥ 0.`,
        {
          file,
          path: [...base, 'issueWeights', issue.name],
        },
      );
    weights.push(w);
    const spec = uo[issue.name];
    const vu = isObject(spec) && isObject(spec.discreteutils) ? spec.discreteutils.valueUtilities : undefined;
    if (!isObject(vu))
      badDocument('GENIUSWEB_UNSUPPORTED', `Issue "${issue.name}" needs "discreteutils.valueUtilities".`, {
        file,
        path: [...base, 'issueUtilities', issue.name],
      });
    const table = vu as { [key: string]: Json };
    for (const key of Object.keys(table))
      if (!issue.values.includes(key))
        badDocument('GENIUSWEB_PROFILE_MISMATCH', `Value "${key}" of issue "${issue.name}" is not in the domain.`, {
          file,
          path: [...base, 'issueUtilities', issue.name, key],
        });
    return issue.values.map((v) => {
      if (table[v] === undefined) {
        notes.push(`value "${v}" of "${issue.name}" has no utility (taken as 0)`);
        return rational(0n);
      }
      return mul(w, decimal(table[v], file, [...base, 'issueUtilities', issue.name, v]));
    });
  });
  let reservation: Rational | null = null;
  const bid = space.reservationBid;
  if (bid !== undefined && bid !== null) {
    const values = isObject(bid) ? (bid.issuevalues ?? bid.issuesValues) : undefined;
    if (!isObject(values))
      badDocument('GENIUSWEB_INVALID', '"reservationBid" needs "issuevalues".', {
        file,
        path: [...base, 'reservationBid'],
      });
    reservation = rational(0n);
    for (const [key, value] of Object.entries(values as { [key: string]: Json })) {
      const j = dom.issues.findIndex((i) => i.name === key);
      const pos = j < 0 || typeof value !== 'string' ? -1 : dom.issues[j]!.values.indexOf(value);
      if (pos < 0)
        badDocument(
          'GENIUSWEB_PROFILE_MISMATCH',
          `The reservation bid's "${key}": ${JSON.stringify(value)} is not in the domain.`,
          {
            file,
            path: [...base, 'reservationBid', key],
          },
        );
      reservation = add(reservation, contributions[j]![pos]!);
    }
  }
  const name =
    typeof space.name === 'string' ? space.name : (file ?? 'profile').replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return {
    name,
    format: 'geniusweb-json',
    ...(file === undefined ? {} : { file }),
    weights,
    contributions,
    reservation,
    discount: 1,
    cap: null,
    notes,
  };
}

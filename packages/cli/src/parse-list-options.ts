import { EntenteError, type LeverUse } from '@entente/core';

/** Parses `issue=option,issue=option` into a terms map. */
export function parseTerms(text: string): Record<string, string> {
  const terms: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [issue, option, ...rest] = part.split('=').map((p) => p.trim());
    if (!issue || !option || rest.length > 0)
      throw new EntenteError(
        'INVALID_TERMS',
        `Cannot read "${part}" in --terms; write issue=option pairs separated by commas, e.g. ceasefire=full,crimea=frozen.`,
      );
    if (terms[issue] !== undefined)
      throw new EntenteError('INVALID_TERMS', `Issue "${issue}" appears twice in --terms; name each issue once.`);
    terms[issue] = option;
  }
  if (Object.keys(terms).length === 0)
    throw new EntenteError('INVALID_TERMS', '--terms is empty; give at least one issue=option pair.');
  return terms;
}

/** Parses `lever[=strength],...` into lever uses (strength 1 when omitted). */
export function parseLeverUses(text: string | undefined): LeverUse[] {
  if (!text) return [];
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, strengthText, ...rest] = part.split('=').map((p) => p.trim());
      const strength = strengthText === undefined ? 1 : Number(strengthText);
      if (!id || rest.length > 0 || !Number.isFinite(strength) || strength < 0)
        throw new EntenteError(
          'INVALID_LEVERS',
          `Cannot read "${part}" in --levers; write lever ids with an optional non-negative strength, e.g. secondary_sanctions=1.5,us_walks_away.`,
        );
      return { id, strength };
    });
}

/** Parses a comma-separated id list. */
export function parseIdList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

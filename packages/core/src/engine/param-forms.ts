import { z } from 'zod';
import { EntenteError } from '../errors';

/** Ids as the scenario format writes them. */
export const IdParam = z.string().min(1).max(200);

/** Reads `issue=option,issue=option` into a terms map; the CLI's form of terms. */
export function parseTermsText(text: string): Record<string, string> {
  const terms: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [issue, option, ...rest] = part.split('=').map((p) => p.trim());
    if (!issue || !option || rest.length > 0)
      throw new EntenteError(
        'INVALID_TERMS',
        `Cannot read "${part}" in the terms; write issue=option pairs separated by commas, e.g. ceasefire=full,crimea=frozen.`,
      );
    if (terms[issue] !== undefined)
      throw new EntenteError('INVALID_TERMS', `Issue "${issue}" appears twice in the terms; name each issue once.`);
    terms[issue] = option;
  }
  if (Object.keys(terms).length === 0)
    throw new EntenteError('INVALID_TERMS', 'The terms are empty; give at least one issue=option pair.');
  return terms;
}

/** Reads `lever[=strength],...` into lever uses (strength 1 when omitted). */
export function parseLeverText(text: string): { id: string; strength: number }[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, strengthText, ...rest] = part.split('=').map((p) => p.trim());
      const strength = strengthText === undefined ? 1 : Number(strengthText);
      if (!id || rest.length > 0 || strengthText === '' || !Number.isFinite(strength) || strength < 0)
        throw new EntenteError(
          'INVALID_LEVERS',
          `Cannot read "${part}" in the levers; write lever ids with an optional non-negative strength, e.g. secondary_sanctions=1.5,us_walks_away.`,
        );
      return { id, strength };
    });
}

/** Reads `a,b,c` into a list of ids. */
export const parseIdListText = (text: string): string[] =>
  text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

/** A parameter that takes a structured value in the API and a text form on the command line. */
function textForm<S extends z.ZodType>(parse: (text: string) => unknown, schema: S) {
  return z.preprocess((value) => (typeof value === 'string' ? parse(value) : value), schema);
}

/** Terms as data: issue id → option id; issues not named stay at the status quo. */
export const TermsSchema = z
  .record(IdParam, IdParam)
  .describe('issue id -> option id; issues not named stay at the status quo');

/** One lever applied at a strength (1 = the effect the scenario models). */
export const LeverUseSchema = z.object({ id: IdParam, strength: z.number().min(0).max(1000) }).strict();

/** Terms: `{issue: option}` in the API, `issue=option,...` on the command line. */
export const TermsParam = textForm(parseTermsText, TermsSchema);

/** Levers: `[{id, strength}]` in the API, `id[=strength],...` on the command line. */
export const LeversParam = textForm(parseLeverText, z.array(LeverUseSchema).max(50));

/** A list of ids: an array in the API, `a,b,c` on the command line. */
export const IdListParam = textForm(parseIdListText, z.array(IdParam).max(200));

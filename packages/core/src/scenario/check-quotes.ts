import type { ValidationIssue } from '../errors';
import { forEachEvidence } from './check-references';
import type { Scenario } from './schema';

/** Folds the typographic variants a copy-paste may change (curly quotes, dashes, spacing); nothing else. */
export function foldQuoteText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Result of checking quotes: issues plus which sources could and could not be checked. */
export interface QuoteCheck {
  issues: ValidationIssue[];
  checked: number;
  unchecked: number;
  sourcesWithoutText: string[];
}

/**
 * Checks that every evidence quote appears verbatim in its source text, when the text is known.
 * @example checkQuotes(scenario, new Map([['seed-000', articleText]]))
 */
export function checkQuotes(scenario: Scenario, texts: ReadonlyMap<string, string>): QuoteCheck {
  const folded = new Map<string, string>();
  for (const [id, text] of texts) folded.set(id, foldQuoteText(text));
  const issues: ValidationIssue[] = [];
  let checked = 0;
  let unchecked = 0;
  forEachEvidence(scenario, (evidence, path) => {
    const text = folded.get(evidence.source);
    if (text === undefined) {
      unchecked++;
      return;
    }
    checked++;
    const quote = foldQuoteText(evidence.quote);
    if (text.includes(quote)) return;
    const hint = text.toLowerCase().includes(quote.toLowerCase())
      ? ' It is there with different capital letters; copy it exactly.'
      : ' Copy the words exactly as the source has them.';
    issues.push({
      code: 'QUOTE_NOT_FOUND',
      path: [...path, 'quote'],
      message: `The quote "${evidence.quote.length > 80 ? `${evidence.quote.slice(0, 77)}...` : evidence.quote}" is not in source "${evidence.source}".${hint}`,
      severity: 'error',
    });
  });
  const sourcesWithoutText = scenario.sources.filter((s) => !texts.has(s.id)).map((s) => s.id);
  return { issues, checked, unchecked, sourcesWithoutText };
}

import type { ValidationIssue } from '../errors';
import { checkQuotes, type QuoteCheck } from './check-quotes';
import { locateIssuesInText } from './locate-path';
import { parseScenarioText } from './parse-scenario';
import type { Scenario } from './schema';

/** Everything validation learns about a scenario text. */
export interface ScenarioValidation {
  /** The scenario when its structure is valid (its quotes may still be wrong). */
  scenario: Scenario | undefined;
  /** Problems with the structure: syntax, schema, references. */
  structureIssues: ValidationIssue[];
  /** Every problem, quotes included, with positions. */
  issues: ValidationIssue[];
  quotes: QuoteCheck | undefined;
  valid: boolean;
}

/**
 * Parses a scenario and checks each quote against the source texts found for it, every problem
 * with its file, line and column.
 * @example validateScenarioText(text, { file, sourceTexts: (s) => readSources(s) })
 */
export function validateScenarioText(
  text: string,
  options: { file?: string; sourceTexts?: (scenario: Scenario) => ReadonlyMap<string, string> } = {},
): ScenarioValidation {
  const parsed = parseScenarioText(text, options.file === undefined ? {} : { file: options.file });
  let issues = parsed.issues;
  let quotes: QuoteCheck | undefined;
  if (parsed.scenario && options.sourceTexts) {
    quotes = checkQuotes(parsed.scenario, options.sourceTexts(parsed.scenario));
    if (quotes.issues.length > 0) issues = [...issues, ...locateIssuesInText(text, quotes.issues, options.file)];
  }
  return {
    scenario: parsed.scenario,
    structureIssues: parsed.issues,
    issues,
    quotes,
    valid: !issues.some((i) => i.severity === 'error'),
  };
}

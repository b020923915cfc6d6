import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { EntenteError, type ValidationIssue } from '../errors';
import { checkReferences } from './check-references';
import { attachLocations } from './locate-path';
import { type Scenario, ScenarioSchema } from './schema';

/** What parsing a scenario file gives: the scenario when it is valid, and every problem found. */
export interface ParseResult {
  scenario: Scenario | undefined;
  issues: ValidationIssue[];
}

function codeOfZodIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'MISSING_FIELD' : 'INVALID_TYPE';
    case 'unrecognized_keys':
      return 'UNKNOWN_FIELD';
    case 'invalid_value':
      return 'INVALID_VALUE';
    case 'too_small':
      if (issue.origin === 'array' && /evidence$/i.test(String(issue.path.at(-1)))) return 'MISSING_EVIDENCE';
      return 'OUT_OF_RANGE';
    case 'too_big':
      return 'OUT_OF_RANGE';
    case 'invalid_format':
      return 'INVALID_FORMAT';
    case 'custom':
      // A refinement may name its own issue code through `params.code`.
      return typeof issue.params?.code === 'string' ? issue.params.code : 'INVALID';
    default:
      return 'INVALID';
  }
}

function messageOfZodIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `"${String(issue.path.at(-1))}" is required.`;
  if (issue.code === 'unrecognized_keys')
    return `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against \`entente schema\`.`;
  const message = issue.message.replace(/^Invalid input: /, '');
  return message.charAt(0).toUpperCase() + message.slice(1) + (message.endsWith('.') ? '' : '.');
}

/** Turns zod issues into Entente validation issues (unknown keys point at the key itself). */
export function fromZodIssues(zodIssues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return zodIssues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        code: 'UNKNOWN_FIELD',
        path: [...path, key],
        message: `Unknown field "${key}"; check the spelling against \`entente schema\`.`,
        severity: 'error' as const,
      }));
    return [{ code: codeOfZodIssue(issue), path, message: messageOfZodIssue(issue), severity: 'error' as const }];
  });
}

/** How far YAML aliases may expand a scenario (the yaml library's measure); more is a resource-exhaustion attack. */
export const YAML_MAX_ALIAS_COUNT = 1000;

/**
 * Parses and validates a scenario written in YAML or JSON, reporting every problem at once
 * with its file, line and column.
 * @example const { scenario, issues } = parseScenarioText(text, { file: 'scenario.yaml' });
 */
export function parseScenarioText(text: string, options: { file?: string } = {}): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const file = options.file;
  const where = file !== undefined ? { file } : {};
  if (doc.errors.length > 0) {
    return {
      scenario: undefined,
      issues: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          code: e.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX',
          path: [],
          message: e.message.split('\n')[0] ?? e.message,
          severity: 'error' as const,
          ...where,
          line: pos.line,
          column: pos.col,
        };
      }),
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library throws a ReferenceError when aliases expand past the limit (a "billion laughs" file).
    if (!(error instanceof ReferenceError)) throw error;
    return {
      scenario: undefined,
      issues: [
        {
          code: 'YAML_TOO_MANY_ALIASES',
          path: [],
          message: `The YAML aliases expand past the limit of ${YAML_MAX_ALIAS_COUNT}; write the repeated parts out instead of using anchors.`,
          severity: 'error',
          ...where,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      scenario: undefined,
      issues: [
        {
          code: 'NOT_A_SCENARIO',
          path: [],
          message: 'The file must hold a mapping with actors, issues and the other scenario sections.',
          severity: 'error',
          ...where,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success)
    return { scenario: undefined, issues: attachLocations(fromZodIssues(parsed.error.issues), doc, lineCounter, file) };
  const issues = attachLocations(checkReferences(parsed.data), doc, lineCounter, file);
  return { scenario: issues.some((i) => i.severity === 'error') ? undefined : parsed.data, issues };
}

/** Parses a scenario and throws one EntenteError listing every problem when it is invalid. */
export function loadScenarioText(text: string, options: { file?: string } = {}): Scenario {
  const { scenario, issues } = parseScenarioText(text, options);
  if (!scenario) {
    const errors = issues.filter((i) => i.severity === 'error');
    throw new EntenteError(
      'SCENARIO_INVALID',
      `${options.file ?? 'The scenario'} has ${errors.length} problem${errors.length === 1 ? '' : 's'}; fix them and run \`entente validate\` again.`,
      { issues },
    );
  }
  return scenario;
}

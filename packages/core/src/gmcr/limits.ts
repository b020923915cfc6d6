import { EntenteError, type ErrorCode, type ValidationIssue } from '../errors';
import type { GmcrModel } from './types';

/**
 * The GMCR engine's input and output limits, in one table so that the CLI, the API and the README
 * quote the same figures. Each is enforced before the work it bounds is allocated.
 */
export const GMCR_LIMITS = {
  /** Characters in an option or decision-maker id or name, or a state label. */
  nameChars: 200,
  /** Options (the state enumeration walks 2^options candidate patterns). */
  options: 26,
  /** Decision makers (each holds a payoff array over all states). */
  decisionMakers: 26,
  /**
   * Feasible states. Measured on the shared 2-core machine (4 DMs, the four classical concepts, the
   * whole report): 2^20 states 10 s and 1.1 GB, 2^21 about 35 s and 1.8 GB, 2^22 78 s and 3.5 GB;
   * so 2^21 is what runs within about a minute and 2 GB (gmcr/README.md, "Limits").
   */
  states: 2 ** 21,
  /**
   * Feasible states for the coalition analyses (fixed partition and all coalitions), which run on the
   * fast engine (coalition-fast.ts) since issue 16; 4,096 before, on the definitional solver.
   */
  coalitionStates: 2 ** 16,
  /** Explanations in one report (one per state, DM and concept that has an improvement). */
  explanations: 5_000,
  /** Characters of explanation text in one report. */
  explanationChars: 2_000_000,
} as const;

/** A name too long to repeat: its first characters and its length, for messages that must stay short. */
function preview(text: string, chars = 40): string {
  return text.length <= chars ? `'${text}'` : `'${text.slice(0, chars)}…' (${text.length} characters)`;
}

function limitIssue(code: ErrorCode, path: (string | number)[], message: string): ValidationIssue {
  return { code, path, message, severity: 'error' };
}

/** The model's ids, names and labels longer than GMCR_LIMITS.nameChars, as issues (none when all fit). */
export function nameLengthIssues(model: GmcrModel): ValidationIssue[] {
  const max: number = GMCR_LIMITS.nameChars;
  const issues: ValidationIssue[] = [];
  const check = (text: string, path: (string | number)[], what: string, limit = max) => {
    if (text.length > limit)
      issues.push(
        limitIssue(
          'GMCR_NAME_TOO_LONG',
          path,
          `The ${what} ${preview(text)} is longer than ${limit} characters: shorten it (names are repeated in every table and legend).`,
        ),
      );
  };
  const p = model.paths ?? {};
  model.options.forEach((o, k) => {
    const at = p.option?.(k) ?? ['options', k];
    check(o.id, [...at, 'id'], 'option id');
    check(o.name, [...at, 'name'], 'option name');
  });
  model.decisionMakers.forEach((d, k) => {
    const at = p.decisionMaker?.(k) ?? ['decisionMakers', k];
    check(d.id, [...at, 'id'], 'decision-maker id');
    check(d.name, [...at, 'name'], 'decision-maker name');
  });
  check(model.title, ['title'], 'title', max * 5);
  for (const label of model.stateLabels?.values() ?? []) check(label, ['states'], 'state label');
  return issues;
}

/** Refuses a model whose option or decision-maker count exceeds the limits, before anything is enumerated. */
export function sizeIssues(optionCount: number, dmCount: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (optionCount > GMCR_LIMITS.options)
    issues.push(
      limitIssue(
        'GMCR_TOO_MANY_OPTIONS',
        ['options'],
        `The conflict has ${optionCount} options; at most ${GMCR_LIMITS.options} are supported: merge or drop options, or fix some by infeasibility conditions in a smaller model.`,
      ),
    );
  if (dmCount > GMCR_LIMITS.decisionMakers)
    issues.push(
      limitIssue(
        'GMCR_TOO_MANY_DMS',
        ['decisionMakers'],
        `The conflict has ${dmCount} decision makers; at most ${GMCR_LIMITS.decisionMakers} are supported: merge decision makers.`,
      ),
    );
  return issues;
}

/** The error for a conflict with more feasible states than GMCR_LIMITS.states (thrown while enumerating). */
export function tooManyStates(options: number, atLeast: number): EntenteError {
  const max = GMCR_LIMITS.states;
  const message = `The conflict has at least ${atLeast} feasible states (${options} options); at most ${max} (2^${Math.log2(max)}) are analysed: add infeasibility conditions (mutually exclusive options) or drop options.`;
  return new EntenteError('GMCR_TOO_MANY_STATES', message, {
    issues: [limitIssue('GMCR_TOO_MANY_STATES', ['options'], message)],
  });
}

/** Largest state count for the coalition analyses (GMCR_LIMITS.coalitionStates). */
export const COALITION_STATE_LIMIT: number = GMCR_LIMITS.coalitionStates;

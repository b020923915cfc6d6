import {
  buildScenarioModel,
  type QuoteCheck,
  type Scenario,
  type ScenarioModel,
  type ValidationIssue,
  validateScenarioText,
} from '@entente/core';
import { HttpError } from './http-error';

/** A scenario the server knows: its text, the parsed scenario when valid, and every problem found. */
export interface ScenarioEntry {
  id: string;
  file: string;
  text: string;
  valid: boolean;
  issues: ValidationIssue[];
  quotes: QuoteCheck | undefined;
  scenario: Scenario | undefined;
  model: ScenarioModel | undefined;
}

/** Source texts by source id, used to check that quotes are verbatim. */
export type SourceTexts = ReadonlyMap<string, string>;

/** Parses and validates one scenario text (quotes checked against the texts given). */
export function buildScenarioEntry(
  file: string,
  text: string,
  sources?: (scenario: Scenario) => SourceTexts,
): ScenarioEntry {
  const checked = validateScenarioText(text, { file, ...(sources ? { sourceTexts: sources } : {}) });
  const { issues, quotes, valid, scenario } = checked;
  // A scenario whose only errors are unverifiable quotes can still be explored; invalid structure cannot.
  const usable = scenario !== undefined && !checked.structureIssues.some((i) => i.severity === 'error');
  const fallbackId = file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '');
  return {
    id: scenario?.id ?? fallbackId,
    file,
    text,
    valid,
    issues,
    quotes,
    scenario: usable ? scenario : undefined,
    model: usable && scenario ? buildScenarioModel(scenario) : undefined,
  };
}

/** The scenarios a server instance serves, by id. */
export class ScenarioRegistry {
  private readonly entries = new Map<string, ScenarioEntry>();

  constructor(entries: readonly ScenarioEntry[] = []) {
    for (const entry of entries) this.add(entry);
  }

  /** Adds or replaces a scenario; two files with the same id keep the first and rename the second. */
  add(entry: ScenarioEntry): ScenarioEntry {
    let id = entry.id;
    for (let n = 2; this.entries.has(id) && this.entries.get(id)!.file !== entry.file; n++) id = `${entry.id}-${n}`;
    const stored = { ...entry, id };
    this.entries.set(id, stored);
    return stored;
  }

  list(): ScenarioEntry[] {
    return [...this.entries.values()];
  }

  /** The entry with this id, or a 404. */
  get(id: string): ScenarioEntry {
    const entry = this.entries.get(id);
    if (!entry)
      throw new HttpError(
        'SCENARIO_NOT_FOUND',
        `No scenario has id "${id}"; use one of: ${[...this.entries.keys()].join(', ') || '(none loaded)'}.`,
      );
    return entry;
  }

  /** The entry and its model, or a 400 when the scenario does not validate. */
  usable(id: string): ScenarioEntry & { scenario: Scenario; model: ScenarioModel } {
    const entry = this.get(id);
    if (!entry.scenario || !entry.model)
      throw new HttpError(
        'SCENARIO_INVALID',
        `Scenario "${id}" (${entry.file}) does not validate; fix the problems listed in details.issues first.`,
        { issues: entry.issues },
      );
    return entry as ScenarioEntry & { scenario: Scenario; model: ScenarioModel };
  }
}

import { EntenteError } from '../errors';
import { buildScenarioModel, type ScenarioModel } from '../scenario/scenario-model';
import type { Scenario } from '../scenario/schema';
import { validateScenarioText } from '../scenario/validate-scenario';
import type { SourceText } from './types';

/** A scenario ready for the engines: validated structure (quotes are `validate`'s business) and its model. */
export interface LoadedScenario {
  file: string;
  scenario: Scenario;
  model: ScenarioModel;
}

// `analyze` hands the same scenario to every engine, and parsing a large YAML costs more than most engines' runs.
let lastLoaded: { name: string; text: string; loaded: LoadedScenario } | undefined;

/** Parses and validates a scenario's text, or throws with every problem listed (the last text's result is reused). */
export function loadScenarioSource(source: SourceText): LoadedScenario {
  if (lastLoaded && lastLoaded.text === source.text && lastLoaded.name === source.name) return lastLoaded.loaded;
  const loaded = parseScenarioSource(source);
  lastLoaded = { name: source.name, text: source.text, loaded };
  return loaded;
}

function parseScenarioSource(source: SourceText): LoadedScenario {
  const checked = validateScenarioText(source.text, { file: source.name });
  if (!checked.valid || !checked.scenario) {
    const errors = checked.issues.filter((i) => i.severity === 'error').length;
    throw new EntenteError(
      'SCENARIO_INVALID',
      `${source.name} has ${errors} problem${errors === 1 ? '' : 's'}; run \`entente validate ${source.name}\` for details.`,
      { issues: checked.issues },
    );
  }
  return { file: source.name, scenario: checked.scenario, model: buildScenarioModel(checked.scenario) };
}

/** The input spec of engines that take one scenario. */
export const SCENARIO_INPUT = {
  name: 'scenario',
  description: 'scenario file (YAML or JSON)',
  min: 1,
  max: 1,
  scenario: true,
} as const;

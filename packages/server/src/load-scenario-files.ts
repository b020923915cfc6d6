import type { Scenario } from '@entente/core';
import { readSourceTexts, readTextFile, resolveScenarioPath } from '@entente/runtime';
import { buildScenarioEntry, type ScenarioEntry, type SourceTexts } from './scenario-registry';

/** Finds a scenario's source texts on disk. */
export type SourceReader = (scenario: Scenario, scenarioFile: string) => SourceTexts;

/** The runtime's lookup, as the CLI does it: `$ENTENTE_SOURCES_DIR`, beside the scenario, then `shared/seeds` above it. */
export const readScenarioSources: SourceReader = (scenario, scenarioFile) =>
  readSourceTexts(scenario, scenarioFile).texts;

/** Reads scenario files (or folders holding scenario.yaml) into registry entries, with the runtime's file loading. */
export function loadScenarioFiles(
  inputs: readonly string[],
  readSources: SourceReader = readScenarioSources,
): ScenarioEntry[] {
  return inputs.map((input) => {
    const file = resolveScenarioPath(input);
    const text = readTextFile(file, 'scenario file');
    return buildScenarioEntry(file, text, (scenario) => readSources(scenario, file));
  });
}

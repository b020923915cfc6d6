import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EntenteError, type Scenario } from '@entente/core';
import { buildScenarioEntry, type ScenarioEntry, type SourceTexts } from './scenario-registry';

/** Finds a scenario's source texts on disk: by default beside the scenario file. */
export type SourceReader = (scenario: Scenario, scenarioFile: string) => SourceTexts;

/** Reads the source texts that sit beside the scenario file. */
export const readSourcesBeside: SourceReader = (scenario, scenarioFile) => {
  const texts = new Map<string, string>();
  for (const source of scenario.sources) {
    if (!source.file) continue;
    const candidate = path.resolve(path.dirname(scenarioFile), source.file);
    if (existsSync(candidate) && statSync(candidate).isFile()) texts.set(source.id, readFileSync(candidate, 'utf8'));
  }
  return texts;
};

/** Reads scenario files (or folders holding scenario.yaml) into registry entries. */
export function loadScenarioFiles(
  inputs: readonly string[],
  readSources: SourceReader = readSourcesBeside,
): ScenarioEntry[] {
  return inputs.map((input) => {
    let file = input;
    if (existsSync(input) && statSync(input).isDirectory()) {
      const found = ['scenario.yaml', 'scenario.yml', 'scenario.json'].map((n) => path.join(input, n)).find(existsSync);
      if (!found)
        throw new EntenteError(
          'SCENARIO_NOT_FOUND',
          `The folder ${input} has no scenario.yaml; give the scenario file itself.`,
        );
      file = found;
    }
    if (!existsSync(file) || !statSync(file).isFile())
      throw new EntenteError('SCENARIO_NOT_FOUND', `No scenario file at ${file}; check the path.`);
    const text = readFileSync(file, 'utf8');
    return buildScenarioEntry(file, text, (scenario) => readSources(scenario, file));
  });
}

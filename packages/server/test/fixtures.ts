import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScenarioEntry, ScenarioRegistry } from '../src/scenario-registry';

/** Repository root, found from this file. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const riverFile = path.join(repoRoot, 'packages/core/src/scenario/fixtures/river-dispute.yaml');
export const riverText = readFileSync(riverFile, 'utf8');
export const bulletinText = readFileSync(path.join(path.dirname(riverFile), 'river-bulletin.txt'), 'utf8');

/** The river fixture with a small GMCR section: Northland may share water, Southland may attack the dams. */
export const riverWithGmcrText = `${riverText.replace('id: river-dispute', 'id: river-gmcr')}
gmcr:
  title: Vell river standoff
  decisionMakers:
    - id: north
      name: Northland
      options:
        - id: share
          label: Share the water
    - id: south
      name: Southland
      options:
        - id: attack
          label: Attack the dams
  preferences:
    north:
      - "!attack"
      - "!share"
    south:
      - share
      - "!attack"
  statusQuo: []
`;

/** A registry holding the river fixture (quotes checked against its bulletin) and its GMCR variant. */
export function riverRegistry(): ScenarioRegistry {
  const sources = () => new Map([['bulletin', bulletinText]]);
  return new ScenarioRegistry([
    buildScenarioEntry(riverFile, riverText, sources),
    buildScenarioEntry(riverFile.replace('.yaml', '-gmcr.yaml'), riverWithGmcrText, sources),
  ]);
}

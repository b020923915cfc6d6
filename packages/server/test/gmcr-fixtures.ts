import { buildScenarioEntry, ScenarioRegistry } from '../src/scenario-registry';
import { bulletinText, riverFile, riverText } from './fixtures';

/**
 * The river fixture with a GMCR section of `dms` decision makers holding `perDm` options each (all
 * states feasible) and prioritised-statement preferences: big enough to leave the request's thread.
 */
export function wideGmcrScenarioText(id: string, dms: number, perDm: number): string {
  const lines = [
    `${riverText.replace('id: river-dispute', `id: ${id}`)}`,
    'gmcr:',
    `  title: ${id}`,
    '  decisionMakers:',
  ];
  for (let d = 0; d < dms; d++) {
    lines.push(`    - id: dm${d}`, `      name: Party ${d}`, '      options:');
    for (let j = 0; j < perDm; j++)
      lines.push(`        - id: o${d}_${j}`, `          label: Option ${j} of party ${d}`);
  }
  lines.push('  preferences:');
  for (let d = 0; d < dms; d++) {
    const next = (d + 1) % dms;
    lines.push(
      `    dm${d}:`,
      `      - "!o${next}_0"`,
      `      - "o${d}_0 | o${next}_1"`,
      `      - "IF o${next}_2 THEN o${d}_1"`,
      `      - "!o${d}_2 & o${next}_3"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A registry with one wide GMCR scenario per entry of `sizes` (id → [DMs, options per DM]). */
export function wideGmcrRegistry(sizes: Record<string, [number, number]>): ScenarioRegistry {
  const sources = () => new Map([['bulletin', bulletinText]]);
  return new ScenarioRegistry(
    Object.entries(sizes).map(([id, [dms, perDm]]) =>
      buildScenarioEntry(riverFile.replace('.yaml', `-${id}.yaml`), wideGmcrScenarioText(id, dms, perDm), sources),
    ),
  );
}

/** A gmcr-case/1 document regenerated from its synthetic spec: `options` options, 3 DMs, all states feasible. */
export const syntheticCase = (options: number) => ({
  format: 'gmcr-case/1',
  synthetic: { K: options, n: 3, seed: 20250101, optionOwners: Array.from({ length: options }, (_, k) => k % 3) },
});

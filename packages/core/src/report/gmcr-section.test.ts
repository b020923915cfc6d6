import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyzeGmcr } from '../gmcr/analyze';
import { parseGmcrSection } from '../gmcr/scenario-section';
import { describeGmcrState, gmcrReportSection } from './gmcr-section';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../gmcr/fixtures/example-scenario.yaml');

describe('gmcrReportSection', async () => {
  const doc = parse(readFileSync(file, 'utf8')) as { gmcr: unknown };
  const model = parseGmcrSection(doc.gmcr);
  const report = await analyzeGmcr({ ...model, statusQuo: 0 }, { explainLimit: 0 });

  it('names the options taken in a state, by decision maker', () => {
    const none = report.stateList.findIndex((s) => !s.pattern.includes('Y'));
    expect(describeGmcrState(report, none)).toBe('no option taken');
    const one = report.stateList.findIndex((s) => s.pattern === 'YNNN');
    expect(describeGmcrState(report, one)).toBe(`${report.decisionMakers[0]}: ${report.options[0]!.name}`);
  });

  it('lists the equilibria per concept and the status quo verdict', () => {
    const section = gmcrReportSection(report, 'A note.');
    const tables = section.blocks.flatMap((b) => ('table' in b ? [b.table] : []));
    const paragraphs = section.blocks.flatMap((b) => ('paragraph' in b ? [b.paragraph] : []));
    const rows = tables[0]!.slice(1);
    expect(rows.find((r) => r[0] === 'Nash')?.[1]).toBe(String(report.equilibria.nash.length));
    const sqStable = report.equilibria.nash.includes(report.statusQuo!.state);
    expect(paragraphs.join(' ')).toMatch(sqStable ? /is an equilibrium under Nash/ : /status quo/);
    expect(paragraphs.at(-1)).toBe('A note.');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngineRegistry } from '../engine/builtin';
import { buildReportSections } from '../engine/report-sections';
import { runEngine } from '../engine/run-engine';
import { loadScenarioSource } from '../engine/scenario-input';
import type { ScenarioSpaceResult } from '../scenario/analyze-scenario-space';
import { analyzeScenario } from './analyze-scenario';
import { renderAnalysis } from './render-analysis';
import { buildSummary, mergeSummaryLines, notAffected } from './summary';

describe('mergeSummaryLines', () => {
  it('joins lines of one kind, sharing their first and last words, and leaves different findings apart', () => {
    expect(
      mergeSummaryLines([
        'Forecast on crimea: nearest option “Occupied” (compromise model).',
        'Forecast on kursk: nearest option “Held” (compromise model).',
      ]),
    ).toEqual(['Forecast on crimea: nearest option “Occupied”; kursk: “Held” (compromise model).']);
    const distinct = ['No zone of agreement.', 'Blocking issues: a, b.'];
    expect(mergeSummaryLines(distinct)).toEqual(distinct);
    expect(mergeSummaryLines(['Only one.'])).toEqual(['Only one.']);
  });
});

const here = path.dirname(fileURLToPath(import.meta.url));
const flagship = path.join(here, '../../../../scenarios/ukraine-2025/scenario.yaml');
const source = { name: flagship, text: readFileSync(flagship, 'utf8') };

describe('the report summary of the flagship scenario', async () => {
  const registry = createEngineRegistry();
  const loaded = loadScenarioSource(source);
  const analysis = analyzeScenario(loaded.model);
  const sections = await buildReportSections(registry, source, loaded);
  const space = registry.get('space');
  const run = await runEngine(space, [source], space.report?.params ?? {});
  const result = run.result as ScenarioSpaceResult;
  const summary = buildSummary(analysis, sections);
  const text = renderAnalysis(analysis, 'text', sections, { width: 100 });

  it('states the zone and each short party’s shortfall as the space engine computes them', () => {
    expect(result.analysis.zone.empty).toBe(true);
    const zone = summary.find((l) => l.startsWith('No zone of agreement'))!;
    expect(zone).toContain(result.analysis.outcomes.toLocaleString('en-US'));
    for (const s of result.analysis.zone.shortfalls)
      if (s.shortfall && s.shortfall > 0) expect(zone).toContain(s.shortfall.toFixed(3));
  });

  it('names the blocking issues, the steps within reach and the smallest opening lever', () => {
    const names = result.analysis.zone.blockingIssues.map(
      (b) => loaded.scenario.issues.find((i) => i.id === b.issue)!.name,
    );
    expect(summary.find((l) => l.startsWith('Blocking issues'))).toBe(`Blocking issues: ${names.join(', ')}.`);
    expect(summary.find((l) => l.startsWith('Steps within reach'))).toContain(
      result.steps!.zone.count.toLocaleString('en-US'),
    );
    const first = result.openingLevers!.combinations[0]!;
    const lever = summary.find((l) => l.startsWith('Smallest lever'))!;
    expect(lever).toContain(`at ${first.levers[0]!.strength}×`);
    expect(lever).toContain(loaded.scenario.levers.find((l) => l.id === first.levers[0]!.id)!.name);
  });

  it('gives the backtest with its baseline and the in-sample label, and the proposals’ fate', () => {
    const b = analysis.backtest;
    const line = summary.find((l) => l.startsWith('Backtest'))!;
    expect(line).toContain(`${b.correct} of ${b.scored}`);
    expect(line).toContain(`${(100 * b.baseline.accuracy).toFixed(1)}%`);
    expect(line).toContain('in-sample');
    const agreed = analysis.proposals.filter((p) =>
      p.verdicts.every((v) => v.answer !== 'rejected' || notAffected(v)),
    ).length;
    expect(summary.find((l) => l.startsWith('Recorded proposals'))).toContain(
      `all parties accept ${agreed} of ${analysis.proposals.length}`,
    );
  });

  it('lets an engine add at most one summary line per kind of finding', () => {
    for (const section of sections) {
      const lines = summary.filter((l) => (section.summary ?? []).some((s) => l.startsWith(s.slice(0, 12))));
      const kinds = new Set((section.summary ?? []).map((s) => s.split(/[ :]/)[0]));
      expect(lines.length).toBeLessThanOrEqual(kinds.size);
    }
  });

  it('opens the report, in at most 15 lines, before the sources table', () => {
    const lines = text.split('\n');
    const start = lines.indexOf('Summary');
    const sources = lines.indexOf('Sources');
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(5);
    // The summary's own lines: what lies between its underline and the next heading, blank lines aside.
    expect(lines.slice(start + 2, sources).filter((l) => l.trim()).length).toBeLessThanOrEqual(15);
    expect(lines.slice(sources, sources + 10).join('\n')).toContain(loaded.scenario.sources[1]!.title);
  });

  it('keeps every line within the width and lists untouched parties as not affected', () => {
    expect(text.split('\n').filter((l) => l.length > 100)).toEqual([]);
    expect(text).not.toMatch(/within ±0\.000/);
    expect(text).toMatch(/not affected/);
    expect(text).toMatch(/today 0\.\d{3}/);
  });

  it('renders Markdown with headings, lists and tables', () => {
    const md = renderAnalysis(analysis, 'md', sections);
    expect(md).toMatch(/^# /);
    expect(md).toContain('\n## Summary\n\n- No zone of agreement');
    expect(md).toContain('| id | title | outlet | date |');
  });
});

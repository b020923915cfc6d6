import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngineRegistry } from '../engine/builtin';
import { buildReportSections } from '../engine/report-sections';
import { loadScenarioSource } from '../engine/scenario-input';
import { analyzeScenario } from './analyze-scenario';
import { renderAnalysis } from './render-analysis';
import { renderHtml } from './render-html';
import { chartMarks } from './report-chart';
import { notAffected } from './summary';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(here, '../../../../scenarios/port-strike/scenario.yaml');
const source = { name: file, text: readFileSync(file, 'utf8') };

/** Counts the elements of class `mark` inside the `<svg data-chart=id>` of a page. */
function marksIn(html: string, id: string): number {
  const start = html.indexOf(`data-chart="${id}"`);
  if (start < 0) return -1;
  const end = html.indexOf('</svg>', start);
  return html.slice(start, end).split('class="mark"').length - 1;
}

describe('the HTML report', async () => {
  const loaded = loadScenarioSource(source);
  const analysis = analyzeScenario(loaded.model);
  const sections = await buildReportSections(createEngineRegistry(), source, loaded);
  const html = renderHtml(analysis, sections);

  it('is one self-contained page: no script, no stylesheet link, no external reference', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"\s<]*/g)?.filter((u) => u !== 'http://www.w3.org/2000/svg') ?? []).toEqual([]);
  });

  it('draws one margin bar per affected party of every recorded proposal', () => {
    const expected = analysis.proposals
      .filter((p) => !p.noChange)
      .flatMap((p) => p.verdicts.filter((v) => !notAffected(v))).length;
    expect(expected).toBeGreaterThan(0);
    expect(marksIn(html, 'margins')).toBe(expected);
  });

  it('draws the backtest against its baseline, per party, and labels it in-sample', () => {
    expect(marksIn(html, 'backtest')).toBe(2 + Object.keys(analysis.backtest.byActor).length);
    expect(html).toMatch(/in-sample/i);
  });

  it('draws every chart the engines’ sections carry, with one mark per datum', () => {
    const charts = sections.flatMap((s) => s.charts ?? []);
    expect(charts.map((c) => c.id)).toContain('space');
    for (const c of charts) expect(marksIn(html, c.id)).toBe(chartMarks(c));
  });

  it('gives the same bytes on a rerun', async () => {
    const again = renderHtml(
      analyzeScenario(loadScenarioSource(source).model),
      await buildReportSections(createEngineRegistry(), source, loadScenarioSource(source)),
    );
    expect(again).toBe(html);
  });

  it('escapes scenario text', () => {
    const tricky = { ...analysis, scenario: { ...analysis.scenario, title: 'A <b>bold</b> & "quoted" title' } };
    const out = renderHtml(tricky, []);
    expect(out).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title');
    expect(out).not.toContain('<b>bold</b>');
  });
});

describe('a recorded proposal that changes nothing', () => {
  const text = readFileSync(file, 'utf8').replace(
    '\nevents:\n',
    `
  - id: keep_today
    title: Keep the expired contract
    date: 2025-10-11
    proposers: [port_operators]
    terms: { wage_increase: none, contract_length: rolling }
    evidence: [{ source: gazette, quote: "walked out on 22 September, when their contract expired" }]
events:
`,
  );
  const analysis = analyzeScenario(loadScenarioSource({ name: file, text }).model);
  const keep = analysis.proposals.find((p) => p.proposal === 'keep_today')!;

  it('is reported as no change in every format, with no party accepting or refusing it', () => {
    expect(keep.noChange).toBe(true);
    expect(analysis.proposals.filter((p) => p.noChange).map((p) => p.proposal)).toEqual(['keep_today']);
    const md = renderAnalysis(analysis, 'md');
    const from = md.indexOf('### 2025-10-11 — Keep the expired contract');
    const part = md.slice(from, md.indexOf('\n## ', from));
    expect(part).toContain('No change: these terms leave every issue as it is today');
    expect(part).not.toMatch(/accepted|rejected|within ±/);
    const html = renderHtml(analysis, []);
    expect(html).toContain('No change: these terms leave every issue as it is today');
    expect(marksIn(html, 'margins')).toBe(
      analysis.proposals.filter((p) => !p.noChange).flatMap((p) => p.verdicts.filter((v) => !notAffected(v))).length,
    );
  });
});

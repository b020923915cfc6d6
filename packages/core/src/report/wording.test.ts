import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngineRegistry } from '../engine/builtin';
import { buildReportSections } from '../engine/report-sections';
import { loadScenarioSource } from '../engine/scenario-input';
import { reportWords } from '../scenario/vocabulary';
import { analyzeScenario } from './analyze-scenario';
import { renderAnalysis } from './render-analysis';
import { renderHtml } from './render-html';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(here, '../../../../scenarios/port-strike/scenario.yaml');
// The strike with a settlement (a new contract ends it), so that the report speaks of settlements and steps.
const settled = (vocabulary: string) =>
  readFileSync(file, 'utf8').replace(/vocabulary:\n {2}noDeal: no agreement\n/, vocabulary) +
  `settlement:
  description: A new contract ends the strike.
  requires:
    contract_length: [three_years, five_years]
  evidence:
    - { source: gazette, quote: "walked out on 22 September, when their contract expired" }
`;

async function reports(text: string) {
  const source = { name: file, text };
  const loaded = loadScenarioSource(source);
  const analysis = analyzeScenario(loaded.model);
  const sections = await buildReportSections(createEngineRegistry(), source, loaded);
  return {
    words: analysis.words,
    text: renderAnalysis(analysis, 'md', sections),
    html: renderHtml(analysis, sections),
  };
}

describe('the report’s wording for a negotiation that is not a war', () => {
  it('takes the scenario’s words for walking away and for what a settlement ends', async () => {
    const r = await reports(settled('vocabulary:\n  noDeal: staying on strike\n  conflict: the strike\n'));
    expect(r.words).toEqual({ noDeal: 'staying on strike', conflict: 'the strike' });
    for (const out of [r.text, r.html]) {
      expect(out).not.toMatch(/fight|\bwar\b|ceasefire/i);
      expect(out).toContain('the strike goes on');
      expect(out).toContain('staying on strike');
    }
  });

  it('falls back to neutral words when the scenario names only its no-deal word', async () => {
    const r = await reports(settled('vocabulary:\n  noDeal: no agreement\n'));
    expect(r.words.conflict).toBe('the dispute');
    expect(r.text).not.toMatch(/fight|\bwar\b/i);
    expect(r.text).toContain('end the dispute');
  });

  it('keeps the war words for a settlement scenario without a vocabulary', () => {
    expect(reportWords({ settlement: { requires: {} } as never })).toEqual({
      noDeal: 'fighting on',
      conflict: 'the fighting',
    });
    expect(reportWords({})).toEqual({ noDeal: 'walking away', conflict: 'the dispute' });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkQuotes, foldQuoteText } from './check-quotes';
import { loadScenarioText } from './parse-scenario';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('checkQuotes', () => {
  const scenario = loadScenarioText(readFileSync(path.join(fixtures, 'river-dispute.yaml'), 'utf8'));
  const text = readFileSync(path.join(fixtures, 'river-bulletin.txt'), 'utf8');

  it('finds every quote of the fixture in its source', () => {
    const result = checkQuotes(scenario, new Map([['bulletin', text]]));
    expect(result.issues).toEqual([]);
    expect(result.checked).toBe(11);
    expect(result.unchecked).toBe(0);
  });

  it('flags a quote that is not verbatim, with its path', () => {
    const changed = text.replace('Southland welcomed the plan', 'Southland accepted the plan');
    const result = checkQuotes(scenario, new Map([['bulletin', changed]]));
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.path).toEqual(['proposals', 1, 'responses', 'south', 'evidence', 0, 'quote']);
  });

  it('counts quotes it cannot check when the source text is missing', () => {
    const result = checkQuotes(scenario, new Map());
    expect(result).toMatchObject({ checked: 0, unchecked: 11, sourcesWithoutText: ['bulletin'] });
  });

  it('folds only typography and spacing', () => {
    expect(foldQuoteText('“don’t  have\nthe cards” — he said')).toBe(`"don't have the cards" - he said`);
    expect(foldQuoteText('Kyiv')).not.toBe(foldQuoteText('kyiv'));
  });
});

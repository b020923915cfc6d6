import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ArticleExpectation, evaluateFolder, formatScores, precisionRecall, scoreArticle } from './evaluation';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/eval');

// Floors a little under what the extractor measured when they were set (see the README), so that a
// regression fails; they are not targets.
const FLOORS = {
  published: { precision: 0.85, recall: 0.85 },
  eventDates: { precision: 0.8, recall: 0.78 },
  events: { precision: 0.58, recall: 0.56 },
  eventActors: { precision: 0.55, recall: 0.9 },
  quotes: { precision: 0.95, recall: 0.97 },
  quoteSpeakers: { precision: 0.95, recall: 0.95 },
  figures: { precision: 0.95, recall: 0.9 },
} as const;

describe('held-out style evaluation set (10 invented articles, no scenario)', () => {
  const { articles, totals } = evaluateFolder(folder);
  console.log(`evaluation over ${articles.length} articles:\n${formatScores(totals)}`);

  it('has 8 to 12 articles, each with expectations', () => {
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(articles.length).toBeLessThanOrEqual(12);
  });

  for (const [kind, floor] of Object.entries(FLOORS)) {
    it(`keeps ${kind} at or above precision ${floor.precision} and recall ${floor.recall}`, () => {
      const { precision, recall } = precisionRecall(totals[kind as keyof typeof FLOORS]);
      expect(precision).toBeGreaterThanOrEqual(floor.precision);
      expect(recall).toBeGreaterThanOrEqual(floor.recall);
    });
  }
});

describe('the scorer', () => {
  const expected: ArticleExpectation = {
    article: 'x.txt',
    published: '2025-01-02',
    events: [{ date: '2025-01-01', precision: 'day', type: 'talks', status: 'planned', actors: ['Dmitry Peskov'] }],
    quotes: [{ speaker: 'Dmitry Peskov', text: 'No.' }],
    figures: [{ kind: 'money', value: 1.5e9, unit: 'USD' }],
  };
  const event = {
    date: '2025-01-01',
    precision: 'day' as const,
    type: 'talks' as const,
    actors: ['Peskov', 'Kremlin'],
    issues: [],
    dateText: 'on Jan 1',
    start: 0,
    end: 1,
    sentence: 0,
  };
  const base = { sentences: [], dates: [], mentions: [], issueTags: [] };

  it('counts an event only with the right date, type and status, and actors by surname', () => {
    const s = scoreArticle(expected, {
      published: '2025-01-02',
      extraction: {
        ...base,
        events: [{ ...event, status: 'planned' }],
        quotes: [
          { speaker: 'Peskov', speakerName: 'Peskov', speakerActor: null, text: '“No', start: 0, end: 1, sentence: 0 },
        ],
        figures: [{ kind: 'money', value: 1.5e9, unit: 'EUR', text: '', start: 0, end: 1, sentence: 0 }],
      },
    });
    expect(s.events).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(s.eventActors).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(s.quoteSpeakers).toEqual({ tp: 1, fp: 0, fn: 0 });
    // The wrong currency is a different figure.
    expect(s.figures).toEqual({ tp: 0, fp: 1, fn: 1 });
    const wrongStatus = scoreArticle(expected, {
      published: undefined,
      extraction: { ...base, events: [{ ...event, status: 'reported' }], quotes: [], figures: [] },
    });
    expect(wrongStatus.events).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(wrongStatus.eventDates).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(wrongStatus.published).toEqual({ tp: 0, fp: 0, fn: 1 });
  });
});

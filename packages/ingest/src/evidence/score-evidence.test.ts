import { describe, expect, it } from 'vitest';
import type { Extraction } from '../types';
import { type EvidenceCase, parseEvidenceExpected, parseEvidenceText } from './evidence-case';
import { readEvidenceDir } from './read-evidence-dir';
import { formatEvidenceReport, runEvidence } from './run-evidence';
import { precisionRecall, scoreEvidenceCase } from './score-evidence';

const body = 'Mr Ivanov said "we will sign" on Monday. Later, "no comment" came from the ministry. 30 days, 2-3 days.';
const expected = {
  schema: 'entente-evidence-expected/1',
  publication_date: '2025-06-03',
  publication_date_alternatives: ['2025-06-04'],
  events: [
    {
      id: 'E1',
      date: '2025-06-02',
      date_precision: 'day',
      date_expr_start: 30,
      date_expr_end: 39,
      type: 'statement',
      status: 'reported',
    },
    {
      id: 'E2',
      date: null,
      date_precision: 'unknown',
      type: 'other',
      status: 'reported',
      optional: true,
      trigger_start: 41,
      trigger_end: 46,
    },
  ],
  actors: [{ name: 'Pavel Ivanov', surface_forms: ['Mr Ivanov'] }],
  quotes: [
    { id: 'Q1', speaker: 'Pavel Ivanov', speaker_kind: 'person', quote: 'we will sign', start: 16, end: 28 },
    { id: 'Q2', speaker: 'Foreign Ministry', speaker_kind: 'organisation', quote: 'no comment', start: 49, end: 59 },
  ],
  figures: [
    { id: 'F1', text: '30 days', mentions: [{ text: '30 days', start: 85, end: 92 }], value: 30 },
    { id: 'F2', text: '2-3 days', mentions: [{ text: '2-3 days', start: 94, end: 102 }], value: null, min: 2, max: 3 },
  ],
};
const evidenceCase: EvidenceCase = {
  ...parseEvidenceText(
    '01_test',
    `# URL: https://x.org/a\n# DATE: none\n# ---- TEXT BEGINS BELOW THIS LINE ----\n${body}\n`,
  ),
  expected: parseEvidenceExpected('01_test.expected.json', JSON.stringify(expected)),
};

function extraction(partial: Partial<Extraction>): Extraction {
  return { sentences: [], dates: [], events: [], quotes: [], figures: [], mentions: [], issueTags: [], ...partial };
}
const event = (date: string, dateStart: number, dateEnd: number) => ({
  date,
  precision: 'day' as const,
  type: 'statement' as const,
  status: 'reported' as const,
  actors: [],
  issues: [],
  dateText: '',
  dateStart,
  dateEnd,
  start: 0,
  end: body.length,
  sentence: 0,
});
const quote = (text: string, speaker: string | null, start: number) => ({
  text,
  speaker,
  speakerName: speaker,
  speakerActor: null,
  start,
  end: start + text.length,
  sentence: 0,
});

describe('scoring an evidence case (FORMAT.md section 4)', () => {
  it('reads the header: body after the marker without the final newline, DATE none, URL kept', () => {
    expect(evidenceCase.body).toBe(body);
    expect(evidenceCase.date).toBeUndefined();
    expect(evidenceCase.url).toBe('https://x.org/a');
  });

  it('scores publication dates (alternatives accepted), events paired by span, and optional items as neither', () => {
    const x = extraction({
      events: [event('2025-06-02', 30, 39), event('2025-05-01', 41, 46), event('2025-01-01', 60, 70)],
    });
    const s = scoreEvidenceCase(evidenceCase, { published: '2025-06-04', extraction: x });
    expect(s.tallies.published).toEqual({ tp: 1, fp: 0, fn: 0 });
    // The second prediction pairs with the optional event: neither hit nor false positive.
    expect(s.tallies.events).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(s.tallies.eventDates).toEqual({ tp: 1, fp: 1, fn: 0 });
    const wrong = scoreEvidenceCase(evidenceCase, { published: '2025-06-05', extraction: extraction({}) });
    expect(wrong.tallies.published).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(wrong.tallies.events).toEqual({ tp: 0, fp: 0, fn: 1 });
  });

  it('takes a span of days only as the expected range, and a week only as its ISO week', () => {
    const spanCase = (date_precision: string, date: string, date_end?: string): EvidenceCase => ({
      ...evidenceCase,
      expected: parseEvidenceExpected(
        '01_test.expected.json',
        JSON.stringify({
          ...expected,
          events: [{ ...expected.events[0], date, date_precision, ...(date_end ? { date_end } : {}) }],
        }),
      ),
    });
    const dates = (c: EvidenceCase, e: Extraction['events'][number]) =>
      scoreEvidenceCase(c, { published: null, extraction: extraction({ events: [e] }) }).tallies.eventDates.tp;
    const range = spanCase('range', '2025-05-10', '2025-05-11');
    expect(dates(range, { ...event('2025-05-10', 30, 39), until: '2025-05-11' })).toBe(1);
    expect(dates(range, { ...event('2025-05-10', 30, 39), until: '2025-05-12' })).toBe(0);
    expect(dates(range, event('2025-05-10', 30, 39))).toBe(0);
    // A span where a single day is expected is wrong, even when it starts on that day.
    expect(dates(evidenceCase, { ...event('2025-06-02', 30, 39), until: '2025-06-03' })).toBe(0);
    const week = spanCase('week', '2025-W41');
    expect(dates(week, { ...event('2025-10', 30, 39), precision: 'month', week: '2025-W41' })).toBe(1);
    expect(dates(week, { ...event('2025-10', 30, 39), precision: 'month', week: '2025-W40' })).toBe(0);
  });

  it('matches quotes by text and speakers by surname, surface form or a distinctive word', () => {
    const x = extraction({ quotes: [quote('we will sign', 'Ivanov', 16), quote('no comment', 'Kremlin', 49)] });
    const s = scoreEvidenceCase(evidenceCase, { published: null, extraction: x });
    expect(s.tallies.quotes).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(s.tallies.quoteSpeakers).toEqual({ tp: 1, fp: 1, fn: 1 });
    const ministry = extraction({ quotes: [quote('no comment', 'the ministry', 49)] });
    expect(scoreEvidenceCase(evidenceCase, { published: null, extraction: ministry }).tallies.quoteSpeakers.tp).toBe(0);
    const foreign = extraction({ quotes: [quote('no comment', 'Foreign Ministry', 49)] });
    expect(scoreEvidenceCase(evidenceCase, { published: null, extraction: foreign }).tallies.quoteSpeakers.tp).toBe(1);
  });

  it('matches figures by value (ranges by min and max) and counts several mentions of one fact once', () => {
    const f = (value: number | undefined, start: number, min = 0, max = 0) => ({
      ...(value !== undefined ? { value } : { min, max }),
      unit: 'days',
      kind: 'duration' as const,
      text: '',
      start,
      end: start + 3,
      sentence: 0,
    });
    const x = extraction({ figures: [f(30, 85), f(30, 85), f(undefined, 94, 2, 3), f(7, 10)] });
    const s = scoreEvidenceCase(evidenceCase, { published: null, extraction: x });
    expect(s.tallies.figures).toEqual({ tp: 2, fp: 1, fn: 0 });
    expect(precisionRecall(s.tallies.figures)).toEqual({ precision: 2 / 3, recall: 1 });
  });
});

describe('running the pipeline on cases', () => {
  it('prints one line per case and the overall precision and recall', () => {
    const text = formatEvidenceReport(runEvidence([evidenceCase]));
    expect(text).toMatch(/^01_test/m);
    expect(text).toMatch(/figures +100\.0%\/100\.0% \(2\/2\/2\)/);
    expect(text).toContain('publication date right (null included): 0/1');
  });

  it('refuses a folder that cannot be read or holds no annotated pair', async () => {
    await expect(readEvidenceDir('/nonexistent/evidence')).rejects.toMatchObject({ code: 'EVIDENCE_INVALID' });
  });
});

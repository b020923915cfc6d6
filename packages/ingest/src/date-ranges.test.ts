import { describe, expect, it } from 'vitest';
import { isoWeek } from './calendar';
import { resolveWeekend } from './date-ranges';
import { extractFromText } from './extract';

const day = (iso: string) => {
  const [year = 0, month = 1, d = 1] = iso.split('-').map(Number);
  return { year, month, day: d, precision: 'day' as const };
};
const spans = (text: string, published: string) =>
  extractFromText(text, { published }).dates.map((d) => `${d.text} ${d.date}${d.until ? `..${d.until}` : ''}`);

describe('spans of days', () => {
  it('reads "May 10-11", "10-11 May" and a bare last day as one expression with its last day', () => {
    expect(spans('The envoys met in Valletta on May 10-11.', '2031-05-20')).toEqual([
      'May 10-11 2031-05-10..2031-05-11',
    ]);
    expect(spans('The envoys met in Valletta on 10-11 May.', '2031-05-20')).toEqual([
      '10-11 May 2031-05-10..2031-05-11',
    ]);
    expect(spans('Talks ran between May 10 and 12.', '2031-05-20')).toEqual(['May 10 and 12 2031-05-10..2031-05-12']);
    // "and 12" without "between" counts something else; a percentage after the dash is no day; nor is an earlier day.
    expect(spans('On May 10 and 12 soldiers were freed.', '2031-05-20')).toEqual(['May 10 2031-05-10']);
    expect(spans('On May 10 turnout was 11-12%.', '2031-05-20')).toEqual(['May 10 2031-05-10']);
    expect(spans('Talks ran on May 12-10.', '2031-05-20')).toEqual(['May 12 2031-05-12']);
  });

  it('joins two expressions opened by "from", "between" or "as soon as" into one span', () => {
    expect(spans('Talks will run from Monday to Wednesday.', '2031-05-20')).toEqual([
      'Monday to Wednesday 2031-05-26..2031-05-28',
    ]);
    expect(spans('Staff can return to work as soon as Wednesday or as late as Nov. 12.', '2030-11-05')).toEqual([
      'Wednesday or as late as Nov. 12 2030-11-06..2030-11-12',
    ]);
    // Without an opener, two dates are two happenings.
    expect(spans('They met on May 3 and on May 9.', '2031-05-20')).toHaveLength(2);
    // Three months apart is no span of one happening.
    expect(spans('Talks ran from March 1 to June 30.', '2031-07-20')).toHaveLength(2);
  });

  it('reads a weekend as its Saturday and Sunday, past or coming as the clause says', () => {
    expect(spans('After a weekend of talks in Geneva, the sides announced a deal.', '2031-05-12')).toEqual([
      'After a weekend 2031-05-10..2031-05-11',
    ]);
    expect(spans('The ministers will meet next weekend.', '2031-05-14')).toEqual([
      'next weekend 2031-05-17..2031-05-18',
    ]);
    expect(resolveWeekend(day('2031-05-18'), false, false).map((d) => d.day)).toEqual([17, 18]);
    expect(resolveWeekend(day('2031-05-18'), false, true).map((d) => d.day)).toEqual([10, 11]);
    expect(resolveWeekend(day('2031-05-14'), true, false).map((d) => d.day)).toEqual([17, 18]);
  });

  it('gives an event the span of its date', () => {
    const x = extractFromText('Delegations of Freedonia and Sylvania held talks in Valletta on May 10-11.', {
      published: '2031-05-20',
    });
    expect(x.events).toMatchObject([{ type: 'talks', date: '2031-05-10', until: '2031-05-11', precision: 'day' }]);
  });
});

describe('weeks', () => {
  it('numbers ISO weeks from Monday, week 1 holding the first Thursday', () => {
    expect(isoWeek(day('2025-10-06'))).toBe('2025-W41');
    expect(isoWeek(day('2025-10-12'))).toBe('2025-W41');
    expect(isoWeek(day('2021-01-03'))).toBe('2020-W53');
    expect(isoWeek(day('2024-12-30'))).toBe('2025-W01');
  });

  it('keeps "last week" at month precision and says which ISO week it is', () => {
    const x = extractFromText('Last week, the envoys of Freedonia and Sylvania held talks in Valletta.', {
      published: '2031-10-13',
    });
    expect(x.events[0]).toMatchObject({ date: '2031-10', precision: 'month', week: '2031-W41', type: 'talks' });
  });
});

import { describe, expect, it } from 'vitest';
import { eventSpan, isoWeekRange } from './event-span';

describe('eventSpan', () => {
  it('gives ISO weeks Monday to Sunday, across year ends', () => {
    expect(isoWeekRange('2025-W41')).toEqual({ start: '2025-10-06', end: '2025-10-12' });
    // 2026-01-01 is a Thursday, so week 1 of 2026 starts on Monday 29 December 2025.
    expect(isoWeekRange('2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(isoWeekRange('2020-W53')).toEqual({ start: '2020-12-28', end: '2021-01-03' });
    expect(isoWeekRange('2025-W60')).toBeUndefined();
    expect(isoWeekRange('last week')).toBeUndefined();
  });

  it('agrees with a brute-force walk over every day of four years', () => {
    for (let ms = Date.UTC(2023, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 86_400_000) {
      const day = new Date(ms);
      const thursday = new Date(ms + (3 - ((day.getUTCDay() + 6) % 7)) * 86_400_000);
      const year = thursday.getUTCFullYear();
      const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
      const range = isoWeekRange(`${year}-W${String(week).padStart(2, '0')}`)!;
      const text = day.toISOString().slice(0, 10);
      expect(range.start <= text && text <= range.end).toBe(true);
    }
  });

  it('widens a day to its last day, narrows a month to its week, and keeps the date otherwise', () => {
    expect(eventSpan({ date: '2025-05-10', until: '2025-05-11' })).toEqual({ start: '2025-05-10', end: '2025-05-11' });
    expect(eventSpan({ date: '2025-10', week: '2025-W41' })).toEqual({ start: '2025-10-06', end: '2025-10-12' });
    expect(eventSpan({ date: '2025-08-15' })).toEqual({ start: '2025-08-15', end: '2025-08-15' });
    // A malformed or backward span is ignored rather than trusted.
    expect(eventSpan({ date: '2025-05-10', until: '2025-05-01' })).toEqual({ start: '2025-05-10', end: '2025-05-10' });
    expect(eventSpan({ date: '2025-03', week: '2025-W41' })).toEqual({ start: '2025-03-01', end: '2025-03-31' });
  });
});

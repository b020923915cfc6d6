import { describe, expect, it } from 'vitest';
import { mergeTimeline, precisionOf } from './index';

const scenario = [
  { id: 'jeddah', date: '2025-03-11', participants: ['ukraine', 'us'] },
  { id: 'istanbul', date: '2025-05', participants: ['ukraine', 'russia'] },
  { id: 'summit', date: '2025-05', participants: ['russia', 'us'] },
];

describe('timeline merge', () => {
  it('reads the precision of a partial date', () => {
    expect(precisionOf('2025')).toBe('year');
    expect(precisionOf('2025-05')).toBe('month');
    expect(precisionOf('2025-05-16')).toBe('day');
  });

  it('joins a stored event to the scenario event with the same date, precision and a shared participant', () => {
    const stored = [
      { id: 1, date: '2025-03-11', precision: 'day' as const, actors: ['us', 'saudi'] },
      // Same month but the day is known: a different precision, so not the same event.
      { id: 2, date: '2025-05-16', precision: 'day' as const, actors: ['ukraine', 'russia'] },
      // Month precision, shares two participants with Istanbul and one with the summit.
      { id: 3, date: '2025-05', precision: 'month' as const, actors: ['ukraine', 'russia'] },
      // Right date, nobody in common.
      { id: 4, date: '2025-03-11', precision: 'day' as const, actors: ['eu'] },
      // Precision read from the date when the store gives none.
      { id: 5, date: '2025-05', actors: ['us'] },
    ];
    const merged = mergeTimeline(scenario, stored);
    const reports = Object.fromEntries(merged.scenario.map((m) => [m.event.id, m.reports.map((r) => r.id)]));
    expect(reports).toEqual({ jeddah: [1], istanbul: [3], summit: [5] });
    expect(merged.unmatched.map((e) => e.id)).toEqual([2, 4]);
  });

  it('keeps every stored event exactly once', () => {
    const stored = Array.from({ length: 40 }, (_, i) => ({
      id: i,
      date: ['2025-03-11', '2025-05', '2025-05-02', '2025'][i % 4]!,
      actors: [['ukraine'], ['russia'], ['us'], []][i % 4]!,
    }));
    const merged = mergeTimeline(scenario, stored);
    const ids = [...merged.scenario.flatMap((m) => m.reports), ...merged.unmatched]
      .map((e) => e.id)
      .sort((a, b) => a - b);
    expect(ids).toEqual(stored.map((e) => e.id));
  });
});

import type { DatePrecision } from './types';

/** A calendar date (month 1-12) with how much of it is known. */
export interface PartialDate {
  year: number;
  month: number;
  day: number;
  precision: DatePrecision;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` into a calendar day, or returns undefined when it is not a real date. */
export function parseIsoDay(text: string): PartialDate | undefined {
  const m = ISO_DAY.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    return undefined;
  return { year, month, day, precision: 'day' };
}

/** Formats a partial date as `YYYY-MM-DD`, `YYYY-MM` or `YYYY` according to its precision. */
export function formatPartialDate(date: PartialDate): string {
  const y = String(date.year).padStart(4, '0');
  if (date.precision === 'year') return y;
  const m = String(date.month).padStart(2, '0');
  if (date.precision === 'month') return `${y}-${m}`;
  return `${y}-${m}-${String(date.day).padStart(2, '0')}`;
}

/** Shifts a date by whole days, months or years (calendar arithmetic in UTC). */
export function shiftDate(date: PartialDate, amount: number, unit: 'day' | 'week' | 'month' | 'year'): PartialDate {
  const base = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (unit === 'day') base.setUTCDate(base.getUTCDate() + amount);
  else if (unit === 'week') base.setUTCDate(base.getUTCDate() + 7 * amount);
  else if (unit === 'month') base.setUTCMonth(base.getUTCMonth() + amount, Math.min(date.day, 28));
  else base.setUTCFullYear(base.getUTCFullYear() + amount);
  return {
    year: base.getUTCFullYear(),
    month: base.getUTCMonth() + 1,
    day: base.getUTCDate(),
    precision: date.precision,
  };
}

/** The ISO week (`YYYY-Www`, weeks from Monday, week 1 holding the year's first Thursday) of a day. */
export function isoWeek(date: PartialDate): string {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day));
  // The Thursday of the same week decides the week's year.
  day.setUTCDate(day.getUTCDate() + 3 - ((day.getUTCDay() + 6) % 7));
  const year = day.getUTCFullYear();
  const week = 1 + Math.floor((day.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Compares two dates on year, month, day (ignoring precision). */
export function compareDates(a: PartialDate, b: PartialDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The coarser of two precisions. */
export function coarser(a: DatePrecision, b: DatePrecision): DatePrecision {
  const rank = { day: 0, month: 1, year: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}

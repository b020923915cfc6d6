import { dateRange } from './date-range';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday to Sunday of an ISO week `YYYY-Www`, or undefined when the text is not one. */
export function isoWeekRange(week: string): { start: string; end: string } | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return undefined;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return undefined;
  // 4 January is always in week 1, so week 1's Monday is the Monday on or before it.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (n - 1) * 7 * DAY;
  return { start: iso(monday), end: iso(monday + 6 * DAY) };
}

/**
 * The days an event covers: its date's own range, widened to its last day for a span ("May 10-11") or
 * narrowed to its ISO week when it was dated by one ("last week"), so range filters see what the text said.
 */
export function eventSpan(event: { date: string; until?: string; week?: string }): { start: string; end: string } {
  const range = dateRange(event.date);
  if (event.until && /^\d{4}-\d{2}-\d{2}$/.test(event.until) && event.until > range.start)
    return { start: range.start, end: event.until };
  const week = event.week ? isoWeekRange(event.week) : undefined;
  // A week that straddles the month the date names is still narrower than it: keep the week.
  if (week && week.end >= range.start && week.start <= range.end) return week;
  return range;
}

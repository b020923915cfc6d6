/** A date written as YYYY, YYYY-MM or YYYY-MM-DD, with the precision its form implies. */
export type DatePrecision = 'day' | 'month' | 'year';

/** The precision of a partial date string. */
export function precisionOf(date: string): DatePrecision {
  return date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year';
}

/** Number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day (YYYY-MM-DD) a partial date covers. */
export function dateRange(date: string): { start: string; end: string } {
  const [y = '0000', m, d] = date.split('-');
  if (d !== undefined && m !== undefined) return { start: date, end: date };
  if (m !== undefined) {
    const last = daysInMonth(Number(y), Number(m));
    return { start: `${y}-${m}-01`, end: `${y}-${m}-${String(last).padStart(2, '0')}` };
  }
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

/** True when every day of `date` lies after the last day of `limit` (so it cannot have happened by then). */
export function isAfter(date: string, limit: string): boolean {
  return dateRange(date).start > dateRange(limit).end;
}

/** Orders partial dates by their first day, then the coarser first. */
export function compareDates(a: string, b: string): number {
  const ra = dateRange(a);
  const rb = dateRange(b);
  if (ra.start !== rb.start) return ra.start < rb.start ? -1 : 1;
  return rb.end.localeCompare(ra.end);
}

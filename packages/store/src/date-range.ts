function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day a partial date covers. */
export function dateRange(date: string): { start: string; end: string } {
  const [y = '0000', m, d] = date.split('-');
  if (d && m) return { start: date, end: date };
  if (m)
    return { start: `${y}-${m}-01`, end: `${y}-${m}-${String(lastDayOfMonth(Number(y), Number(m))).padStart(2, '0')}` };
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

/** Binary searches over spans sorted by start, so that per-item lookups stay logarithmic on long documents. */

/** Index of the first item whose `start` is at least `at` (items sorted by start). */
export function firstStartingAt(items: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as { start: number }).start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a span overlaps one of `spans` (sorted by start, not overlapping one another). */
export function overlapsSorted(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  const i = firstStartingAt(spans, end) - 1;
  return i >= 0 && (spans[i] as { end: number }).end > start;
}

/** Whether a span lies inside one of `spans` (sorted by start, not overlapping one another). */
export function insideSorted(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  const i = firstStartingAt(spans, start + 1) - 1;
  const s = spans[i];
  return s !== undefined && s.start <= start && end <= s.end;
}

/** The spans (sorted, not overlapping) that overlap [start, end). */
export function overlapping<T extends { start: number; end: number }>(
  spans: readonly T[],
  start: number,
  end: number,
): T[] {
  const out: T[] = [];
  let i = firstStartingAt(spans, start) - 1;
  if (i < 0 || (spans[i] as T).end <= start) i++;
  for (; i < spans.length && (spans[i] as T).start < end; i++) out.push(spans[i] as T);
  return out;
}

import { compareDates, formatPartialDate, type PartialDate, parseIsoDay, shiftDate } from './calendar';
import type { DateExpression } from './types';

/** The longest span read as one range: beyond it, two dates are two happenings. */
const MAX_RANGE_DAYS = 62;

// What opens a range whose two ends are separate date expressions: "from …", "between …", "as soon as …".
const RANGE_OPENER = /\b(?:from|between|as (?:soon|early) as)\s+$/i;
// What joins the two ends: "from May 10 to May 12", "between Monday and Wednesday", "as soon as X or as late as Y".
const RANGE_JOIN = /^\s*(?:to|until|till|through|thru|and|or as late as|or)\s+$/i;
// A bare last day after a month-day: "May 10-11", "May 10 to 12", "between May 10 and 12" (not "May 10-11%").
const LAST_DAY = /^\s*(?:[-–]|to|and|until|through)\s*(\d{1,2})\b(?![-–.,]?\d|\s*(?:%|percent|per cent))/i;
// A bare first day before a day-month: "10-11 May", "10 to 11 May".
const FIRST_DAY = /\b(\d{1,2})\s*(?:[-–]|to)\s*$/i;

const WEEKDAY_ONLY = /^(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/i;

/** The day a resolved expression stands for, when it is day precise. */
function dayOf(e: DateExpression): PartialDate | undefined {
  return e.precision === 'day' && e.date ? parseIsoDay(e.date) : undefined;
}

/** Whether `last` closes a plausible range opened by `first`. */
function closes(first: PartialDate, last: PartialDate): boolean {
  return compareDates(last, first) > 0 && compareDates(last, shiftDate(first, MAX_RANGE_DAYS, 'day')) <= 0;
}

/** The same month-day with another day of the month, when that day exists. */
function withDay(date: PartialDate, day: number): PartialDate | undefined {
  return parseIsoDay(formatPartialDate({ ...date, day, precision: 'day' }));
}

/**
 * Joins the date expressions of one sentence that together name a span of days into one expression
 * with `until` (its last day): "May 10-11", "10-11 May", "from Monday to Wednesday", "between May 10
 * and 12", "as soon as Wednesday or as late as Nov. 12". `text` is the sentence, `sentenceStart` its
 * document offset; expressions are in text order and keep their order.
 */
export function joinDateRanges(text: string, sentenceStart: number, dates: DateExpression[]): DateExpression[] {
  const out: DateExpression[] = [];
  for (let i = 0; i < dates.length; i++) {
    const e = dates[i] as DateExpression;
    const first = dayOf(e);
    if (!first || e.until) {
      out.push(e);
      continue;
    }
    const end = e.end - sentenceStart;
    const next = dates[i + 1];
    const told = next ? dayOf(next) : undefined;
    // "from Monday to Wednesday": a weekday that ends a span is the first one after its start.
    const last =
      told && next && WEEKDAY_ONLY.test(next.text) && compareDates(told, first) < 0 ? shiftDate(told, 7, 'day') : told;
    const between = next ? text.slice(end, next.start - sentenceStart) : '';
    const opened = RANGE_OPENER.test(text.slice(Math.max(0, e.start - sentenceStart - 20), e.start - sentenceStart));
    if (next && last && RANGE_JOIN.test(between) && opened && closes(first, last)) {
      out.push({
        ...e,
        text: text.slice(e.start - sentenceStart, next.end - sentenceStart),
        end: next.end,
        until: formatPartialDate(last),
      });
      i++;
      continue;
    }
    // "May 10-11" is a span as it stands; "May 10 and 12" only after "between" (else "and 12 soldiers" would be one).
    const lastDay = /\d$/.test(e.text) ? LAST_DAY.exec(text.slice(end)) : null;
    const joined = lastDay && (/^\s*[-–]/.test(lastDay[0]) || opened);
    const closing = lastDay ? withDay(first, Number(lastDay[1])) : undefined;
    if (lastDay && joined && closing && closes(first, closing)) {
      const stop = end + lastDay[0].length;
      out.push({
        ...e,
        text: text.slice(e.start - sentenceStart, stop),
        end: sentenceStart + stop,
        until: formatPartialDate(closing),
      });
      continue;
    }
    const firstDay = /^\d/.test(e.text)
      ? FIRST_DAY.exec(text.slice(Math.max(0, e.start - sentenceStart - 8), e.start - sentenceStart))
      : null;
    const opening = firstDay ? withDay(first, Number(firstDay[1])) : undefined;
    if (firstDay && opening && closes(opening, first)) {
      const from = e.start - firstDay[0].length;
      out.push({
        ...e,
        text: text.slice(from - sentenceStart, end),
        start: from,
        date: formatPartialDate(opening),
        until: formatPartialDate(first),
      });
      continue;
    }
    out.push(e);
  }
  return out;
}

/**
 * The Saturday and Sunday a "weekend" names: the coming one for plans ("next weekend", a future
 * clause), else the last one to have begun on or before `reference` ("over the weekend", "last weekend").
 */
export function resolveWeekend(reference: PartialDate, ahead: boolean, last: boolean): [PartialDate, PartialDate] {
  const weekday = new Date(Date.UTC(reference.year, reference.month - 1, reference.day)).getUTCDay();
  // Days back to the last Saturday on or before the reference (Saturday = 6).
  let back = (weekday + 1) % 7;
  // "last weekend" written on a weekend is the one before.
  if (last && back <= 1) back += 7;
  let saturday = shiftDate({ ...reference, precision: 'day' }, -back, 'day');
  if (ahead && compareDates(saturday, reference) < 0 && back > 1) saturday = shiftDate(saturday, 7, 'day');
  return [saturday, shiftDate(saturday, 1, 'day')];
}

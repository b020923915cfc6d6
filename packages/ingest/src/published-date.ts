import { type PartialDate, parseIsoDay } from './calendar';
import { DATELINE_LINES, datelineDate, findDateline } from './dateline';

/** How a publication date was found, kept as its provenance. */
export type PublishedRule =
  | 'given'
  | 'front-matter'
  | 'html-metadata'
  | 'url-path'
  | 'url-timestamp'
  | 'byline'
  | 'timestamp'
  | 'dateline'
  | 'date-line'
  | 'scenario-source';

/** A publication date with the rule that gave it. */
export interface InferredPublished {
  date: string;
  rule: PublishedRule;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
// "March 18, 2025", "August 16 , 2025", "17 May 2025", "2025-01-23", "27.03.2025", "04.12.25", "10/20/2025".
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}[ ](\\d{1,2})(?:st|nd|rd|th)?[ ]?,?[ ](\\d{4})\\b`, 'i');
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})[ ]${MONTH},?[ ](\\d{4})\\b`, 'i');
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const DOTTED = /\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b/;
const SLASHED = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
const PUBLISHED_WORD = /\b(?:published|posted|updated|last updated)\b|^\s*by\s/i;
const CLOCK = /\b\d{1,2}:\d{2}\b/;
// Only the top of the page carries its date; further down, dates belong to the story.
const HEAD_LINES = 40;
const HEAD_CHARS = 4000;
const SHORT_LINE = 80;

function day(year: number, month: number, d: number): string | undefined {
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return parseIsoDay(iso) ? iso : undefined;
}

/** The first full date (with a year) a line writes, in any of the usual page forms. */
export function dateInLine(line: string): string | undefined {
  let m = MONTH_DAY_YEAR.exec(line);
  if (m) return day(Number(m[3]), MONTHS.indexOf((m[1] ?? '').slice(0, 3).toLowerCase()) + 1, Number(m[2]));
  m = DAY_MONTH_YEAR.exec(line);
  if (m) return day(Number(m[3]), MONTHS.indexOf((m[2] ?? '').slice(0, 3).toLowerCase()) + 1, Number(m[1]));
  m = ISO.exec(line);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DOTTED.exec(line);
  if (m) {
    const y = Number(m[3]);
    return day(y < 100 ? 2000 + y : y, Number(m[2]), Number(m[1]));
  }
  m = SLASHED.exec(line);
  if (m) {
    // Month first (US) unless the first number cannot be a month.
    const [a, b] = [Number(m[1]), Number(m[2])];
    return a > 12 ? day(Number(m[3]), b, a) : day(Number(m[3]), a, b);
  }
  return undefined;
}

/** A date in the address's path: "/2025/11/25/", "/2025-07-24/", "/20260123/", or a Unix time stamp. */
export function urlPublished(url: string): InferredPublished | undefined {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  const m =
    /\/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?=[/_.-]|$)/.exec(path) ?? /\/((?:19|20)\d\d)(\d\d)(\d\d)(?=\/)/.exec(path);
  const date = m ? day(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (date) return { date, rule: 'url-path' };
  // Ten digits between 2001-09-09 and 2033-05-18 read as seconds since 1970.
  const stamp = /(?:^|[^\d])(1[0-9]{9})(?=[^\d]|$)/.exec(path);
  if (stamp?.[1]) return { date: new Date(Number(stamp[1]) * 1000).toISOString().slice(0, 10), rule: 'url-timestamp' };
  return undefined;
}

/**
 * The publication date the top of a text gives, strongest rule first: a byline or "Published" line,
 * a time stamp line, a wire dateline, then a short line holding only a date (a page's date widget
 * can be the crawl day, so it comes last and only lends its year to a dateline without one).
 */
export function textPublished(text: string): InferredPublished | undefined {
  const head = text.slice(0, HEAD_CHARS).split('\n').slice(0, HEAD_LINES);
  let byline: string | undefined;
  let stamp: string | undefined;
  let dateLine: string | undefined;
  for (const line of head) {
    const date = dateInLine(line);
    if (!date) continue;
    if (!byline && PUBLISHED_WORD.test(line) && line.length <= 160) byline = date;
    else if (!stamp && CLOCK.test(line) && line.length <= SHORT_LINE) stamp = date;
    else if (!dateLine && line.length <= SHORT_LINE) dateLine = date;
  }
  if (byline) return { date: byline, rule: 'byline' };
  if (stamp) return { date: stamp, rule: 'timestamp' };
  const dateline = findDateline(text, DATELINE_LINES);
  if (dateline?.month && dateline.day) {
    const year = dateline.year ?? (dateLine ? Number(dateLine.slice(0, 4)) : undefined);
    const date: PartialDate | undefined = year
      ? { year, month: dateline.month, day: dateline.day, precision: 'day' }
      : datelineDate(dateline, text);
    const iso = date ? day(date.year, date.month, date.day) : undefined;
    if (iso) return { date: iso, rule: 'dateline' };
  }
  if (dateLine) return { date: dateLine, rule: 'date-line' };
  return undefined;
}

/**
 * The lines at the top of a page that only date it (bylines, time stamps, date widgets): their dates
 * are the page's, not events of the story.
 */
export function pageDateLines(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let offset = 0;
  for (let i = 0; i < HEAD_LINES && offset < Math.min(text.length, HEAD_CHARS); i++) {
    const next = text.indexOf('\n', offset);
    const end = next < 0 ? text.length : next;
    const line = text.slice(offset, end);
    const short = line.length <= SHORT_LINE && !/[.!?"”]\s*$/.test(line);
    if (dateInLine(line) && (short || (PUBLISHED_WORD.test(line) && line.length <= 160)))
      spans.push({ start: offset, end });
    if (next < 0) break;
    offset = next + 1;
  }
  return spans;
}

const FULL_DATE_YEAR = new RegExp(
  `\\b${MONTH}[ ]\\d{1,2}(?:st|nd|rd|th)?,?[ ]((?:19|20)\\d\\d)\\b|\\b\\d{1,2}[ ]${MONTH},?[ ]((?:19|20)\\d\\d)\\b`,
  'gi',
);

/** The latest year the text writes in a full date ("Nov. 23, 2025", "14 March 2025"), if any. */
export function yearOfFullDates(text: string): number | undefined {
  let latest: number | undefined;
  for (const m of text.matchAll(FULL_DATE_YEAR)) {
    const year = Number(m[2] ?? m[4]);
    if (!latest || year > latest) latest = year;
  }
  return latest;
}

import { type PartialDate, parseIsoDay } from './calendar';

/** A wire-style dateline at the start of an article: "KYIV, March 3 (Reuters) -". */
export interface Dateline {
  /** Offsets of the whole dateline, dash included, in the plain text. */
  start: number;
  end: number;
  /** The place, title-cased ("Kyiv", "Abu Dhabi"). */
  place: string;
  month?: number;
  day?: number;
  year?: number;
}

const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
// City in capitals (or title case before an agency in brackets), an optional country or state, an
// optional month-day(-year), an optional agency in brackets, then a dash.
const DATELINE = new RegExp(
  `^((?:\\p{Lu}[\\p{Lu}'’.-]+)(?:[ ](?:\\p{Lu}[\\p{Lu}'’.-]+)){0,3}|\\p{Lu}[\\p{Ll}'’.-]+(?:[ ]\\p{Lu}[\\p{Ll}'’.-]+){0,2}(?=,[^\\n]{0,40}\\())` +
    `(?:,[ ]\\p{Lu}[\\p{L}.]+(?:[ ]\\p{Lu}[\\p{L}.]+)?(?=[ ,(]))?` +
    `(?:,?[ ]${MONTH}[ ](\\d{1,2})(?:,[ ](\\d{4}))?)?` +
    // "(Reuters) -", "/TASS/ -", or TASS's own "May 16. /TASS/. ".
    `\\.?[ ]*(?:(?:\\(([^()\\n]{1,40})\\)|/[^/\\n]{1,40}/)?[ ]*[-–—]+[ ]|/[^/\\n]{1,40}/\\.?[ ])`,
  'u',
);

// Capitalised labels that open a paragraph the way a place does.
const NOT_PLACES =
  /^(?:BREAKING|UPDATE|UPDATED|EXCLUSIVE|ANALYSIS|OPINION|LIVE|WATCH|EDITORIAL|COMMENT|FACTBOX|EXPLAINER)$/;

function titleCase(place: string): string {
  if (place !== place.toUpperCase()) return place;
  return place.toLowerCase().replace(/(^|[\s'’.-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** How many lines from the top a dateline may sit (page furniture can come first). */
export const DATELINE_LINES = 40;

/** Finds a dateline at the start of one of the first paragraphs (after a headline or page furniture). */
export function findDateline(text: string, maxLines = 4): Dateline | undefined {
  let offset = 0;
  for (let i = 0; i < maxLines && offset < text.length; i++) {
    const next = text.indexOf('\n', offset);
    const line = text.slice(offset, next < 0 ? text.length : next);
    const m = DATELINE.exec(line);
    if (m) {
      const city = m[1] ?? '';
      // A capitalised headline word followed by a dash ("BREAKING -") is not a place with a date or agency.
      const hasDateOrAgency = m[3] !== undefined || m[5] !== undefined || /\//.test(m[0]);
      if (city.length >= 3 && !NOT_PLACES.test(city) && (hasDateOrAgency || city === city.toUpperCase())) {
        const dateline: Dateline = { start: offset, end: offset + m[0].length, place: titleCase(city) };
        if (m[2] && m[3]) {
          dateline.month = MONTH_PREFIXES.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
          dateline.day = Number(m[3]);
          if (m[4]) dateline.year = Number(m[4]);
        }
        return dateline;
      }
    }
    if (next < 0) break;
    offset = next + 1;
  }
  return undefined;
}

const MONTH_YEAR = new RegExp(`\\b${MONTH}(?:[ ]\\d{1,2}(?:st|nd|rd|th)?,?)?[ ](\\d{4})\\b`, 'g');
const YEAR_AFTER_PREPOSITION = /\b(?:in|since|during|of|throughout)\s+((?:19|20)\d\d)\b(?![-–]\d)/gi;
const FUTURE_SENTENCE = /\b(?:will|would|could|plans?|expected|aims?|target|by)\b/i;

/**
 * The latest date the text writes out in full (month and year, or a year after "in"/"since"), as a
 * lower bound for the publication date; sentences that look ahead are ignored.
 */
export function latestWrittenDate(text: string): PartialDate | undefined {
  let latest: PartialDate | undefined;
  const consider = (d: PartialDate) => {
    if (!latest || d.year * 12 + d.month > latest.year * 12 + latest.month) latest = d;
  };
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    if (FUTURE_SENTENCE.test(sentence)) continue;
    for (const m of sentence.matchAll(MONTH_YEAR)) {
      const month = MONTH_PREFIXES.indexOf((m[1] ?? '').slice(0, 3).toLowerCase()) + 1;
      consider({ year: Number(m[2]), month, day: 1, precision: 'month' });
    }
    for (const m of sentence.matchAll(YEAR_AFTER_PREPOSITION))
      consider({ year: Number(m[1]), month: 1, day: 1, precision: 'year' });
  }
  return latest;
}

/**
 * The publication date a dateline gives: its own year, or else the first year in which its month
 * and day fall on or after the latest date the article writes out (news reports what already
 * happened). Undefined when the dateline has no day or no year can be inferred.
 */
export function datelineDate(dateline: Dateline, text: string): PartialDate | undefined {
  if (!dateline.month || !dateline.day) return undefined;
  const make = (year: number): PartialDate => ({
    year,
    month: dateline.month ?? 1,
    day: dateline.day ?? 1,
    precision: 'day',
  });
  if (dateline.year) return make(dateline.year);
  const latest = latestWrittenDate(text.slice(dateline.end));
  if (!latest) return undefined;
  const sameYear = make(latest.year);
  const before = sameYear.month < latest.month;
  return before ? make(latest.year + 1) : sameYear;
}

/** The publication date an HTML page declares (article:published_time, datePublished, a <time datetime>). */
export function htmlPublished(html: string): string | undefined {
  const values = [
    () => firstTagMatch(html, /<meta\b[^<>]*>/gi, PUBLISHED_META, /content\s*=\s*["']([^"']+)["']/i),
    () => /"datePublished"\s*:\s*"([^"]+)"/i.exec(html)?.[1],
    () => firstTagMatch(html, /<time\b[^<>]*>/gi, /datetime\s*=\s*["']([^"']+)["']/i),
  ];
  for (const value of values) {
    const day = /^(\d{4}-\d{2}-\d{2})/.exec((value() ?? '').trim());
    if (day?.[1] && parseIsoDay(day[1])) return day[1];
  }
  return undefined;
}

const PUBLISHED_META =
  /(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|pubdate|publishdate|publish-date|date|dc\.date(?:\.issued)?|sailthru\.date|parsely-pub-date)["']/i;
// Attributes are read only in tags of sane length: a page-long tag would make the attribute patterns quadratic.
const MAX_TAG_LENGTH = 2000;

/** The first capture of `value` in the first tag (found by `tags`) that `wanted` matches. */
function firstTagMatch(html: string, tags: RegExp, wanted: RegExp, value: RegExp = wanted): string | undefined {
  for (const m of html.matchAll(tags)) {
    if (m[0].length > MAX_TAG_LENGTH || !wanted.test(m[0])) continue;
    return value.exec(m[0])?.[1];
  }
  return undefined;
}

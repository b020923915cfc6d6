import * as chrono from 'chrono-node';
import { coarser, compareDates, formatPartialDate, isoWeek, type PartialDate, shiftDate } from './calendar';
import { joinDateRanges, resolveWeekend } from './date-ranges';
import type { AnalysedSentence } from './nlp';
import { NUMBER_WORDS as WORD_NUMBERS } from './number-words';
import type { DateExpression, DatePrecision } from './types';

/** What relative dates are resolved against. */
export interface DateContext {
  /** The publication date, when known. */
  published?: PartialDate;
  /** The last date resolved earlier in the document, for "two days later". */
  anchor?: PartialDate;
  /** Whether `anchor` was resolved earlier in the sentence being read (set by `extractDates`). */
  anchorInSentence?: boolean;
  /** Without a publication date: the year the text's own full dates give ("Nov. 23, 2025"), for "Nov. 27". */
  textYear?: number;
  /** Without a publication date: the period it falls in (a scenario source's month or year), for month-days. */
  period?: PartialDate;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_NAMES =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
// "a day later", "an hour": the article counts as one.
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, ...WORD_NUMBERS };
const COUNT = `\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')}`;

// Each rule finds one kind of expression; they are tried in this order and earlier matches win overlaps.
const RELATIVE_SHIFT = new RegExp(
  `\\b(${COUNT})\\s+(day|week|month|year)s?\\s+(later|after(?:wards)?|earlier|before|ago)\\b`,
  'gi',
);
// A finite past verb: what follows "a day after" is a clause of its own, not a noun ("after the talks").
const CLAUSE_VERB =
  /\b(?:\p{Ll}{3,}ed|met|said|held|took|gave|made|began|came|went|spoke|struck|hit|broke|sent|told|won|lost)\b/u;
const NEXT_DAY = /\b(?:the\s+)?(next|following|previous)\s+(day|week|month|year)\b/gi;
const THIS_PERIOD = /\b(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(this|last|next)\s+(week|month|year)\b/gi;
const MONTH_DATE = new RegExp(
  `\\b(?:([Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater)[-\\s]+(?:in\\s+)?)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?(${MONTH_NAMES})\\b(?:\\.(?=\\s+\\d))?(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b)?(?:,?\\s+(\\d{4})\\b)?`,
  'g',
);
const MONTH_OF_BEFORE = new RegExp(`\\b(?:${MONTH_NAMES})\\s+of\\s+$`);
const OF_YEAR = /^\s+of\s+(?:the\s+)?(previous|last|this|next|following)\s+year\b/i;
const WEEKDAY = new RegExp(`\\b(?:(last|this|next)\\s+|on\\s+)?(${WEEKDAYS})\\b`, 'g');
const BARE_YEAR = /\b(1[89]\d\d|20\d\d)\b(?![,.]?\d|\s*(?:%|percent|per cent))/g;
// "their 2018 Helsinki meeting": a possessive before a year dates the noun that follows.
const YEAR_CUE =
  /\b(in|since|by|until|till|of|from|to|during|early|late|mid|before|after|through|and|the|s|their|his|her|its)[\s-]+$/i;
const FUTURE_WORDS =
  /\b(?:will|shall|would|could|might|may|[’']ll|plans?|planned|scheduled|upcoming|expected|set to|due to|intends?|is to|are to|to be|hopes? to|aims? to|starting|beginning|as (?:soon|early) as|no later than|next(?=\s+(?:week|month|year|round|meeting|summit|talks|time)\b))\b/gi;
const PAST_WORDS =
  /\b(?:said|told|met|was|were|had|did|held|took|began|came|went|made|gave|spoke|fought|struck|hit|ago|\w{3,}ed)\b/gi;
const IS_FUTURE_WORD = new RegExp(`^${FUTURE_WORDS.source}$`, 'i');
// Clause openers: a tense before one of these belongs to another clause.
const CLAUSE_START =
  /(?:[;:—–(]|,\s+(?:which|who|when|where|while|but|as|after|before|although|though|because|whereas)\b|\b(?:but|while|whereas)\b)/gi;
// The same, for `search` (built once: compiling it per call showed in profiles).
const CLAUSE_START_ONCE = new RegExp(CLAUSE_START.source, 'i');
// How far before the 90-character window a clause opener may begin; and how far after a date a clause is read.
const CLAUSE_MARGIN = 30;
const CLAUSE_LOOKAHEAD = 400;
// SINCE_BEFORE needs only the few characters before a date ("ever since the ").
const SINCE_WINDOW = 30;
const SEASONS: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };
const SEASON =
  /\b(?:(this|last|next|early|late|mid|the|in|by|since|until|during|before|after)\s+)(?:the\s+)?(spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(\d{4})\b)?(?!\s+of\b)/g;
const END_OF = /\b(?:(?:by|before|until|at|towards?)\s+)?the end of (?:the |this )?(year|month)\b/gi;
const TODAY = /\b(today|tonight|overnight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening))\b/gi;
// A day named right after a time of day: "overnight on Sunday", "overnight into Monday", "tonight, June 2".
const DAY_NAMED_NEXT =
  /^,?\s+(?:(?:on|into|to)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b)/i;
// "over the weekend", "next weekend" (not "the weekend of May 10-11", whose days are told).
const WEEKEND = new RegExp(
  `\\b(?:(?:over|during|at|on|after|by)\\s+)?(the|a|this|last|next|past)\\s+weekend\\b(?!\\s+of\\s+(?:\\d|(?:${MONTH_NAMES})\\b))`,
  'gi',
);
// "on the eve of Election Day": the US general election, the Tuesday after the first Monday in November.
const ELECTION_DAY = /\b(?:(?:on|by|before|until)\s+)?(?:the\s+)?(eve\s+of\s+)?(?:the\s+)?Election Day\b/g;
const CHRISTMAS = /\b(?:by |at |before |until |over )?(Christmas(?: Day| Eve)?)\b/g;

/** How a clause places a date in time, from its verbs: past-tense news, a plan, or nothing said. */
export type Tense = 'past' | 'future' | 'unknown';

/** The tense of the clause around a date: the last tense word before it in the clause, else the first after it. */
export function clauseTense(sentence: string, start: number, end: number): Tense {
  let from = Math.max(0, start - 90);
  // Only breaks ending past `from` count, so the scan starts a little before it, not at the sentence start.
  const scanFrom = Math.max(0, from - CLAUSE_MARGIN);
  for (const m of sentence.slice(scanFrom, start).matchAll(CLAUSE_START)) {
    const e = scanFrom + m.index + m[0].length;
    if (e > from) from = e;
  }
  const before = sentence.slice(from, start);
  let lastFuture = -1;
  let lastPast = -1;
  for (const m of before.matchAll(FUTURE_WORDS)) lastFuture = m.index;
  for (const m of before.matchAll(PAST_WORDS)) {
    // "would be held", "has been scheduled": a participle after a modal or auxiliary is not past news.
    if (IS_FUTURE_WORD.test(m[0]) || /\b(?:be|being)\s+$/i.test(before.slice(0, m.index))) continue;
    lastPast = m.index;
  }
  if (lastFuture >= 0 || lastPast >= 0) return lastFuture > lastPast ? 'future' : 'past';
  const rest = sentence.slice(end, end + CLAUSE_LOOKAHEAD);
  const stop = rest.search(CLAUSE_START_ONCE);
  const after = stop >= 0 ? rest.slice(0, stop) : rest.slice(0, 80);
  const future = after.search(FUTURE_WORDS);
  const past = after.search(PAST_WORDS);
  if (future < 0 && past < 0) return 'unknown';
  if (future < 0) return 'past';
  if (past < 0) return 'future';
  return future < past ? 'future' : 'past';
}

interface Candidate {
  start: number;
  end: number;
  resolve: (ctx: DateContext, tense: Tense) => Resolution;
}

/** A resolved date (with `until`, the last day of a span of days; `week`, the ISO week it names), or why not. */
type Resolution = { date: PartialDate; until?: PartialDate; week?: string; rule?: string } | { unresolved: string };

/** A date right after "since" starts a period rather than dating an event. */
export const SINCE_BEFORE = /\b(?:ever\s+)?since\s+(?:the\s+)?$/i;

const NO_PUBLICATION = 'no publication date: a relative date cannot be resolved';

// A month name alone or with a bare day number before or after it, as `findCandidates` passes it (no period).
const PLAIN_MONTH_DAY = new RegExp(`^(?:\\d{1,2} (?:${MONTH_NAMES})|(?:${MONTH_NAMES})(?: \\d{1,2})?)$`);

/** Resolves a month (1-12), optional day and optional year against the publication date. */
function resolveMonthDay(
  month: number,
  day: number | undefined,
  year: number | undefined,
  qualifier: string | undefined,
  text: string,
  ctx: DateContext,
  tense: Tense,
): Resolution {
  const precision: DatePrecision = day !== undefined ? 'day' : 'month';
  if (year !== undefined) return { date: { year, month, day: day ?? 1, precision } };
  // A known period stands in for the publication date at its end: "May 16" in an article of June 2025.
  const pub = ctx.published ?? (ctx.period ? periodEnd(ctx.period) : undefined);
  const periodRule = ctx.published ? undefined : 'year from the scenario source date';
  if (!pub && ctx.textYear !== undefined) {
    return {
      date: { year: ctx.textYear, month, day: day ?? 1, precision },
      rule: 'year from the full dates in the text',
    };
  }
  if (!pub) return { unresolved: NO_PUBLICATION };
  // chrono reads the month and day against the publication date; the year is then fixed for past-tense news.
  // A plain "June 2", "2 June" or "June" with a day every month has is read as written (chrono agrees on
  // every such form; checked exhaustively against it), which saves the parse.
  const plain = PLAIN_MONTH_DAY.test(text) && (day === undefined || day <= 28);
  const parsed = plain
    ? []
    : chrono.parse(text, { instant: new Date(Date.UTC(pub.year, pub.month - 1, pub.day, 12)), timezone: 0 });
  const first = parsed[0];
  const read: PartialDate = first
    ? {
        year: first.start.get('year') ?? pub.year,
        month: first.start.get('month') ?? month,
        day: first.start.get('day') ?? day ?? 1,
        precision,
      }
    : { year: pub.year, month, day: day ?? 1, precision };
  const sameYear: PartialDate = { ...read, year: pub.year };
  const q = qualifier?.toLowerCase();
  const monthOnly = (d: PartialDate) => ({ ...d, day: 1 });
  if (q === 'this') return { date: sameYear };
  if (q === 'last') {
    const past = compareDates(monthOnly(sameYear), monthOnly(pub)) < 0;
    return { date: past ? sameYear : { ...sameYear, year: pub.year - 1 } };
  }
  if (q === 'next' || tense === 'future') {
    const ahead =
      compareDates(precision === 'day' ? sameYear : monthOnly(sameYear), precision === 'day' ? pub : monthOnly(pub)) >=
      0;
    return { date: ahead ? sameYear : { ...sameYear, year: pub.year + 1 } };
  }
  // Past-tense news: a month-day after the publication date belongs to the previous year; with no
  // tense to go by ("a deadline that expires on Aug. 8"), a date within two months ahead stays ahead.
  const later =
    compareDates(precision === 'day' ? sameYear : monthOnly(sameYear), precision === 'day' ? pub : monthOnly(pub)) > 0;
  const soon = compareDates(sameYear, shiftDate(pub, 2, 'month')) <= 0;
  return later && !(tense === 'unknown' && soon)
    ? {
        date: { ...sameYear, year: pub.year - 1 },
        rule: periodRule ?? 'year before publication (past tense, date after publication)',
      }
    : { date: sameYear, rule: periodRule ?? 'year of publication' };
}

// chrono's reading of a weekday name depends only on the reference day's weekday and `forwardDate` (checked
// against it for every day of 2020-2030), so each of the 98 cases is parsed once and kept as a day offset.
const weekdayOffsets = new Map<string, number | undefined>();

/** Days from the publication date to the day chrono reads a weekday name as. */
function weekdayOffset(word: string, pub: PartialDate, forward: boolean): number | undefined {
  const ref = new Date(Date.UTC(pub.year, pub.month - 1, pub.day, 12));
  const key = `${word} ${ref.getUTCDay()} ${forward}`;
  if (weekdayOffsets.has(key)) return weekdayOffsets.get(key);
  const parsed = chrono.parse(word, { instant: ref, timezone: 0 }, { forwardDate: forward })[0];
  const offset = parsed
    ? Math.round(
        (Date.UTC(
          parsed.start.get('year') ?? pub.year,
          (parsed.start.get('month') ?? pub.month) - 1,
          parsed.start.get('day') ?? pub.day,
          12,
        ) -
          ref.getTime()) /
          86_400_000,
      )
    : undefined;
  weekdayOffsets.set(key, offset);
  return offset;
}

/** The US Election Day of a year: the Tuesday after the first Monday in November (2 to 8 November). */
function electionDay(year: number): PartialDate {
  const weekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  // Days from 1 November to its first Tuesday (Tuesday = 2), plus a week when 1 November is itself a Tuesday.
  const toTuesday = (2 - weekday + 7) % 7;
  return { year, month: 11, day: 1 + (toTuesday === 0 ? 7 : toTuesday), precision: 'day' };
}

/** The last day of a month- or year-precision period. */
function periodEnd(period: PartialDate): PartialDate {
  if (period.precision === 'day') return period;
  if (period.precision === 'year') return { year: period.year, month: 12, day: 31, precision: 'day' };
  const next = shiftDate({ ...period, day: 1, precision: 'day' }, 1, 'month');
  return shiftDate(next, -1, 'day');
}

function countOf(word: string): number {
  const lower = word.toLowerCase();
  return NUMBER_WORDS[lower] ?? Number.parseInt(lower, 10);
}

function periodUnit(word: string): 'day' | 'week' | 'month' | 'year' {
  const unit = word.toLowerCase();
  return unit === 'day' || unit === 'week' || unit === 'month' ? unit : 'year';
}

function precisionOfUnit(unit: 'day' | 'week' | 'month' | 'year'): DatePrecision {
  return unit === 'day' ? 'day' : unit === 'year' ? 'year' : 'month';
}

/** Finds the candidate date expressions of a sentence, as offsets into the sentence text. */
function findCandidates(sentence: AnalysedSentence): Candidate[] {
  const text = sentence.text;
  const found: Candidate[] = [];
  const taken = (s: number, e: number) => found.some((c) => s < c.end && e > c.start);
  const add = (s: number, e: number, resolve: Candidate['resolve']) => {
    if (!taken(s, e)) found.push({ start: s, end: e, resolve });
  };

  for (const m of text.matchAll(RELATIVE_SHIFT)) {
    const n = countOf(m[1] ?? '');
    const unit = periodUnit(m[2] ?? 'day');
    const direction = (m[3] ?? '').toLowerCase();
    add(m.index, m.index + m[0].length, (ctx) => {
      if (direction === 'ago') {
        if (!ctx.published) return { unresolved: NO_PUBLICATION };
        return { date: { ...shiftDate(ctx.published, -n, unit), precision: precisionOfUnit(unit) } };
      }
      if (!ctx.anchor) return { unresolved: 'no earlier date in the text to count from' };
      let sign = direction === 'earlier' || direction === 'before' ? -1 : 1;
      // "Monday's announcement came a day after the chief rejected …": the clause after "after" is the
      // earlier happening, counted back from the sentence's own date.
      const told = text.slice(m.index + m[0].length, m.index + m[0].length + 100).split(/[.;:]/)[0] ?? '';
      if (ctx.anchorInSentence && (direction === 'after' || direction === 'before') && CLAUSE_VERB.test(told))
        sign = -sign;
      const shifted = shiftDate(ctx.anchor, sign * n, unit);
      return { date: { ...shifted, precision: coarser(ctx.anchor.precision, precisionOfUnit(unit)) } };
    });
  }
  for (const m of text.matchAll(NEXT_DAY)) {
    // "August of the previous year" is read whole with its month below.
    if (MONTH_OF_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    const which = (m[1] ?? '').toLowerCase();
    const unit = periodUnit(m[2] ?? 'day');
    add(m.index, m.index + m[0].length, (ctx) => {
      if (!ctx.anchor) return { unresolved: 'no earlier date in the text to count from' };
      const shifted = shiftDate(ctx.anchor, which === 'previous' ? -1 : 1, unit);
      return { date: { ...shifted, precision: coarser(ctx.anchor.precision, precisionOfUnit(unit)) } };
    });
  }
  for (const m of text.matchAll(THIS_PERIOD)) {
    // A capital mid-sentence ("Ukraine This Week") is a title, not a date.
    if (m.index > 0 && /^\p{Lu}/u.test(m[0])) continue;
    const which = (m[1] ?? '').toLowerCase();
    const unit = periodUnit(m[2] ?? 'month');
    add(m.index, m.index + m[0].length, (ctx) => {
      const pub = ctx.published;
      if (!pub) return { unresolved: NO_PUBLICATION };
      const step = which === 'this' ? 0 : which === 'next' ? 1 : -1;
      const shifted = shiftDate(pub, step, unit);
      // A week is too vague for a day: keep its month, and say which ISO week it is.
      const date: PartialDate = { ...shifted, precision: unit === 'year' ? 'year' : 'month' };
      return unit === 'week' ? { date, week: isoWeek(shifted) } : { date };
    });
  }
  for (const m of text.matchAll(TODAY)) {
    const word = (m[1] ?? '').toLowerCase();
    // "overnight on Sunday", "this morning, June 2": the day named next dates it, one happening, not two.
    if (
      !/^(?:today|yesterday|tomorrow)$/.test(word) &&
      DAY_NAMED_NEXT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))
    )
      continue;
    const shift = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
    add(m.index, m.index + m[0].length, (ctx) =>
      ctx.published
        ? { date: { ...shiftDate(ctx.published, shift, 'day'), precision: 'day' } }
        : { unresolved: NO_PUBLICATION },
    );
  }
  // Patterns that need a word few sentences have are only run when it is there (their leading optional groups
  // make the engine try every position otherwise).
  if (/the end of/i.test(text))
    for (const m of text.matchAll(END_OF)) {
      const unit = (m[1] ?? 'year').toLowerCase();
      add(m.index, m.index + m[0].length, (ctx) =>
        ctx.published
          ? { date: { ...ctx.published, day: 1, precision: unit === 'month' ? 'month' : 'year' } }
          : { unresolved: NO_PUBLICATION },
      );
    }
  for (const m of text.matchAll(SEASON)) {
    const which = (m[1] ?? '').toLowerCase();
    const start = SEASONS[(m[2] ?? '').toLowerCase()] ?? 3;
    const year = m[3] ? Number(m[3]) : undefined;
    add(m.index, m.index + m[0].length, (ctx, tense) => {
      if (year !== undefined) return { date: { year, month: 1, day: 1, precision: 'year' } };
      const pub = ctx.published;
      if (!pub) return { unresolved: NO_PUBLICATION };
      // The season that has begun by publication, or for plans the next one to begin.
      const begun = pub.month >= start ? pub.year : pub.year - 1;
      const coming = pub.month < start ? pub.year : pub.year + 1;
      const resolved =
        which === 'this'
          ? pub.year
          : which === 'next' || (tense === 'future' && which !== 'last')
            ? coming
            : which === 'last' && begun === pub.year && pub.month < start + 3
              ? begun - 1
              : begun;
      return { date: { year: resolved, month: 1, day: 1, precision: 'year' } };
    });
  }
  if (/weekend/i.test(text))
    for (const m of text.matchAll(WEEKEND)) {
      const which = (m[1] ?? '').toLowerCase();
      add(m.index, m.index + m[0].length, (ctx, tense) => {
        if (!ctx.published) return { unresolved: NO_PUBLICATION };
        const ahead = which === 'next' || (tense === 'future' && which !== 'last' && which !== 'past');
        const [saturday, sunday] = resolveWeekend(ctx.published, ahead, which === 'last');
        return { date: saturday, until: sunday, rule: `weekend ${ahead ? 'after' : 'before'} the publication date` };
      });
    }
  if (text.includes('Election Day'))
    for (const m of text.matchAll(ELECTION_DAY)) {
      const eve = m[1] ? -1 : 0;
      add(m.index, m.index + m[0].length, (ctx, tense) => {
        const pub = ctx.published;
        if (!pub) return { unresolved: NO_PUBLICATION };
        let day = electionDay(pub.year);
        // Past news names the last election held by publication, plans the next one; else the publication year's.
        if (tense === 'past' && compareDates(shiftDate(day, eve, 'day'), pub) > 0) day = electionDay(pub.year - 1);
        if (tense === 'future' && compareDates(day, pub) < 0) day = electionDay(pub.year + 1);
        return { date: shiftDate(day, eve, 'day'), rule: `${eve ? 'eve of ' : ''}US Election Day ${day.year}` };
      });
    }
  if (text.includes('Christmas'))
    for (const m of text.matchAll(CHRISTMAS)) {
      const day = /eve/i.test(m[1] ?? '') ? 24 : 25;
      add(m.index, m.index + m[0].length, (ctx, tense) =>
        resolveMonthDay(12, day, undefined, undefined, `December ${day}`, ctx, tense),
      );
    }
  for (const m of text.matchAll(MONTH_DATE)) {
    const monthWord = (m[3] ?? '').toLowerCase();
    // "May" is also a verb: only take it with a day, a year, a qualifier or a date preposition before it.
    if (
      monthWord === 'may' &&
      !m[1] &&
      !m[2] &&
      !m[4] &&
      !m[5] &&
      !/\b(in|of|since|by|until)\s+$/i.test(text.slice(0, m.index))
    ) {
      continue;
    }
    const month = MONTHS.findIndex((name) => name.startsWith(monthWord.slice(0, 3))) + 1;
    const dayText = m[2] ?? m[4];
    const day = dayText ? Number(dayText) : undefined;
    if (day !== undefined && (day < 1 || day > 31)) continue;
    // "August of the previous year": the month of a year counted from publication.
    const ofYear = m[5] ? null : OF_YEAR.exec(text.slice(m.index + m[0].length));
    if (ofYear) {
      const step = /previous|last/i.test(ofYear[1] ?? '') ? -1 : /this/i.test(ofYear[1] ?? '') ? 0 : 1;
      add(m.index, m.index + m[0].length + ofYear[0].length, (ctx) =>
        ctx.published
          ? { date: { year: ctx.published.year + step, month, day: day ?? 1, precision: day ? 'day' : 'month' } }
          : { unresolved: NO_PUBLICATION },
      );
      continue;
    }
    const year = m[5] ? Number(m[5]) : undefined;
    const qualifier = m[1]?.toLowerCase();
    const core = m[0].replace(/^(last|this|next|early|late|mid|earlier|later)[-\s]+(in\s+)?/i, '');
    add(m.index, m.index + m[0].length, (ctx, tense) =>
      resolveMonthDay(
        month,
        day,
        year,
        qualifier === 'last' || qualifier === 'this' || qualifier === 'next' ? qualifier : undefined,
        core,
        ctx,
        tense,
      ),
    );
  }
  for (const m of text.matchAll(WEEKDAY)) {
    const qualifier = (m[1] ?? '').toLowerCase();
    add(m.index, m.index + m[0].length, (ctx, tense) => {
      const pub = ctx.published;
      if (!pub) return { unresolved: NO_PUBLICATION };
      const forward = qualifier === 'next' || (tense === 'future' && qualifier !== 'last');
      const offset = weekdayOffset(m[2] ?? '', pub, forward);
      if (offset === undefined) return { unresolved: 'not a date' };
      let date: PartialDate = shiftDate({ ...pub, precision: 'day' }, offset, 'day');
      if (!forward && compareDates(date, pub) > 0) date = shiftDate(date, -7, 'day');
      // "last Tuesday" written on a Tuesday is a week back; "next Tuesday" a week ahead.
      const same = compareDates(date, pub) === 0;
      if (same && qualifier === 'last') date = shiftDate(date, -7, 'day');
      if (same && qualifier === 'next') date = shiftDate(date, 7, 'day');
      if (forward && compareDates(date, pub) < 0) date = shiftDate(date, 7, 'day');
      return { date, rule: `weekday ${forward ? 'after' : 'on or before'} the publication date` };
    });
  }
  for (const m of text.matchAll(BARE_YEAR)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const winkDate = sentence.entities.some(
      (e) => e.type === 'DATE' && e.start - sentence.start <= m.index && e.end - sentence.start >= m.index + 4,
    );
    if (!winkDate && !YEAR_CUE.test(before)) continue;
    const year = Number(m[1]);
    add(m.index, m.index + m[0].length, () => ({ date: { year, month: 1, day: 1, precision: 'year' } }));
  }
  // Whatever wink marks as a date that no rule above took is handed to chrono as it stands.
  for (const entity of sentence.entities) {
    if (entity.type !== 'DATE') continue;
    const s = entity.start - sentence.start;
    const e = entity.end - sentence.start;
    if (s > 0 && /^\p{Lu}/u.test(entity.text) && !/^\p{Lu}\p{Ll}+ \d/u.test(entity.text)) continue;
    add(s, e, (ctx, tense) => {
      const pub = ctx.published;
      const ref = pub ? new Date(Date.UTC(pub.year, pub.month - 1, pub.day, 12)) : undefined;
      const parsed = chrono.parse(entity.text, ref ? { instant: ref, timezone: 0 } : undefined, {
        forwardDate: tense === 'future',
      })[0];
      if (!parsed) return { unresolved: 'skip' };
      if (!pub && !parsed.start.isCertain('year')) return { unresolved: NO_PUBLICATION };
      const precision: DatePrecision = parsed.start.isCertain('day')
        ? 'day'
        : parsed.start.isCertain('month')
          ? 'month'
          : 'year';
      return {
        date: {
          year: parsed.start.get('year') ?? 0,
          month: parsed.start.get('month') ?? 1,
          day: parsed.start.get('day') ?? 1,
          precision,
        },
      };
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Finds and resolves the date expressions of one sentence. Pure: the publication date and the
 * running anchor come in through `ctx`, which is updated with the last resolved date.
 */
export function extractDates(sentence: AnalysedSentence, ctx: DateContext): DateExpression[] {
  const out: DateExpression[] = [];
  ctx.anchorInSentence = false;
  for (const candidate of findCandidates(sentence)) {
    const resolution = candidate.resolve(ctx, clauseTense(sentence.text, candidate.start, candidate.end));
    const base = {
      text: sentence.text.slice(candidate.start, candidate.end),
      start: sentence.start + candidate.start,
      end: sentence.start + candidate.end,
      sentence: sentence.index,
    };
    if ('date' in resolution) {
      const date = resolution.date;
      out.push({
        ...base,
        date: formatPartialDate(date),
        precision: date.precision,
        ...(resolution.until ? { until: formatPartialDate(resolution.until) } : {}),
        ...(resolution.week ? { week: resolution.week } : {}),
        ...(resolution.rule ? { rule: resolution.rule } : {}),
      });
      // "since the spring" opens a period: "two days later" counts from an event, not from that.
      const since = sentence.text.slice(Math.max(0, candidate.start - SINCE_WINDOW), candidate.start);
      if (!SINCE_BEFORE.test(since) && !/^since\b/i.test(base.text)) {
        ctx.anchor = date;
        ctx.anchorInSentence = true;
      }
    } else if (resolution.unresolved !== 'skip') {
      out.push({ ...base, unresolved: resolution.unresolved });
    }
  }
  // "May 10-11", "from Monday to Wednesday": two ends of one span are one expression.
  return joinDateRanges(sentence.text, sentence.start, out);
}

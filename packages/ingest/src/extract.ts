import { EntenteError } from '@entente/core';
import { type ActorMatcher, compileActorMatcher, findLexiconMentions, findNames, mergeMentions } from './actors';
import { markBackground } from './background';
import { compareDates, formatPartialDate, type PartialDate, parseIsoDay, shiftDate } from './calendar';
import { isCaption, isNonEventDate } from './date-filters';
import { DATELINE_LINES, type Dateline, findDateline } from './dateline';
import { type DateContext, extractDates, SINCE_BEFORE } from './dates';
import { findDemonyms, isDemonym } from './demonyms';
import { classifyDatedEventsWithCues } from './event-types';
import { findFigures } from './figures';
import { compileIssueMatcher, type IssueMatcher, tagIssues } from './issues';
import { eventStatus } from './modality';
import { type AnalysedSentence, analyseText } from './nlp';
import { pageDateLines, yearOfFullDates } from './published-date';
import { findQuotes, quotedSpans, speakerCandidates } from './quotes';
import { mergeAppositeDates } from './same-happening';
import { insideSorted, overlapping } from './sorted-spans';
import type {
  ActorMention,
  DateExpression,
  DatePrecision,
  ExtractedEvent,
  Extraction,
  IssueTag,
  ScenarioLexicon,
} from './types';
import { findUndatedTriggers } from './undated-events';

/** Options for extraction: the publication date (no clock is read) and the scenario's lexicon. */
export interface ExtractOptions {
  /** Publication date `YYYY-MM-DD`; without it relative dates stay unresolved. */
  published?: string;
  lexicon?: ScenarioLexicon;
  /**
   * Without a publication date: the period the article belongs to (`YYYY` or `YYYY-MM`, e.g. its
   * scenario source's date), which gives month-days their year.
   */
  period?: string;
}

/** A lexicon compiled once and reused across many documents. */
export interface CompiledLexicon {
  actors: ActorMatcher;
  issues: IssueMatcher;
}

const compiledCache = new WeakMap<ScenarioLexicon, CompiledLexicon>();

/** Compiles a lexicon's patterns (cached per lexicon object). */
export function compileLexicon(lexicon: ScenarioLexicon | undefined): CompiledLexicon {
  if (!lexicon) return { actors: compileActorMatcher(undefined), issues: compileIssueMatcher(undefined) };
  let compiled = compiledCache.get(lexicon);
  if (!compiled) {
    compiled = { actors: compileActorMatcher(lexicon), issues: compileIssueMatcher(lexicon) };
    compiledCache.set(lexicon, compiled);
  }
  return compiled;
}

/** Checks a publication date flag and says what is wrong with it. */
export function validatePublished(published: string): void {
  if (!parseIsoDay(published)) {
    throw new EntenteError(
      'INVALID_DATE',
      `The publication date "${published}" is not a real date: write it as YYYY-MM-DD, e.g. 2025-08-20.`,
    );
  }
}

function eventActors(sentenceMentions: ActorMention[], useLexicon: boolean): string[] {
  const actors = new Set<string>();
  for (const m of sentenceMentions) {
    if (useLexicon) {
      if (m.actor) actors.add(m.actor);
    } else if (m.kind === 'demonym' || m.kind === 'country') {
      actors.add(m.refersTo ?? m.text);
    } else if (m.kind === 'person' || m.kind === 'organisation' || m.kind === 'name') {
      actors.add(m.text);
    }
  }
  return [...actors].sort();
}

/** Whether an actor of the sentence is followed by a verb (someone did something). */
function actorActs(sentence: AnalysedSentence, mentions: ActorMention[], useLexicon: boolean): boolean {
  const actors = mentions.filter((m) => (useLexicon ? m.actor !== null : m.kind !== 'place' && m.kind !== 'name'));
  const first = actors[0];
  return first !== undefined && sentence.tokens.some((t) => t.pos === 'VERB' && t.start >= first.end);
}

// Titles between a country word and a name: "German Chancellor Friedrich Merz", "Hungarian Prime Minister …".
const LEADING_TITLE =
  /^(?:(?:President|Vice|Prime|Minister|Foreign|Defen[cs]e|Secretary|General|Chancellor|Senator|Chief|Deputy|Special|Envoy|Ambassador|Governor|King|Queen|Premier|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)\s+)+/;

/** "German Chancellor Friedrich Merz" is the person Friedrich Merz (the country word is a mention of its own). */
function trimLeadingCountry(name: ActorMention, countries: ActorMention[]): ActorMention | undefined {
  const lead = countries.find((c) => c.start === name.start && c.end < name.end);
  if (!lead) return name;
  const rest = name.text.slice(lead.end - name.start).replace(/^[\s'’s]+/, '');
  const person = rest.replace(LEADING_TITLE, '');
  if (!/^\p{Lu}/u.test(person)) return undefined;
  const titled = person !== rest;
  return {
    ...name,
    text: person,
    start: name.end - person.length,
    kind: titled || /\s/.test(person) ? 'person' : name.kind,
  };
}

/** Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as a partial date; undefined for anything else. */
function parsePeriod(text: string | undefined): PartialDate | undefined {
  const m = text ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text) : null;
  if (!m) return undefined;
  if (m[3]) return parseIsoDay(text ?? '');
  const month = m[2] ? Number(m[2]) : 1;
  if (month < 1 || month > 12) return undefined;
  return { year: Number(m[1]), month, day: 1, precision: m[2] ? 'month' : 'year' };
}

/** The dateline's own date when it falls within three days before the publication date. */
function filedDate(dateline: Dateline | undefined, published: PartialDate | undefined): PartialDate | undefined {
  if (!dateline?.month || !dateline.day || !published) return undefined;
  const filed: PartialDate = {
    year: dateline.year ?? published.year,
    month: dateline.month,
    day: dateline.day,
    precision: 'day',
  };
  const earliest = shiftDate(published, -3, 'day');
  return compareDates(filed, published) < 0 && compareDates(filed, earliest) >= 0 ? filed : undefined;
}

/** Whether a resolved date lies after the publication date (compared at the date's own precision). */
function isAfter(date: string, precision: DatePrecision, published: PartialDate | undefined): boolean {
  if (!published) return false;
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const pub = { ...published };
  if (precision !== 'day') pub.day = 1;
  if (precision === 'year') pub.month = 1;
  return compareDates({ year: y, month: m, day: d, precision }, pub) > 0;
}

/** The sentence with the given document spans blanked out (same length, so offsets hold). */
function blankOut(sentence: { start: number; text: string }, spans: { start: number; end: number }[]): string {
  // Built in one pass: re-slicing the whole sentence per span is quadratic in a sentence full of quotes.
  const text = sentence.text;
  const parts: string[] = [];
  let cursor = 0;
  for (const span of spans) {
    const s = Math.max(cursor, span.start - sentence.start);
    const e = Math.min(text.length, span.end - sentence.start);
    if (e <= s) continue;
    parts.push(text.slice(cursor, s), ' '.repeat(e - s));
    cursor = e;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

// Talks, meetings and calls are what outcomes ("agreed", "proposed", "handed over") come out of.
const SESSION_TYPES = new Set(['talks', 'meeting', 'summit', 'call', 'prisoner_exchange']);

/**
 * The date an outcome told without its own time expression takes, as the annotators date it: the
 * reported day-dated event of its own sentence; else the latest talks, meeting or call dated before it
 * (news follows the latest round, not the background one); else the last dated event; else the publication date.
 */
function outcomeDate(
  own: ExtractedEvent[],
  anchors: ExtractedEvent[],
  published: PartialDate | undefined,
): { date: string; rule: string } | undefined {
  const same = own.find((e) => e.status === 'reported');
  if (same?.precision === 'day') return { date: same.date, rule: `date of the sentence's "${same.dateText}"` };
  // "Last week, … had reached an agreement": the sentence's own coarser date holds, and no day is known.
  if (same) return undefined;
  let session: ExtractedEvent | undefined;
  for (const e of anchors) if (SESSION_TYPES.has(e.type) && (!session || e.date >= session.date)) session = e;
  const anchor = session ?? anchors[anchors.length - 1];
  if (anchor)
    return { date: anchor.date, rule: `date of the ${anchor.type} "${anchor.dateText}" (sentence ${anchor.sentence})` };
  if (published) return { date: formatPartialDate({ ...published, precision: 'day' }), rule: 'publication date' };
  return undefined;
}

// "agreed to a ceasefire on Saturday": unless the date is the object's own ("starting Monday"), a verb whose object is
// the dated event's keyword is that same happening.
const VERB_OBJECT = /^\s+(?:(?:a|an|the)\s+)?(?:[\p{L}-]+\s+){0,2}$/u;

// A date after "starting", "from", "by" … is when the verb's object begins or is due, not when the verb happened.
const OBJECT_DATE =
  /\b(?:starting|start|from|effective|beginning|begin|until|till|by|before|after|take effect|takes effect)\s+(?:\S+\s+){0,2}$/iu;

/**
 * Events a sentence reports by a verb that no time expression of its own dates ("the sides agreed to a
 * 1,000 for 1,000 exchange", "Ukraine proposed a summit by the end of August"): typed by the verb and
 * dated by `outcomeDate`; nothing when no date is known, and nothing planned or hypothetical (its date
 * is not the anchor's). A verb that already typed a dated event of the sentence, or whose type one has, adds nothing.
 */
function undatedEvents(
  sentence: AnalysedSentence,
  ownWords: string,
  context: {
    own: ExtractedEvent[];
    cues: { start: number; end: number }[];
    anchors: ExtractedEvent[];
    published: PartialDate | undefined;
    /** Keywords of reported events dated at the sentence's own time ("said on Saturday", not "starting Monday"). */
    ownTimeCues: { start: number; end: number }[];
  },
): Omit<ExtractedEvent, 'actors' | 'issues'>[] {
  // A quoted readout's impersonal "It was agreed" is the meeting's outcome in the parties' own words.
  let readout = ownWords;
  for (const m of sentence.text.matchAll(/\bit was agreed\b/gi))
    readout = readout.slice(0, m.index) + m[0] + readout.slice(m.index + m[0].length);
  const triggers = findUndatedTriggers(readout).filter(
    (t) =>
      !context.own.some((e) => e.type === t.type) &&
      !context.cues.some(
        (c) =>
          (c.start < t.end && t.start < c.end) ||
          (c.start >= t.end && VERB_OBJECT.test(ownWords.slice(t.end, c.start)) && context.ownTimeCues.includes(c)),
      ),
  );
  if (triggers.length === 0) return [];
  const dated = outcomeDate(context.own, context.anchors, context.published);
  if (!dated) return [];
  const events: Omit<ExtractedEvent, 'actors' | 'issues'>[] = [];
  for (const t of triggers) {
    const status = eventStatus(ownWords, t, t, false);
    if (status === 'planned' || status === 'hypothetical' || (t.onlyDenied && status !== 'denied')) continue;
    events.push({
      date: dated.date,
      precision: 'day',
      type: t.type,
      status,
      dateText: '',
      dateRule: dated.rule,
      triggerStart: sentence.start + t.start,
      triggerEnd: sentence.start + t.end,
      start: sentence.start,
      end: sentence.end,
      sentence: sentence.index,
    });
  }
  return events;
}

// "Monday's announcement" points back at a happening of that day the text has already told.
const POSSESSIVE = /^[’']s\b/;

// Kinds that only say that something was said or done: inside a quote or a caption they name no happening.
const VAGUE_IN_QUOTE = new Set(['statement', 'other']);

/**
 * Events a quote dates itself ("a ceasefire with effect from 24:00 hours on 28 July 2025", in a quoted
 * communiqué): only when a keyword inside the same quote says what happened, so that a speaker's
 * "today" or "this year" without one is no event, and not when the quote only wishes for it.
 */
function quotedEvents(
  sentence: AnalysedSentence,
  dates: DateExpression[],
  quoted: { start: number; end: number }[],
  text: string,
  published: PartialDate | undefined,
): Omit<ExtractedEvent, 'actors' | 'issues'>[] {
  const usable = dates.filter(
    (d) =>
      d.date &&
      d.precision &&
      !SINCE_BEFORE.test(text.slice(Math.max(0, d.start - 20), d.start)) &&
      !isNonEventDate(text, d),
  );
  if (usable.length === 0) return [];
  const spans = usable.map((d) => ({ start: d.start - sentence.start, end: d.end - sentence.start }));
  const typed = classifyDatedEventsWithCues(sentence.text, spans, { actorActs: false });
  const events: Omit<ExtractedEvent, 'actors' | 'issues'>[] = [];
  usable.forEach((d, i) => {
    const t = typed[i];
    const quote = overlapping(quoted, d.start, d.end)[0];
    if (!t?.cue || !quote || !d.date || !d.precision || VAGUE_IN_QUOTE.has(t.type)) return;
    const cueStart = sentence.start + t.cue.start;
    if (cueStart < quote.start || sentence.start + t.cue.end > quote.end) return;
    const span = spans[i] as { start: number; end: number };
    const status = eventStatus(sentence.text, span, t.cue, isAfter(d.date, d.precision, published));
    // A speaker's wish ("we want a ceasefire by Christmas") is no happening.
    if (status === 'hypothetical') return;
    events.push({
      date: d.date,
      precision: d.precision,
      ...(d.until ? { until: d.until } : {}),
      ...(d.week ? { week: d.week } : {}),
      type: t.type,
      status,
      dateText: d.text,
      dateStart: d.start,
      dateEnd: d.end,
      start: sentence.start,
      end: sentence.end,
      sentence: sentence.index,
    });
  });
  return events;
}

// A date told in full ("28 July 2025", "May 16") rather than relative to another ("on Monday", "today").
const EXPLICIT_DATE = /\d/;

/**
 * One event per happening between a quote and the reporter's words (same type and date): the one whose
 * date is told explicitly, else the reporter's ("the talks commenced today" repeats "talks began on Friday").
 */
function dropRepeatedQuotes(events: ExtractedEvent[], fromQuotes: Set<ExtractedEvent>): ExtractedEvent[] {
  const key = (e: ExtractedEvent) => `${e.type} ${e.date}`;
  const explicit = (e: ExtractedEvent) => EXPLICIT_DATE.test(e.dateText);
  const reporter = events.filter((e) => !fromQuotes.has(e) && e.dateText !== '');
  const drop = new Set<ExtractedEvent>();
  for (const q of fromQuotes) {
    const same = reporter.filter((e) => key(e) === key(q));
    if (same.length === 0) continue;
    if (explicit(q) && !same.some(explicit)) for (const e of same) drop.add(e);
    else drop.add(q);
  }
  return events.filter((e) => !drop.has(e));
}

/**
 * Extracts sentences, dated events, actors, quotes, figures and issue tags from a document's
 * plain text. Pure: the publication date is a parameter and nothing reads the clock.
 */
export function extractFromText(text: string, options: ExtractOptions = {}): Extraction {
  if (options.published !== undefined) validatePublished(options.published);
  const given = options.published ? parseIsoDay(options.published) : undefined;
  // A wire dateline a day or two before the page date is when the story was written: "Monday" counts from it.
  // Found once: it also keeps its own words from making names and dates below.
  const dateline = findDateline(text, DATELINE_LINES);
  const published = filedDate(dateline, given) ?? given;
  const lexicon = compileLexicon(options.lexicon);
  const useLexicon = Boolean(options.lexicon && options.lexicon.actors.length > 0);
  const analysed = analyseText(text);
  // Without a publication date, a month-day takes its year from the text's own full dates.
  const textYear = published ? undefined : yearOfFullDates(text);
  const period = published ? undefined : parsePeriod(options.period);
  const dateContext: DateContext = published
    ? { published }
    : { ...(period ? { period } : {}), ...(textYear ? { textYear } : {}) };
  const pageDates = pageDateLines(text);
  const result: Extraction = {
    sentences: [],
    dates: [],
    events: [],
    quotes: [],
    figures: [],
    mentions: [],
    issueTags: [],
  };
  // A dateline's date is the publication date, and a quote's words are the speaker's, not the reporter's:
  // neither dates nor types an event of its own.
  const quoted = quotedSpans(text);
  const allNames: ActorMention[] = [];
  const allLexicon: ActorMention[] = [];
  // Reported events dated to the day, in text order: undated outcomes ("agreed to an exchange") happened at one.
  const anchors: ExtractedEvent[] = [];
  // Events of photo captions, dropped when the text reports a happening on that day anyway.
  const captionEvents = new Set<ExtractedEvent>();
  const toldUndated = new Map<string, ExtractedEvent>();
  // Events dated inside a quote, dropped when the reporter's own words tell the same happening.
  const fromQuotes = new Set<ExtractedEvent>();
  for (const sentence of analysed) {
    result.sentences.push({ index: sentence.index, start: sentence.start, end: sentence.end, text: sentence.text });
    const lexiconMentions = findLexiconMentions(sentence, lexicon.actors);
    const demonyms = findDemonyms(sentence, lexicon.actors, useLexicon).filter(
      (d) => !lexiconMentions.some((m) => d.start < m.end && d.end > m.start),
    );
    // A demonym is never a name of its own ("Russian" is Russia, not a person called Russian).
    const names = findNames(sentence)
      .map((n) => trimLeadingCountry(n, demonyms))
      .filter(
        (n): n is ActorMention =>
          n !== undefined && !isDemonym(n.text) && !demonyms.some((d) => n.start < d.end && n.end > d.start),
      )
      .filter((n) => !dateline || n.start >= dateline.end || n.end <= dateline.start);
    allNames.push(...names);
    // "Kyiv said …", "the UAE said …": countries and capitals can be quoted too.
    allNames.push(...demonyms.filter((d) => d.kind === 'country'));
    allLexicon.push(...lexiconMentions);
    const mentions = mergeMentions([...lexiconMentions, ...demonyms], names);
    result.mentions.push(...mentions);
    const tags: IssueTag[] = tagIssues(sentence.text, lexicon.issues).map((t) => ({ ...t, sentence: sentence.index }));
    result.issueTags.push(...tags);
    const dates = extractDates(sentence, dateContext).filter(
      (d) => !dateline || d.start >= dateline.end || d.end <= dateline.start,
    );
    result.dates.push(...dates);
    const inQuote = (d: { start: number; end: number }) => insideSorted(quoted, d.start, d.end);
    // "since April", "since the 2022 invasion" start a period: no event of their own.
    const resolved = dates.filter(
      (d) =>
        d.date &&
        d.precision &&
        !inQuote(d) &&
        !insideSorted(pageDates, d.start, d.end) &&
        !SINCE_BEFORE.test(text.slice(Math.max(0, d.start - 20), d.start)) &&
        !/^since\b/i.test(d.text) &&
        !isNonEventDate(text, d) &&
        !(POSSESSIVE.test(text.slice(d.end, d.end + 3)) && result.events.some((e) => e.date === d.date)),
    );
    const ownWords = blankOut(sentence, overlapping(quoted, sentence.start, sentence.end));
    const typed = classifyDatedEventsWithCues(
      ownWords,
      resolved.map((d) => ({ start: d.start - sentence.start, end: d.end - sentence.start })),
      { actorActs: resolved.length > 0 && actorActs(sentence, mentions, useLexicon) },
    );
    const actors = eventActors(mentions, useLexicon);
    const before = result.events.length;
    resolved.forEach((date, i) => {
      const typedDate = typed[i];
      if (!typedDate || !date.date || !date.precision) return;
      const span = { start: date.start - sentence.start, end: date.end - sentence.start };
      const status = eventStatus(ownWords, span, typedDate.cue, isAfter(date.date, date.precision, published));
      result.events.push({
        date: date.date,
        precision: date.precision,
        ...(date.until ? { until: date.until } : {}),
        ...(date.week ? { week: date.week } : {}),
        type: typedDate.type,
        status,
        actors,
        issues: tags.map((t) => t.issue),
        dateText: date.text,
        dateStart: date.start,
        dateEnd: date.end,
        start: sentence.start,
        end: sentence.end,
        sentence: sentence.index,
      });
    });
    const own = mergeAppositeDates(result.events.splice(before), text);
    result.events.push(...own);
    const cues = typed.flatMap((t) => (t?.cue ? [t.cue] : []));
    // Keywords of reported events dated at the sentence's own time (not "starting Monday", "by the end of August").
    const ownTimeCues = resolved.flatMap((d, i) => {
      const cue = typed[i]?.cue;
      const event = own.find((e) => e.dateStart !== undefined && e.dateStart <= d.start && d.end <= (e.dateEnd ?? 0));
      const objectDate =
        OBJECT_DATE.test(text.slice(Math.max(sentence.start, d.start - 30), d.start)) ||
        OBJECT_DATE.test(`${d.text.split(/\s+/)[0] ?? ''} `);
      // An outcome of talks or a meeting is a second happening, whatever keyword the date's type came from.
      const session = event !== undefined && SESSION_TYPES.has(event.type);
      return cue && event?.status === 'reported' && !session && !objectDate ? [cue] : [];
    });
    for (const e of quotedEvents(sentence, dates.filter(inQuote), quoted, text, published)) {
      result.events.push({ ...e, actors, issues: tags.map((t) => t.issue) });
      fromQuotes.add(result.events[result.events.length - 1] as ExtractedEvent);
    }
    const undated = undatedEvents(sentence, ownWords, { own, cues, anchors, published, ownTimeCues });
    for (const e of undated) {
      // A lede the page repeats (teaser block, then body) tells the same outcome once: the body's copy is kept.
      const key = `${e.type} ${e.date} ${sentence.text.replace(/\s+/g, ' ').trim()}`;
      const teaser = toldUndated.get(key);
      if (teaser) result.events.splice(result.events.indexOf(teaser), 1);
      const event = { ...e, actors, issues: tags.map((t) => t.issue) };
      toldUndated.set(key, event);
      result.events.push(event);
    }
    // A caption that names what happened ("during the signing ceremony") reports it; one that only places
    // people in the picture (typed `other` or `statement`) repeats the day's story.
    if (isCaption(sentence.text)) for (const e of own) if (VAGUE_IN_QUOTE.has(e.type)) captionEvents.add(e);
    for (const e of own) if (e.precision === 'day' && e.status === 'reported') anchors.push(e);
    result.figures.push(...findFigures(sentence, dates));
  }
  if (fromQuotes.size > 0) result.events = dropRepeatedQuotes(result.events, fromQuotes);
  if (captionEvents.size > 0) {
    const told = new Set(result.events.filter((e) => !captionEvents.has(e)).map((e) => e.date));
    result.events = result.events.filter((e) => !captionEvents.has(e) || !told.has(e.date));
  }
  markBackground(result.events, text, published ? formatPartialDate({ ...published, precision: 'day' }) : undefined);
  result.quotes = findQuotes({
    text,
    sentences: analysed,
    candidates: speakerCandidates(allNames, allLexicon, text),
    matcher: lexicon.actors,
  });
  return result;
}

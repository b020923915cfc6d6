import { EntenteError } from '@entente/core';
import { type ActorMatcher, compileActorMatcher, findLexiconMentions, findNames, mergeMentions } from './actors';
import { parseIsoDay } from './calendar';
import { type DateContext, extractDates } from './dates';
import { classifyEvent } from './event-types';
import { findFigures } from './figures';
import { compileIssueMatcher, type IssueMatcher, tagIssues } from './issues';
import { analyseText } from './nlp';
import { findQuotes, speakerCandidates } from './quotes';
import type { ActorMention, ExtractedEvent, Extraction, IssueTag, ScenarioLexicon } from './types';

/** Options for extraction: the publication date (no clock is read) and the scenario's lexicon. */
export interface ExtractOptions {
  /** Publication date `YYYY-MM-DD`; without it relative dates stay unresolved. */
  published?: string;
  lexicon?: ScenarioLexicon;
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
    } else if (m.kind === 'person' || m.kind === 'organisation' || m.kind === 'name') {
      actors.add(m.text);
    }
  }
  return [...actors].sort();
}

/**
 * Extracts sentences, dated events, actors, quotes, figures and issue tags from a document's
 * plain text. Pure: the publication date is a parameter and nothing reads the clock.
 */
export function extractFromText(text: string, options: ExtractOptions = {}): Extraction {
  if (options.published !== undefined) validatePublished(options.published);
  const published = options.published ? parseIsoDay(options.published) : undefined;
  const lexicon = compileLexicon(options.lexicon);
  const useLexicon = Boolean(options.lexicon && options.lexicon.actors.length > 0);
  const analysed = analyseText(text);
  const dateContext: DateContext = published ? { published } : {};
  const result: Extraction = {
    sentences: [],
    dates: [],
    events: [],
    quotes: [],
    figures: [],
    mentions: [],
    issueTags: [],
  };
  const allNames: ActorMention[] = [];
  const allLexicon: ActorMention[] = [];
  for (const sentence of analysed) {
    result.sentences.push({ index: sentence.index, start: sentence.start, end: sentence.end, text: sentence.text });
    const lexiconMentions = findLexiconMentions(sentence, lexicon.actors);
    const names = findNames(sentence);
    allNames.push(...names);
    allLexicon.push(...lexiconMentions);
    const mentions = mergeMentions(lexiconMentions, names);
    result.mentions.push(...mentions);
    const tags: IssueTag[] = tagIssues(sentence.text, lexicon.issues).map((t) => ({ ...t, sentence: sentence.index }));
    result.issueTags.push(...tags);
    const dates = extractDates(sentence, dateContext);
    result.dates.push(...dates);
    for (const date of dates) {
      if (!date.date || !date.precision) continue;
      const type = classifyEvent(sentence.text, (date.start + date.end) / 2 - sentence.start);
      if (!type) continue;
      const event: ExtractedEvent = {
        date: date.date,
        precision: date.precision,
        type,
        actors: eventActors(mentions, useLexicon),
        issues: tags.map((t) => t.issue),
        dateText: date.text,
        start: sentence.start,
        end: sentence.end,
        sentence: sentence.index,
      };
      result.events.push(event);
    }
    result.figures.push(...findFigures(sentence, dates));
  }
  result.quotes = findQuotes({
    text,
    sentences: analysed,
    candidates: speakerCandidates(allNames, allLexicon),
    matcher: lexicon.actors,
  });
  return result;
}

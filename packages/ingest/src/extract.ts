import { EntenteError } from '@entente/core';
import { type ActorMatcher, compileActorMatcher, findLexiconMentions, findNames, mergeMentions } from './actors';
import { parseIsoDay } from './calendar';
import { type DateContext, extractDates } from './dates';
import { findDemonyms, isDemonym } from './demonyms';
import { classifyDatedEvents } from './event-types';
import { findFigures } from './figures';
import { compileIssueMatcher, type IssueMatcher, tagIssues } from './issues';
import { type AnalysedSentence, analyseText } from './nlp';
import { findQuotes, speakerCandidates } from './quotes';
import type { ActorMention, Extraction, IssueTag, ScenarioLexicon } from './types';

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
    } else if (m.kind === 'demonym') {
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
    const demonyms = findDemonyms(sentence, lexicon.actors, useLexicon).filter(
      (d) => !lexiconMentions.some((m) => d.start < m.end && d.end > m.start),
    );
    // A demonym is never a name of its own ("Russian" is Russia, not a person called Russian).
    const names = findNames(sentence).filter(
      (n) => !isDemonym(n.text) && !demonyms.some((d) => n.start < d.end && n.end > d.start),
    );
    allNames.push(...names);
    allLexicon.push(...lexiconMentions);
    const mentions = mergeMentions([...lexiconMentions, ...demonyms], names);
    result.mentions.push(...mentions);
    const tags: IssueTag[] = tagIssues(sentence.text, lexicon.issues).map((t) => ({ ...t, sentence: sentence.index }));
    result.issueTags.push(...tags);
    const dates = extractDates(sentence, dateContext);
    result.dates.push(...dates);
    const resolved = dates.filter((d) => d.date && d.precision);
    const types = classifyDatedEvents(
      sentence.text,
      resolved.map((d) => ({ start: d.start - sentence.start, end: d.end - sentence.start })),
      { actorActs: actorActs(sentence, mentions, useLexicon) },
    );
    const actors = eventActors(mentions, useLexicon);
    resolved.forEach((date, i) => {
      const type = types[i];
      if (!type || !date.date || !date.precision) return;
      result.events.push({
        date: date.date,
        precision: date.precision,
        type,
        actors,
        issues: tags.map((t) => t.issue),
        dateText: date.text,
        start: sentence.start,
        end: sentence.end,
        sentence: sentence.index,
      });
    });
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

import type { ActorMatcher } from './actors';
import { COUNTRY_PATTERN, COUNTRY_WORDS } from './countries';
import type { AnalysedSentence } from './nlp';
import type { ActorMention } from './types';

// Demonyms of the states these articles are about, with the names a lexicon may use for the country
// (first is the name reported when there is no lexicon).
const DEMONYMS: Record<string, string[]> = {
  Russian: ['Russia', 'Russian Federation'],
  Russians: ['Russia', 'Russian Federation'],
  Ukrainian: ['Ukraine'],
  Ukrainians: ['Ukraine'],
  American: ['United States', 'USA', 'US', 'America'],
  Americans: ['United States', 'USA', 'US', 'America'],
  European: ['Europe', 'European Union', 'EU'],
  Europeans: ['Europe', 'European Union', 'EU'],
  Turkish: ['Turkey', 'Türkiye'],
  Polish: ['Poland'],
  German: ['Germany'],
  French: ['France'],
  British: ['Britain', 'United Kingdom', 'UK'],
  Italian: ['Italy'],
  Finnish: ['Finland'],
  Chinese: ['China'],
  Belarusian: ['Belarus'],
  Georgian: ['Georgia'],
  Moldovan: ['Moldova'],
  Hungarian: ['Hungary'],
  Indian: ['India'],
  Iranian: ['Iran'],
  Israeli: ['Israel'],
  Japanese: ['Japan'],
  Canadian: ['Canada'],
};

// "Russian-speaking", "Russian-held": a compound says something about people or land, not the state.
const PATTERN = new RegExp(`(?<![\\p{L}\\p{N}-])(${Object.keys(DEMONYMS).join('|')})(?![\\p{L}\\p{N}-])`, 'gu');

/** Whether a word is a demonym ("Russian", "Ukrainians"), which is never a name of its own. */
export function isDemonym(word: string): boolean {
  return Object.hasOwn(DEMONYMS, word) || COUNTRY_WORDS.get(word)?.kind === 'demonym';
}

// "in Kyiv", "to Washington": a capital after these is a place, not the government it can stand for.
const PLACE_BEFORE =
  /(?:\b(?:in|from|at|near|across|into|toward|towards|outside|inside|over|via|of)|(?<!according )\bto)\s+(?:the\s+)?$/i;

/**
 * Countries named in a sentence without a scenario (gazetteer of the UN member states): names
 * ("Sudan", "the UAE"), demonyms ("Kenyan mediators") and capitals standing for governments
 * ("Moscow said", not "in Moscow"), each with the country in `refersTo`.
 */
function findCountries(sentence: AnalysedSentence): ActorMention[] {
  const mentions: ActorMention[] = [];
  for (const m of sentence.text.matchAll(COUNTRY_PATTERN)) {
    const written = m[0];
    const entry = COUNTRY_WORDS.get(written);
    if (!entry) continue;
    if (entry.kind === 'capital' && PLACE_BEFORE.test(sentence.text.slice(Math.max(0, m.index - 30), m.index)))
      continue;
    // "US" in capitals only; a sentence-initial "Us" or the word "us" is not the country.
    const start = sentence.start + m.index;
    mentions.push({
      text: written,
      actor: null,
      kind: entry.kind === 'demonym' ? 'demonym' : 'country',
      refersTo: entry.country,
      start,
      end: start + written.length,
      sentence: sentence.index,
    });
  }
  return mentions;
}

/**
 * Demonyms ("Russian forces", "Ukrainian officials") as mentions of their country: the lexicon's
 * actor for that country when there is a lexicon (none when it has no such actor), else the
 * country's name in `refersTo`. They are never names of their own.
 */
export function findDemonyms(sentence: AnalysedSentence, matcher: ActorMatcher, useLexicon: boolean): ActorMention[] {
  if (!useLexicon) return findCountries(sentence);
  const mentions: ActorMention[] = [];
  for (const m of sentence.text.matchAll(PATTERN)) {
    const written = m[0];
    const countries = DEMONYMS[written] ?? [];
    const start = sentence.start + m.index;
    const base = { text: written, start, end: start + written.length, sentence: sentence.index };
    if (useLexicon) {
      const actor = countries.map((c) => matcher.actorOf.get(c.toLowerCase())).find(Boolean);
      mentions.push({ ...base, actor: actor?.id ?? null, kind: actor ? 'scenario' : 'demonym' });
    } else {
      mentions.push({ ...base, actor: null, kind: 'demonym', refersTo: countries[0] ?? written });
    }
  }
  return mentions;
}

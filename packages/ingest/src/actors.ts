import type { AnalysedSentence } from './nlp';
import type { ActorMention, ScenarioLexicon } from './types';

/** A compiled matcher for a lexicon's actor names and aliases. */
export interface ActorMatcher {
  pattern: RegExp | undefined;
  /** Lower-cased name -> actor id and the name as the lexicon writes it. */
  actorOf: Map<string, { id: string; spelling: string }>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles the lexicon's names and aliases into one regular expression (longest names first). */
export function compileActorMatcher(lexicon: ScenarioLexicon | undefined): ActorMatcher {
  const actorOf = new Map<string, { id: string; spelling: string }>();
  for (const actor of lexicon?.actors ?? []) {
    for (const name of [actor.name, ...actor.aliases]) {
      const spelling = name.trim();
      if (spelling && !actorOf.has(spelling.toLowerCase()))
        actorOf.set(spelling.toLowerCase(), { id: actor.id, spelling });
    }
  }
  if (actorOf.size === 0) return { pattern: undefined, actorOf };
  const names = [...actorOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(${names.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), actorOf };
}

const PERSON_TITLES =
  /\b(President|Minister|Secretary|Chancellor|spokesperson|spokesman|spokeswoman|adviser|advisor|envoy|Mr|Mrs|Ms|Dr|Prime|Senator|General|leader|chair|correspondent|analyst|mouthpiece|Pope|King|Vice)\.?,?\s*$/i;
const ORG_WORDS =
  /\b(Institute|Council|House|Union|Court|Commission|Center|Centre|Ministry|Department|Administration|Agency|Party|Parliament|Bank|Fund|Organi[sz]ation|Office|Committee|News|Forces|Army|Navy|Kremlin|Congress|Senate|Times|Post|Journal|Group|Alliance|University|Foundation)\b/;
const TITLE_WORDS =
  /^(President|Vice|Prime|Minister|Foreign|Defense|Defence|Secretary|Chancellor|General|Senator|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Kremlin|Spokesperson|Spokesman|Former|Then|Chief|Ukrainian|Russian|American|US|U\.S\.)$/;
const PLACE_BEFORE = /(?:\b(?:in|from|at|near|across|into|toward|towards|outside|inside)|(?<!according )\bto)\s+$/i;
const NOT_NAMES =
  /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An|I|He|She|It|We|They|This|That|These|Those|But|And|Yet|However|Meanwhile|Still|Even|Since|While|As|In|On|At|For|Following|According|Despite|Both|Other|Others|Mr|Mrs|Ms|Mr\.|Secretary|Vice|President|Minister|Casualty|Social|Oval|Strategic|I’m|I'm|I’ve|I'll|I’ll)$/;

/**
 * Names the lexicon writes with capitals must keep them ("US" is not "us"), except that the
 * first letter may change case at the start of a sentence ("the Kremlin" / "The Kremlin").
 */
function sameSpelling(written: string, spelling: string): boolean {
  if (spelling === spelling.toLowerCase()) return true;
  return written.slice(1) === spelling.slice(1);
}

/** Classifies a proper-noun run as a person, organisation or plain name from its words and what precedes it. */
function classifyName(name: string, before: string): ActorMention['kind'] {
  if (ORG_WORDS.test(name) || /^[A-Z]{2,6}$/.test(name)) return 'organisation';
  if (PLACE_BEFORE.test(before)) return 'place';
  if (PERSON_TITLES.test(before)) return 'person';
  const words = name.split(/\s+/);
  if (words.length >= 2 && words.length <= 4 && words.every((w) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(w))) return 'person';
  return 'name';
}

/** Finds the lexicon's actor names and aliases in a sentence, mapped to actor ids. */
export function findLexiconMentions(sentence: AnalysedSentence, matcher: ActorMatcher): ActorMention[] {
  const mentions: ActorMention[] = [];
  if (matcher.pattern) {
    for (const m of sentence.text.matchAll(matcher.pattern)) {
      const written = m[0];
      const entry = matcher.actorOf.get(written.toLowerCase());
      if (!entry || !sameSpelling(written, entry.spelling)) continue;
      mentions.push({
        text: written,
        actor: entry.id,
        kind: 'scenario',
        start: sentence.start + m.index,
        end: sentence.start + m.index + written.length,
        sentence: sentence.index,
      });
    }
  }
  return mentions;
}

/** Finds names as runs of proper nouns (wink's part-of-speech tags), classed as person, organisation or name. */
export function findNames(sentence: AnalysedSentence): ActorMention[] {
  const mentions: ActorMention[] = [];
  const tokens = sentence.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.pos !== 'PROPN') continue;
    let j = i;
    while (
      j + 1 < tokens.length &&
      tokens[j + 1]?.pos === 'PROPN' &&
      (tokens[j + 1]?.start ?? 0) - (tokens[j]?.end ?? 0) <= 1
    )
      j++;
    const first = tokens[i]!;
    const last = tokens[j]!;
    i = j;
    let start = first.start;
    const end = last.end;
    let name = sentence.text.slice(start - sentence.start, end - sentence.start);
    // Leading months, sentence words and titles ("President", "Foreign Minister") are not part of the name.
    for (;;) {
      const lead = name.split(/\s+/, 1)[0] ?? '';
      const rest = name.slice(lead.length).trimStart();
      if (!rest || !(NOT_NAMES.test(lead) || TITLE_WORDS.test(lead))) break;
      start = end - rest.length;
      name = rest;
    }
    if (name.length < 2 || NOT_NAMES.test(name) || !/^\p{Lu}/u.test(name)) continue;
    const before = sentence.text.slice(Math.max(0, start - sentence.start - 40), start - sentence.start);
    const previous = mentions[mentions.length - 1];
    // "in Jeddah, Saudi Arabia,": a name between a place's comma and another comma is a place too.
    const afterPlace =
      previous?.kind === 'place' &&
      /^,\s*$/.test(sentence.text.slice(previous.end - sentence.start, start - sentence.start)) &&
      /^[,.;]?$/.test(
        sentence.text
          .slice(end - sentence.start)
          .trimStart()
          .charAt(0),
      );
    mentions.push({
      text: name,
      actor: null,
      kind: afterPlace ? 'place' : classifyName(name, before),
      start,
      end,
      sentence: sentence.index,
    });
  }
  return mentions;
}

/** Lexicon mentions plus the NLP names the lexicon did not cover, in text order. */
export function mergeMentions(lexicon: ActorMention[], names: ActorMention[]): ActorMention[] {
  const extra = names.filter((n) => !lexicon.some((m) => n.start < m.end && n.end > m.start));
  return [...lexicon, ...extra].sort((a, b) => a.start - b.start);
}

import type { ActorMatcher } from './actors';
import type { AnalysedSentence } from './nlp';
import { firstStartingAt, overlapsSorted } from './sorted-spans';
import type { ActorMention, ExtractedQuote } from './types';

const SPEECH_VERBS =
  'said|says|stated|states|declared|declares|told|tells|wrote|writes|remarked|warned|warns|added|adds|noted|notes|insisted|argued|claimed|responded|replied|argue|argues|say|claim|claims|warn|note|informed|emphasi[sz]ed|asserted|explained|announced|posted|tweeted|stressed|reminded|vowed|saying|stating|claiming|remarking|adding|noting|declaring|writing|warning|insisting|arguing|posting|telling|describing|calling';
// The verb before a quote, at most a short clause away ("said the talks would be held … and that his country").
const VERB_AT_END = new RegExp(`\\b(${SPEECH_VERBS})\\b([^“”"]{0,45}|[^“”"]{0,100}\\bthat\\b[^“”"]{0,60})$`, 'i');
const NAME_RUN = `[\\p{Lu}][\\p{L}’'.-]*(?:\\s+(?:(?:von|van|de|der|da|al|bin|el|la|le)\\s+)*[\\p{Lu}][\\p{L}’'.-]*){0,3}`;
// ", spokesman Dmitry Peskov told", ", he said", ", said Amina Idris".
const AFTER_QUOTE = new RegExp(
  `^[,.!?]?\\s*(?:(?:(?:the|a|an|[\\p{Ll}-]+)\\s+){0,3}?(he|she|they|${NAME_RUN})\\s+(?:${SPEECH_VERBS})\\b|(?:${SPEECH_VERBS})\\s+(${NAME_RUN}))`,
  'u',
);
// ", the Italian prime minister, Giorgia Meloni, told reporters".
const AFTER_QUOTE_APPOSITION = new RegExp(
  `^[,.!?]?\\s*(?:the|a|an|[\\p{Lu}][\\p{L}’'-]*['’]s)\\s+[^,“”"\\n]{2,60}?,\\s+(${NAME_RUN}),?\\s+(?:${SPEECH_VERBS})\\b`,
  'u',
);
const ACCORDING_TO =
  /\b[Aa]ccording to (?:the )?([\p{Lu}][\p{L}’'.-]*(?:\s+(?:of\s+the\s+|for\s+the\s+|of\s+)?[\p{Lu}][\p{L}’'.-]*){0,5})/u;
const PRONOUN = /^(he|she|they)$/i;
// ", said US Secretary of the Treasury Scott Bessent." / ", UAE Foreign Minister Sheikh Abdullah bin Zayed Al Nahyan said":
// a longer phrase around the verb, read for the person it names.
const AFTER_QUOTE_PHRASE = new RegExp(
  `^[,.!?]?\\s*(?:(?:${SPEECH_VERBS})\\s+([^“”"\\n.,;]{2,90})|([^“”"\\n.,;]{2,90}?)\\s+(?:${SPEECH_VERBS})\\b)`,
  'u',
);
// "the president wrote", "the prime minister added": a role standing for a person named earlier.
const ROLE =
  /^(?:the\s+)?(?:[\p{Lu}][\p{L}.]*\s+)?(president|prime minister|minister|foreign minister|secretary|spokes(?:man|woman|person)|chancellor|leader|envoy|ambassador|king|emir|chief)$/iu;
// "the source said", "a senior official told": someone the text leaves unnamed.
const UNNAMED = /^(?:the|a|an|one)\s+(?:[\p{L}-]+\s+){0,3}?(source|sources|official|officials|diplomat|insider)$/iu;
// A curly quote's words stop at the next opening mark too: a line of unclosed “ is then scanned once.
const QUOTE_SPANS = /“([^“”\n]{2,}?)”|"([^"\n]{2,}?)"/g;

// A paragraph that opens a quote and leaves it open: the quote goes on in the next paragraph.
const OPEN_PARAGRAPH = /^[“"]([^“”"\n]{2,})$/gm;
// 'Single quotes' (British style) after a colon, a dash or the start of a line, outside double quotes.
// Its words stop at the next opening ‘ too, so a line of unclosed ‘ after colons is not rescanned from each one.
const SINGLE_QUOTE = /(?<=^|[:—–]\s?|\s[:—–]\s)[‘']([^‘’'\n]*?(?:\w[’']\w[^‘’'\n]*?)*)[’'](?=[\s,.;:!?)—–]|$)/gmu;

interface QuoteSpan {
  /** Offsets of the quote marks (or of the open paragraph), and of the words inside. */
  start: number;
  end: number;
  inner: string;
  innerStart: number;
}

/** Every quoted passage: double quotes, paragraphs left open, and single quotes after a colon. */
function quoteSpans(text: string): QuoteSpan[] {
  // Each list comes out sorted and without overlaps, so the overlap checks are binary searches.
  const double: QuoteSpan[] = [];
  for (const m of text.matchAll(QUOTE_SPANS))
    double.push({ start: m.index, end: m.index + m[0].length, inner: m[1] ?? m[2] ?? '', innerStart: m.index + 1 });
  const open: QuoteSpan[] = [];
  for (const m of text.matchAll(OPEN_PARAGRAPH)) {
    const inner = m[1] ?? '';
    if (overlapsSorted(double, m.index, m.index + m[0].length)) continue;
    open.push({ start: m.index, end: m.index + m[0].length, inner, innerStart: m.index + 1 });
  }
  const single: QuoteSpan[] = [];
  for (const m of text.matchAll(SINGLE_QUOTE)) {
    if (overlapsSorted(double, m.index, m.index + 1) || overlapsSorted(open, m.index, m.index + 1)) continue;
    const inner = m[1] ?? '';
    if (inner.split(/\s+/, 3).length < 3) continue;
    single.push({ start: m.index, end: m.index + m[0].length, inner, innerStart: m.index + 1 });
  }
  return [...double, ...open, ...single].sort((a, b) => a.start - b.start);
}

/** The text without trailing spaces and commas (a loop: `/[\s,]+$/` rescans every inner run of spaces). */
function trimTrailing(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s,]/.test(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

/** The spans of the document's quoted passages, quote marks included. */
export function quotedSpans(text: string): { start: number; end: number }[] {
  return quoteSpans(text).map((q) => ({ start: q.start, end: q.end }));
}

/** A name a quote can be attributed to: an NLP name or a lexicon mention. */
export interface SpeakerCandidate {
  text: string;
  start: number;
  end: number;
  actor: string | null;
  person: boolean;
}

/** Everything the quote finder needs to know about the document. */
export interface QuoteContext {
  text: string;
  sentences: AnalysedSentence[];
  /** NLP names and lexicon mentions, in document order. */
  candidates: SpeakerCandidate[];
  matcher: ActorMatcher;
  /** Person speakers of the quotes found so far, filled in as the quotes are read. */
  spoken?: { speaker: string; end: number }[];
}

/** Builds speaker candidates from mentions: persons, and single names that are the surname of a person named elsewhere. */
export function speakerCandidates(names: ActorMention[], lexicon: ActorMention[]): SpeakerCandidate[] {
  const surnames = new Set<string>();
  for (const n of names) if (n.kind === 'person') surnames.add(n.text.split(/\s+/).pop() ?? n.text);
  const out: SpeakerCandidate[] = [];
  for (const n of names) {
    if (n.kind === 'place') continue;
    const known = lexicon.find((m) => m.start < n.end && m.end > n.start);
    out.push({
      text: n.text,
      start: n.start,
      end: n.end,
      actor: known?.actor ?? null,
      person: n.kind === 'person' || surnames.has(n.text),
    });
  }
  const places = names.filter((n) => n.kind === 'place');
  for (const m of lexicon) {
    // A place ("in Istanbul") is never a speaker, even when the lexicon maps it to an actor.
    if (places.some((p) => p.start < m.end && p.end > m.start)) continue;
    const covered = out.some((c) => c.start <= m.start && c.end >= m.end);
    if (!covered) out.push({ text: m.text, start: m.start, end: m.end, actor: m.actor, person: surnames.has(m.text) });
  }
  return out.sort((a, b) => a.start - b.start);
}

// Titles and roles before a name ("President", "NATO Secretary General", "Kremlin spokesman").
const SPEAKER_TITLE =
  /^(?:the|of|President|Vice|Prime|Minister|Foreign|Defen[cs]e|Secretary|State|Treasury|Interior|Sheikh|Emir|Director|Senior|Adviser|Advisor|General|Chancellor|Senator|Kremlin|spokes(?:man|woman|person)|Spokes(?:man|woman|person)|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Chief|Former|Special|Envoy|Ambassador|Governor|[A-Z]{2,6}|U\.S\.|U\.N\.)$/;

/** "President Volodymyr Zelenskiy" -> "Volodymyr Zelenskiy"; "United Arab Emirates'" -> "United Arab Emirates". */
function cleanSpeaker(name: string): string {
  const words = name.replace(/['’]s?$/, '').split(/\s+/);
  while (words.length > 1 && SPEAKER_TITLE.test(words[0] ?? '')) words.shift();
  return words.join(' ');
}

/** A surname alone ("Peskov") becomes the full name the article gave the person ("Dmitry Peskov"). */
function fullName(name: string, ctx: QuoteContext): string {
  if (/\s/.test(name)) return name;
  return fullNames(ctx).get(name) ?? name;
}

const fullNameCache = new WeakMap<SpeakerCandidate[], Map<string, string>>();

/** The first full name (two words or more) of a person for each surname, built once per document. */
function fullNames(ctx: QuoteContext): Map<string, string> {
  let names = fullNameCache.get(ctx.candidates);
  if (!names) {
    names = new Map();
    for (const c of ctx.candidates) {
      const space = c.text.lastIndexOf(' ');
      const surname = c.text.slice(space + 1);
      if (c.person && space >= 0 && !names.has(surname)) names.set(surname, c.text);
    }
    fullNameCache.set(ctx.candidates, names);
  }
  return names;
}

/** The first person candidate lying inside [start, end) (candidates are sorted by start). */
function personWithin(ctx: QuoteContext, start: number, end: number): SpeakerCandidate | undefined {
  for (let i = firstStartingAt(ctx.candidates, start); i < ctx.candidates.length; i++) {
    const c = ctx.candidates[i] as SpeakerCandidate;
    if (c.start >= end) return undefined;
    if (c.end <= end && c.person) return c;
  }
  return undefined;
}

/** A quote that opens a paragraph after "X put it differently:" is X's. */
function introducedBy(quoteStart: number, ctx: QuoteContext): string | null {
  const before = ctx.text.slice(Math.max(0, quoteStart - 300), quoteStart);
  if (!/:\s*$/.test(before)) return null;
  const colonAt = quoteStart - (before.length - before.trimEnd().length) - 1;
  const sentence = sentenceAt(colonAt - 1, ctx.sentences);
  if (!sentence) return null;
  return personWithin(ctx, sentence.start, sentence.end)?.text ?? null;
}

function actorFor(name: string, ctx: QuoteContext): string | null {
  const direct = ctx.matcher.actorOf.get(name.toLowerCase());
  if (direct) return direct.id;
  // "Dmitry Peskov" -> the alias "Peskov"; "Russian President Vladimir Putin" -> "Putin".
  const words = name.split(/\s+/);
  for (let i = words.length - 1; i >= 0; i--) {
    const hit = ctx.matcher.actorOf.get((words[i] ?? '').toLowerCase());
    if (hit && words[i] === hit.spelling) return hit.id;
  }
  return null;
}

/** The speaker of the last quote attributed to a person shortly before (for "he said"). */
function lastSpeaker(before: number, ctx: QuoteContext): string | undefined {
  const last = ctx.spoken?.at(-1);
  return last && before - last.end < 600 ? last.speaker : undefined;
}

/** The nearest earlier person the text gives a role ("US President Trump" for "the US President"). */
function personWithRole(role: string, before: number, ctx: QuoteContext): string | undefined {
  const wanted = new RegExp(`\\b${role.replace(/\s+/g, '\\s+')}\\b[^.\\n]{0,40}$`, 'i');
  for (let i = firstStartingAt(ctx.candidates, before) - 1; i >= 0; i--) {
    const c = ctx.candidates[i] as SpeakerCandidate;
    if (!c.person) continue;
    if (wanted.test(ctx.text.slice(Math.max(0, c.start - 60), c.start + 1)) || wanted.test(c.text)) return c.text;
  }
  return undefined;
}

/** Resolves "he"/"she" to the subject (first person-like name) of the nearest earlier sentence that has one. */
function resolvePronoun(before: number, ctx: QuoteContext): SpeakerCandidate | undefined {
  // Sentences are in order and do not overlap, so those ending by `before` are a prefix of the list.
  let count = firstStartingAt(ctx.sentences, before);
  while (count > 0 && (ctx.sentences[count - 1] as AnalysedSentence).end > before) count--;
  for (let i = count - 1; i >= Math.max(0, count - 3); i--) {
    const s = ctx.sentences[i] as AnalysedSentence;
    const subject = personWithin(ctx, s.start, s.end);
    if (subject) return subject;
  }
  return undefined;
}

function sentenceAt(offset: number, sentences: AnalysedSentence[]): AnalysedSentence | undefined {
  // The last sentence starting at or before the offset: it holds the offset, or is the nearest before it.
  return sentences[firstStartingAt(sentences, offset + 1) - 1];
}

// The text before a quote that the speech-verb patterns read: the verb sits at most a clause before it.
const PREFIX_WINDOW = 400;
const accordingCache = new WeakMap<AnalysedSentence, string | null>();

/** The source an "according to" in the sentence names, computed once per sentence. */
function accordingTo(sentence: AnalysedSentence): string | null {
  let found = accordingCache.get(sentence);
  if (found === undefined) {
    found = ACCORDING_TO.exec(sentence.text)?.[1] ?? null;
    accordingCache.set(sentence, found);
  }
  return found;
}

/** Picks the speaker of a quote from the verb before it, the verb after it, or "according to". */
function attribute(quoteStart: number, quoteEnd: number, ctx: QuoteContext): string | null {
  const sentence = sentenceAt(quoteStart, ctx.sentences);
  const lineStart = ctx.text.lastIndexOf('\n', quoteStart) + 1;
  const sStart = sentence ? sentence.start : lineStart;
  const after = ctx.text.slice(quoteEnd, Math.min(ctx.text.length, quoteEnd + 80)).split('\n', 1)[0] ?? '';
  const phrase = AFTER_QUOTE_PHRASE.exec(after);
  if (phrase) {
    const words = (phrase[1] ?? phrase[2] ?? '').trim();
    const at = quoteEnd + after.indexOf(words);
    // A person the text names in the attribution wins over the title or organisation before it.
    const person = personWithin(ctx, at, at + words.length);
    if (person?.text.includes(' ')) return person.text;
    if (PRONOUN.test(words)) return lastSpeaker(quoteStart, ctx) ?? resolvePronoun(quoteStart, ctx)?.text ?? null;
    const role = ROLE.exec(words);
    if (role) return personWithRole(role[1] ?? '', quoteStart, ctx) ?? null;
    if (UNNAMED.test(words)) return 'unnamed source';
  }
  const afterMatch = AFTER_QUOTE.exec(after) ?? AFTER_QUOTE_APPOSITION.exec(after);
  if (afterMatch) {
    const name = afterMatch[1] ?? afterMatch[2] ?? '';
    if (PRONOUN.test(name)) return lastSpeaker(quoteStart, ctx) ?? resolvePronoun(quoteStart, ctx)?.text ?? null;
    return name;
  }
  const pStart = Math.max(sStart, quoteStart - PREFIX_WINDOW);
  const prefix = ctx.text.slice(pStart, quoteStart);
  const verb = VERB_AT_END.exec(prefix);
  if (verb) {
    // "X, a former adviser, stated": skip a descriptive aside between the speaker and the verb.
    const aside = /,\s+(?:a|an|the|former|then|who|whose|which|one)\b[^,]*,\s*(?:\w+ly\s+)?$/i.exec(
      prefix.slice(0, verb.index),
    );
    const verbAt = pStart + (aside ? aside.index : verb.index);
    const inSentence: SpeakerCandidate[] = [];
    for (let i = firstStartingAt(ctx.candidates, sStart); i < ctx.candidates.length; i++) {
      const c = ctx.candidates[i] as SpeakerCandidate;
      if (c.start >= verbAt) break;
      if (c.end <= verbAt) inSentence.push(c);
    }
    const participle = /ing$/i.test(verb[1] ?? '');
    const pronoun = /\b(he|she|they)\b/i.exec(prefix.slice(0, verb.index));
    const pronounAt = pronoun ? pStart + pronoun.index : Number.POSITIVE_INFINITY;
    // With a participle ("…, claiming"), the speaker is the clause's subject: the first actor-like name.
    const subject = inSentence.find((c) => c.actor !== null || c.person) ?? inSentence[0];
    const chosen = participle ? subject : inSentence[inSentence.length - 1];
    if (chosen && !(participle && pronounAt < chosen.start)) return chosen.text;
    if (pronoun) return resolvePronoun(sStart, ctx)?.text ?? null;
  }
  return sentence ? accordingTo(sentence) : (ACCORDING_TO.exec(prefix)?.[1] ?? null);
}

/**
 * Finds direct quotes (curly or straight double quotes) and their speakers. Short quoted phrases
 * with no speaker are scare quotes, not quotes, and are left out.
 */
export function findQuotes(ctx: QuoteContext): ExtractedQuote[] {
  const quotes: ExtractedQuote[] = [];
  let previous: { speaker: string | null; end: number } | undefined;
  for (const q of quoteSpans(ctx.text)) {
    const inner = q.inner;
    const trimmed = trimTrailing(inner).replace(/^\s+/, '');
    const start = q.innerStart + (inner.length - inner.trimStart().length);
    const end = start + trimmed.length;
    let found = attribute(q.start, q.end, ctx);
    const gap = previous && q.start - previous.end < 120 ? ctx.text.slice(previous.end, q.start) : undefined;
    if (!found && previous?.speaker && gap !== undefined) {
      // A quote that follows the speaker's last one with nothing but "he said" between goes on with it.
      const same = previous.speaker;
      let othersBetween = false;
      for (let i = firstStartingAt(ctx.candidates, previous.end); i < ctx.candidates.length; i++) {
        const c = ctx.candidates[i] as SpeakerCandidate;
        if (c.start >= q.start) break;
        if (c.end <= q.start && c.person && !same.endsWith(c.text) && !c.text.endsWith(same)) othersBetween = true;
      }
      if (!othersBetween && !/\n\s*\n[^“"]/.test(gap)) found = previous.speaker;
    }
    if (!found) found = introducedBy(q.start, ctx);
    const speaker = found ? cleanSpeaker(found) : null;
    const speakerName = speaker ? fullName(speaker, ctx) : null;
    if (speakerName?.includes(' ') && speaker !== 'unnamed source') {
      ctx.spoken = [...(ctx.spoken ?? []), { speaker: speakerName, end: q.end }];
    }
    previous = { speaker, end: q.end };
    const words = trimmed.split(/\s+/).filter(Boolean).length;
    if (!speaker && words < 4) continue;
    const sentence = sentenceAt(start, ctx.sentences);
    quotes.push({
      speaker,
      speakerName,
      speakerActor: speaker ? actorFor(speaker, ctx) : null,
      text: trimmed,
      start,
      end,
      sentence: sentence?.index ?? 0,
    });
  }
  return quotes;
}

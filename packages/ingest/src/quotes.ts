import type { ActorMatcher } from './actors';
import type { AnalysedSentence } from './nlp';
import { firstStartingAt, overlapsSorted } from './sorted-spans';
import type { ActorMention, ExtractedQuote } from './types';

const SPEECH_VERBS =
  'demanded|said|says|stated|states|declared|declares|told|tells|wrote|writes|remarked|warned|warns|added|adds|noted|notes|insisted|argued|claimed|responded|replied|argue|argues|say|claim|claims|warn|note|informed|emphasi[sz]ed|asserted|explained|announced|posted|tweeted|stressed|reminded|vowed|saying|stating|claiming|remarking|adding|noting|declaring|writing|warning|insisting|arguing|posting|telling|describing|described|calling';
// The verb before a quote, at most a short clause away ("said the talks would be held … and that his country").
const VERB_AT_END = new RegExp(`\\b(${SPEECH_VERBS})\\b([^“”"]{0,45}|[^“”"]{0,100}\\bthat\\b[^“”"]{0,60})$`, 'i');

/** The last speech verb before a quote ("…, announcing the deal, added, “…" is "added", not "announcing"). */
function lastVerbAtEnd(prefix: string): { index: number; verb: string } | undefined {
  let found: { index: number; verb: string } | undefined;
  let from = 0;
  for (;;) {
    const m = VERB_AT_END.exec(prefix.slice(from));
    if (!m) return found;
    found = { index: from + m.index, verb: m[1] ?? '' };
    from = found.index + found.verb.length;
  }
}
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
  `^[,.!?]?\\s*(?:(?:${SPEECH_VERBS})\\s+([^“”"\\n.,;]{2,110})|([^“”"\\n.,;]{2,110}?)\\s+(?:${SPEECH_VERBS})\\b)`,
  'u',
);
// "the president wrote", "the prime minister added": a role standing for a person named earlier.
const ROLE =
  /^(?:the\s+)?(?:[\p{Lu}][\p{L}.]*\s+)?(president|prime minister|minister|foreign minister|secretary|spokes(?:man|woman|person)|chancellor|leader|envoy|ambassador|king|emir|chief)$/iu;
// "the statement said", "the readout added": the words of the body that issued it.
const DOCUMENT =
  /^(?:the|its|their|a|an)\s+(?:[\p{L}-]+\s+){0,2}?(?:statement|readout|communiqu[eé]|release|declaration|message|post)$/iu;
const ISSUER_NAME = `((?:the\\s+)?[\\p{Lu}][\\p{L}’'.-]*(?:\\s+(?:of\\s+)?[\\p{Lu}][\\p{L}’'.-]*){0,4})`;
// "a readout of the call issued by the Kremlin", "Oman announced in a statement", "In a statement …, Oman announced".
const ISSUERS = [
  new RegExp(`\\b(?:readout|statement|communiqu[eé]|declaration)\\b[^.\\n“”"]{0,50}?\\bby\\s+${ISSUER_NAME}`, 'gu'),
  new RegExp(`${ISSUER_NAME}\\s+(?:also\\s+)?(?:said|announced|stated|declared)\\s+in\\s+(?:a|its)\\s+statement`, 'gu'),
  new RegExp(
    `\\b[Ii]n\\s+(?:a|its|their)\\s+statement\\b[^,\\n“”"]{0,50},\\s+${ISSUER_NAME}\\s+(?:said|announced|stated|declared)`,
    'gu',
  ),
];

/** The body that issued the statement a quote is taken from: the last one the 800 characters before it name. */
function issuer(quoteStart: number, ctx: QuoteContext): string | undefined {
  const before = ctx.text.slice(Math.max(0, quoteStart - 800), quoteStart);
  let best: { at: number; name: string } | undefined;
  for (const pattern of ISSUERS)
    for (const m of before.matchAll(pattern)) if (!best || m.index > best.at) best = { at: m.index, name: m[1] ?? '' };
  return best?.name.replace(/^the\s+/i, '');
}

// "the source said", "a senior official told": someone the text leaves unnamed.
const UNNAMED = /^(?:the|a|an|one)\s+(?:[\p{L}-]+\s+){0,3}?(source|sources|official|officials|diplomat|insider)$/iu;
// A curly quote's words stop at the next opening mark too: a line of unclosed “ is then scanned once.
// Mixed marks ("…” or “…") and guillemets («…») occur in real copy too.
const QUOTE_SPANS = /“([^“”\n]{2,}?)”|"([^"\n]{2,}?)"|"([^“”"\n]{2,}?)”|“([^“”"\n]{2,}?)"|«([^«»\n]{2,}?)»/g;

// A paragraph that opens a quote and leaves it open: the quote goes on in the next paragraph.
const OPEN_PARAGRAPH = /^[“"]([^“”"\n]{2,})$/gm;
// "…, added, “Instructions have been given …" to the end of the paragraph: a quote opened after a speech verb and
// never closed. The last mark of a line is found first; the verb is then read only in the few characters before it.
const LAST_MARK_OF_LINE = /[“"]([^“”"\n]{2,})$/gm;
const VERB_BEFORE_MARK = new RegExp(`\\b(?:${SPEECH_VERBS})[,:]\\s*$`, 'i');
// 'Single quotes' (British style) after a colon, a dash or the start of a line, outside double quotes.
// Its words stop at the next opening ‘ too, so a line of unclosed ‘ after colons is not rescanned from each one.
const SINGLE_QUOTE = /(?<=^|[:—–]\s?|\s[:—–]\s)[‘']([^‘’'\n]*?(?:\w[’']\w[^‘’'\n]*?)*)[’'](?=[\s,.;:!?)—–]|$)/gmu;

interface QuoteSpan {
  /** Offsets of the quote marks (or of the open paragraph), and of the words inside. */
  start: number;
  end: number;
  inner: string;
  innerStart: number;
  /** Opened after a speech verb and never closed: its end is a guess (the end of the paragraph). */
  unclosed?: boolean;
}

/** Every quoted passage: double quotes, paragraphs left open, and single quotes after a colon. */
function quoteSpans(text: string): QuoteSpan[] {
  // Each list comes out sorted and without overlaps, so the overlap checks are binary searches.
  const double: QuoteSpan[] = [];
  for (const m of text.matchAll(QUOTE_SPANS))
    double.push({
      start: m.index,
      end: m.index + m[0].length,
      inner: m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '',
      innerStart: m.index + 1,
    });
  const open: QuoteSpan[] = [];
  for (const m of text.matchAll(OPEN_PARAGRAPH)) {
    const inner = m[1] ?? '';
    if (overlapsSorted(double, m.index, m.index + m[0].length)) continue;
    open.push({ start: m.index, end: m.index + m[0].length, inner, innerStart: m.index + 1 });
  }
  for (const m of text.matchAll(LAST_MARK_OF_LINE)) {
    const mark = m.index;
    if (overlapsSorted(double, mark, mark + 1) || !VERB_BEFORE_MARK.test(text.slice(Math.max(0, mark - 16), mark)))
      continue;
    const inner = m[1] ?? '';
    open.push({ start: mark, end: mark + m[0].length, inner, innerStart: mark + 1, unclosed: true });
  }
  open.sort((a, b) => a.start - b.start);
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

/**
 * The spans of the document's quoted passages, quote marks included. A quote never closed is left out: where
 * it ends is a guess, so the sentences after its opening still date events of their own.
 */
export function quotedSpans(text: string): { start: number; end: number }[] {
  return quoteSpans(text)
    .filter((q) => !q.unclosed)
    .map((q) => ({ start: q.start, end: q.end }));
}

/** A name a quote can be attributed to: an NLP name or a lexicon mention. */
export interface SpeakerCandidate {
  text: string;
  start: number;
  end: number;
  actor: string | null;
  person: boolean;
  /** A country or capital ("Washington announced"): it can be quoted, but is never a "he". */
  country?: boolean;
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
  /** The quote read just before (its speaker may be null). */
  previous?: { speaker: string | null; end: number };
}

// A name followed by a speech verb ("in Istanbul, Vladimir Medinsky, says"): a speaker, whatever its comma made it.
const SPEAKS_NEXT = new RegExp(`^,?\\s+(?:also\\s+|has\\s+|had\\s+)?(?:${SPEECH_VERBS})\\b`, 'i');

// "I spoke to Oleksandr Kharchenko": the one spoken to is a person, not a place reached "to".
const SPOKEN_TO = /\b(?:spoke|spoken|speaking|talked|talking|interviewed)\s+(?:to\s+|with\s+)?\[?$/i;

/**
 * Builds speaker candidates from mentions: persons, and single names that are the surname of a person named
 * elsewhere. With the text, a "place" of two words or more that speaks is a person.
 */
export function speakerCandidates(names: ActorMention[], lexicon: ActorMention[], text?: string): SpeakerCandidate[] {
  const speaking = (n: ActorMention) =>
    text !== undefined &&
    /\s/.test(n.text) &&
    (SPEAKS_NEXT.test(text.slice(n.end, n.end + 30)) || SPOKEN_TO.test(text.slice(Math.max(0, n.start - 30), n.start)));
  names = names.map((n) => (n.kind === 'place' && speaking(n) ? { ...n, kind: 'person' } : n));
  const surnames = new Set<string>();
  // "Anwar" after "Prime Minister Anwar Ibrahim": any word of a person's full name stands for the person.
  for (const n of names) if (n.kind === 'person') for (const w of n.text.split(/\s+/)) surnames.add(w);
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
      ...(n.kind === 'country' ? { country: true } : {}),
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
  // "DRC government", "Azerbaijan's Foreign Ministry": an organisation's name keeps its qualifiers.
  if (ORG_NAME.test(name)) return name;
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
    // A given name ("Anwar") stands for the full name too, unless it is some person's surname.
    const given = new Map<string, string>();
    for (const c of ctx.candidates) {
      const words = c.text.split(/\s+/);
      if (!c.person || words.length < 2) continue;
      for (const w of words.slice(0, -1)) if (/^\p{Lu}/u.test(w) && !given.has(w)) given.set(w, c.text);
    }
    for (const [w, full] of given) if (!names.has(w)) names.set(w, full);
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

const NAME_PARTICLE = /^(?:bin|bint|ibn|al|Al|el|El|von|van|de|der|da|di|du|la|le)$/;
const NAME_WORD = /^[\p{Lu}][\p{L}’'.-]*$/u;

/**
 * "Jassim Al" found inside "Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani": the whole name, its
 * capitalised words and particles (bin, al, von…) read both ways, titles left out.
 */
function widenName(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 80), start).split(/(\s+)/);
  let from = start;
  for (let i = before.length - 1; i >= 0; i--) {
    const w = before[i] ?? '';
    if (w === '') continue;
    if (/^\s+$/.test(w)) {
      if (/\n/.test(w)) break;
      from -= w.length;
      continue;
    }
    if (!(NAME_PARTICLE.test(w) || NAME_WORD.test(w)) || SPEAKER_TITLE.test(w) || /['’]s$/.test(w)) break;
    from -= w.length;
  }
  const after =
    /^(?:-[\p{Lu}][\p{L}’'-]*)?(?:\s+(?:(?:bin|bint|ibn|al|Al|von|van|de|der|da)\s+)*[\p{Lu}][\p{L}’'-]*)*/u.exec(
      text.slice(end, end + 80),
    );
  const to = end + (after?.[0].length ?? 0);
  const name = text
    .slice(from, to)
    .trim()
    .replace(/^(?:(?:bin|bint|ibn|al|el|von|van|de|der|da)\s+)+/i, '');
  // Longer only by whole words or a hyphenated tail ("Al" -> "Al-Thani").
  return name.length > end - start ? name : text.slice(start, end);
}

// An organisation as a clause's subject: "The DRC government", "Azerbaijan's Foreign Ministry", "the Kremlin".
const ORG_HEAD =
  "(?:[Tt]he\\s+)?(?:[\\p{Lu}][\\p{L}’'.-]*\\s+){0,3}(?:[Ff]oreign\\s+)?(?:[Gg]overnment|[Mm]inistry|Kremlin|[Oo]ffice|[Aa]rmy|[Mm]ilitary|[Cc]ouncil|[Cc]ommittee|[Cc]ommission|[Pp]residency|[Dd]elegation|[Dd]epartment|[Ss]ecretariat|[Cc]abinet)";
const ORG_BEFORE_VERB = new RegExp(`(?:^|[,;:]\\s+|\\n)(${ORG_HEAD})\\s+(?:also\\s+|further\\s+|then\\s+)?$`, 'u');
const ORG_AT_START = new RegExp(`^(?:[Ii]n\\s+(?:a|its|their)\\s+statement,\\s+)?(${ORG_HEAD})\\b`, 'u');
// "The Kremlin leader's aide said", "the Foreign Secretary added", "The Ukrainian leader has vowed": a role
// standing for a person named before.
const ROLE_BEFORE_VERB =
  /(?:^|[,;:.]\s+|\n)[Tt]he\s+(?:[\p{L}’'-]+\s+){0,3}?(aide|adviser|advisor|spokes(?:man|woman|person)|president|prime minister|minister|secretary|chancellor|envoy|ambassador|negotiator|chief|leader)(?:\s+(?:also|has|had|have))*\s*$/iu;

const ORG_NAME = new RegExp(`^${ORG_HEAD}$`, 'u');

/** The organisation a sentence opens with, when it is the subject ("The DRC government welcomed …"). */
function organisationSubject(sentence: string): string | undefined {
  return ORG_AT_START.exec(sentence)?.[1]?.replace(/^the\s+/i, '');
}

const SPEECH_IN_SENTENCE = new RegExp(`\\b(?:${SPEECH_VERBS})\\b`, 'i');

/**
 * A quote that opens a paragraph after "X put it differently:" is X's; one that opens a paragraph with no
 * attribution of its own goes on from the sentence before, when that sentence reports X speaking.
 */
function introducedBy(quoteStart: number, ctx: QuoteContext): string | null {
  const before = ctx.text.slice(Math.max(0, quoteStart - 300), quoteStart);
  const trailing = before.slice(before.trimEnd().length);
  if (trailing.includes('\n') && !before.trimEnd().endsWith(':')) {
    const previous = sentenceAt(quoteStart - 1 - (before.length - before.trimEnd().length), ctx.sentences);
    const reports = SPEECH_IN_SENTENCE.test(previous?.text ?? '') || /\b[Aa]ccording to\b/.test(previous?.text ?? '');
    if (!previous || !reports || /[“”"]/.test(previous.text)) return null;
    return (
      organisationSubject(previous.text) ??
      accordingTo(previous) ??
      speakerWithin(ctx, previous.start, previous.end)?.text ??
      personWithin(ctx, previous.start, previous.end)?.text ??
      null
    );
  }
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

/**
 * "he said": the person the sentences just before name as their subject when named after the last quote
 * ("I spoke to X … “…,” she said"), else the last quote's speaker, else that subject whatever it is.
 */
function pronounSpeaker(quoteStart: number, ctx: QuoteContext): string | null {
  const subject = resolvePronoun(quoteStart, ctx);
  const lastEnd = ctx.spoken?.at(-1)?.end ?? -1;
  if (subject?.person && subject.start > lastEnd) return subject.text;
  return lastSpeaker(quoteStart, ctx) ?? subject?.text ?? null;
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
    if (wanted.test(ctx.text.slice(Math.max(0, c.start - 60), c.start + 1)) || wanted.test(c.text))
      return widenName(ctx.text, c.start, c.end);
  }
  return undefined;
}

/** Resolves "he"/"she" to the subject (first person-like name) of the nearest earlier sentence that has one. */
function resolvePronoun(before: number, ctx: QuoteContext, named = false): SpeakerCandidate | undefined {
  // Sentences are in order and do not overlap, so those ending by `before` are a prefix of the list.
  let count = firstStartingAt(ctx.sentences, before);
  while (count > 0 && (ctx.sentences[count - 1] as AnalysedSentence).end > before) count--;
  for (let i = count - 1; i >= Math.max(0, count - 3); i--) {
    const s = ctx.sentences[i] as AnalysedSentence;
    // A name after a title ("Foreign Minister Ararat Mirzoyan") is a person; a bare capitalised phrase may be a place.
    const subject =
      speakerWithin(ctx, s.start, s.end) ??
      titledPersonWithin(ctx, s.start, s.end) ??
      personWithin(ctx, s.start, s.end);
    if (subject && (!named || subject.person)) return subject;
  }
  return undefined;
}

const SPEAKS_AFTER = new RegExp(
  `^\\s+(?:also\\s+|further\\s+|then\\s+)?(?:${SPEECH_VERBS}|made\\s+(?:this|the|a|these)\\s+(?:statement|remarks?|comments?))\\b`,
  'i',
);

/** The first name in [start, end) directly followed by a speech verb ("Petro wrote", "Yuri Ushakov made this statement"). */
function speakerWithin(ctx: QuoteContext, start: number, end: number): SpeakerCandidate | undefined {
  for (let i = firstStartingAt(ctx.candidates, start); i < ctx.candidates.length; i++) {
    const c = ctx.candidates[i] as SpeakerCandidate;
    if (c.start >= end) return undefined;
    if (c.end <= end && !c.country && SPEAKS_AFTER.test(ctx.text.slice(c.end, c.end + 40))) return c;
  }
  return undefined;
}

const TITLE_BEFORE =
  /\b(?:President|Minister|Secretary|Chancellor|Premier|Ambassador|Envoy|Spokes(?:man|woman|person)|Chief|Governor|Senator|General|CEO|Sheikh|Leader|Adviser|Advisor|Aide)\s+$/;

/** The first person in [start, end) whose name follows a title. */
function titledPersonWithin(ctx: QuoteContext, start: number, end: number): SpeakerCandidate | undefined {
  for (let i = firstStartingAt(ctx.candidates, start); i < ctx.candidates.length; i++) {
    const c = ctx.candidates[i] as SpeakerCandidate;
    if (c.start >= end) return undefined;
    if (c.end <= end && c.person && TITLE_BEFORE.test(ctx.text.slice(Math.max(0, c.start - 30), c.start))) return c;
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
  const rest = ctx.text.slice(quoteEnd, Math.min(ctx.text.length, quoteEnd + 120)).split('\n', 1)[0] ?? '';
  // `"…". Yvan Gil said`: a full stop after the closing mark ends the sentence; what follows is not its attribution.
  const after = /^\.\s+\p{Lu}/u.test(rest) ? '' : rest;
  const phrase = AFTER_QUOTE_PHRASE.exec(after);
  if (phrase) {
    const words = (phrase[1] ?? phrase[2] ?? '').trim();
    const at = quoteEnd + after.indexOf(words);
    // A person the text names in the attribution wins over the title or organisation before it.
    const person = personWithin(ctx, at, at + words.length);
    const wide = person ? widenName(ctx.text, person.start, person.end) : undefined;
    if (wide?.includes(' ')) return wide;
    if (PRONOUN.test(words)) return pronounSpeaker(quoteStart, ctx);
    // "it said" after an organisation's quote: the same organisation.
    if (/^it$/i.test(words) && ctx.previous?.speaker) return ctx.previous.speaker;
    if (DOCUMENT.test(words)) return issuer(quoteStart, ctx) ?? ctx.previous?.speaker ?? null;
    const role = ROLE.exec(words);
    if (role) return personWithRole(role[1] ?? '', quoteStart, ctx) ?? resolvePronoun(quoteStart, ctx)?.text ?? null;
    if (UNNAMED.test(words)) return 'unnamed source';
  }
  const afterMatch = AFTER_QUOTE.exec(after) ?? AFTER_QUOTE_APPOSITION.exec(after);
  if (afterMatch) {
    const name = afterMatch[1] ?? afterMatch[2] ?? '';
    if (PRONOUN.test(name)) return pronounSpeaker(quoteStart, ctx);
    return name;
  }
  const pStart = Math.max(sStart, quoteStart - PREFIX_WINDOW);
  const prefix = ctx.text.slice(pStart, quoteStart);
  const verb = lastVerbAtEnd(prefix);
  if (verb) {
    // "X, a former adviser, stated", "X, in a press conference, added": skip an aside between the speaker and the verb.
    const aside =
      /,\s+(?:a|an|the|former|then|who|whose|which|one|in|at|during|speaking)\b[^,]*,\s*(?:\w+ly\s+)?$/i.exec(
        prefix.slice(0, verb.index),
      );
    const verbAt = pStart + (aside ? aside.index : verb.index);
    const subjectText = ctx.text.slice(sStart, verbAt);
    const org = ORG_BEFORE_VERB.exec(subjectText)?.[1];
    if (org) return org.replace(/^the\s+/i, '');
    const role = ROLE_BEFORE_VERB.exec(subjectText);
    if (role) {
      // The person the role names is introduced before the role's own words ("The aide …, Yuri Ushakov").
      const roleAt = sStart + role.index;
      const named = personWithRole(role[1] ?? '', roleAt, ctx) ?? resolvePronoun(sStart, ctx, true)?.text;
      if (named) return named;
    }
    const inSentence: SpeakerCandidate[] = [];
    for (let i = firstStartingAt(ctx.candidates, sStart); i < ctx.candidates.length; i++) {
      const c = ctx.candidates[i] as SpeakerCandidate;
      if (c.start >= verbAt) break;
      if (c.end <= verbAt) inSentence.push(c);
    }
    const participle = /ing$/i.test(verb.verb);
    const pronoun = /\b(he|she|they)\b/i.exec(prefix.slice(0, verb.index));
    const pronounAt = pronoun ? pStart + pronoun.index : Number.POSITIVE_INFINITY;
    // With a participle ("…, claiming"), the speaker is the clause's subject: the first actor-like name.
    const orgSubject = participle && sentence ? organisationSubject(sentence.text) : undefined;
    if (orgSubject) return orgSubject;
    const subject = inSentence.find((c) => c.actor !== null || c.person) ?? inSentence[0];
    const chosen = participle ? subject : inSentence[inSentence.length - 1];
    if (chosen && !(participle && pronounAt < chosen.start)) return chosen.text;
    if (pronoun) return resolvePronoun(sStart, ctx)?.text ?? null;
  }
  const according = sentence ? accordingTo(sentence) : (ACCORDING_TO.exec(prefix)?.[1] ?? null);
  if (according || !sentence) return according;
  // A short phrase this far from the verb is a label ("based on the “all for all” formula"), not the subject's words.
  const words = ctx.text.slice(quoteStart, quoteEnd).split(/\s+/).length;
  return words >= 4 ? subjectSpeaking(sentence, quoteStart, ctx) : null;
}

// "The Kremlin also demanded …", "Rubio has said …": the sentence opens with its subject and a speech verb.
const SUBJECT_VERB = new RegExp(`^\\s+(?:also\\s+|has\\s+|had\\s+|have\\s+)*(?:${SPEECH_VERBS})\\b`, 'i');

/**
 * The speaker of a sentence whose subject speaks first and quotes later, beyond the verb window
 * ("The Kremlin also demanded a halt to all aid as a “key condition …”").
 */
function subjectSpeaking(sentence: AnalysedSentence, quoteStart: number, ctx: QuoteContext): string | null {
  const org = ORG_AT_START.exec(sentence.text);
  if (org?.[1] && SUBJECT_VERB.test(sentence.text.slice(org[0].length))) return org[1].replace(/^the\s+/i, '');
  const first = ctx.candidates[firstStartingAt(ctx.candidates, sentence.start)];
  if (!first || first.end > quoteStart || first.country) return null;
  // The name must be the sentence's opening words (titles allowed), so the speaker is its subject.
  const lead = ctx.text.slice(sentence.start, first.start);
  if (lead.split(/\s+/).some((w) => w !== '' && !SPEAKER_TITLE.test(w))) return null;
  return SUBJECT_VERB.test(ctx.text.slice(first.end, quoteStart)) ? first.text : null;
}

const FUNCTION_WORDS = new Set(
  'a an the of and or on in at to for with between by from into over under about against among upon'.split(' '),
);

/** A name in quotation marks ("On the Establishment of Peace and Interstate Relations"): every content word capitalised. */
function isTitle(words: string): boolean {
  const content = words.split(/[\s,]+/).filter((w) => w !== '' && !FUNCTION_WORDS.has(w.toLowerCase()));
  return content.length > 0 && content.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

/**
 * A quote of four words or more in a sentence that attributes nothing ("33 hostages will be released, “including
 * civilian women …”") goes on from the person quoted just before, when no other person is named in between.
 */
function goesOnFrom(q: QuoteSpan, ctx: QuoteContext): string | null {
  const last = ctx.spoken?.at(-1);
  if (!last || q.start - last.end > 400 || q.inner.trim().split(/\s+/).length < 4) return null;
  const sentence = sentenceAt(q.start, ctx.sentences);
  if (!sentence || sentence.start < last.end) return null;
  const own = ctx.text.slice(sentence.start, q.start) + ctx.text.slice(q.end, sentence.end);
  if (SPEECH_IN_SENTENCE.test(own) || /\baccording to\b/i.test(own)) return null;
  // Names in the last quote's own attribution ("…,” Prime Minister Sheikh X said.") are that speaker's.
  const from = sentenceAt(last.end - 1, ctx.sentences)?.end ?? last.end;
  for (let i = firstStartingAt(ctx.candidates, from); i < ctx.candidates.length; i++) {
    const c = ctx.candidates[i] as SpeakerCandidate;
    if (c.start >= q.start) break;
    if (c.person && !last.speaker.includes(c.text)) return null;
  }
  return last.speaker;
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
    if (!found) found = goesOnFrom(q, ctx);
    const speaker = found ? cleanSpeaker(found) : null;
    const speakerName = speaker ? fullName(speaker, ctx) : null;
    if (speakerName?.includes(' ') && speaker !== 'unnamed source') {
      ctx.spoken = [...(ctx.spoken ?? []), { speaker: speakerName, end: q.end }];
    }
    previous = { speaker, end: q.end };
    ctx.previous = previous;
    const words = trimmed.split(/\s+/).filter(Boolean).length;
    if (!speaker && (words < 4 || isTitle(trimmed))) continue;
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

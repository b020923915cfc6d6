import type { ActorMatcher } from './actors';
import type { AnalysedSentence } from './nlp';
import type { ActorMention, ExtractedQuote } from './types';

const SPEECH_VERBS =
  'said|says|stated|states|declared|declares|told|tells|wrote|writes|remarked|warned|warns|added|adds|noted|notes|insisted|argued|claimed|responded|replied|argue|argues|say|claim|claims|warn|note|informed|emphasi[sz]ed|asserted|explained|announced|posted|tweeted|stressed|reminded|vowed|saying|stating|claiming|remarking|adding|noting|declaring|writing|warning|insisting|arguing|posting|telling|describing|calling';
const VERB_AT_END = new RegExp(`\\b(${SPEECH_VERBS})\\b([^“”"]{0,45})$`, 'i');
const AFTER_QUOTE = new RegExp(
  `^[,.!?]?\\s*(?:(he|she|they|[\\p{Lu}][\\p{L}’'.-]*(?:\\s+[\\p{Lu}][\\p{L}’'.-]*){0,3})\\s+(?:${SPEECH_VERBS})\\b|(?:${SPEECH_VERBS})\\s+([\\p{Lu}][\\p{L}’'.-]*(?:\\s+[\\p{Lu}][\\p{L}’'.-]*){0,3}))`,
  'u',
);
const ACCORDING_TO =
  /\b[Aa]ccording to (?:the )?([\p{Lu}][\p{L}’'.-]*(?:\s+(?:of\s+the\s+|for\s+the\s+|of\s+)?[\p{Lu}][\p{L}’'.-]*){0,5})/u;
const PRONOUN = /^(he|she|they)$/i;
const QUOTE_SPANS = /“([^”\n]{2,}?)”|"([^"\n]{2,}?)"/g;

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

/** Resolves "he"/"she" to the subject (first person-like name) of the nearest earlier sentence that has one. */
function resolvePronoun(before: number, ctx: QuoteContext): SpeakerCandidate | undefined {
  const earlier = ctx.sentences.filter((s) => s.end <= before);
  for (let i = earlier.length - 1; i >= Math.max(0, earlier.length - 3); i--) {
    const s = earlier[i]!;
    const subject = ctx.candidates.find((c) => c.start >= s.start && c.end <= s.end && c.person);
    if (subject) return subject;
  }
  return undefined;
}

function sentenceAt(offset: number, sentences: AnalysedSentence[]): AnalysedSentence | undefined {
  return sentences.find((s) => offset >= s.start && offset < s.end) ?? sentences.findLast((s) => s.start <= offset);
}

/** Picks the speaker of a quote from the verb before it, the verb after it, or "according to". */
function attribute(quoteStart: number, quoteEnd: number, ctx: QuoteContext): string | null {
  const sentence = sentenceAt(quoteStart, ctx.sentences);
  const lineStart = ctx.text.lastIndexOf('\n', quoteStart) + 1;
  const sStart = sentence ? sentence.start : lineStart;
  const after = ctx.text.slice(quoteEnd, Math.min(ctx.text.length, quoteEnd + 80)).split('\n', 1)[0] ?? '';
  const afterMatch = AFTER_QUOTE.exec(after);
  if (afterMatch) {
    const name = afterMatch[1] ?? afterMatch[2] ?? '';
    if (PRONOUN.test(name)) return resolvePronoun(quoteStart, ctx)?.text ?? null;
    return name;
  }
  const prefix = ctx.text.slice(sStart, quoteStart);
  const verb = VERB_AT_END.exec(prefix);
  if (verb) {
    // "X, a former adviser, stated": skip a descriptive aside between the speaker and the verb.
    const aside = /,\s+(?:a|an|the|former|then|who|whose|which|one)\b[^,]*,\s*(?:\w+ly\s+)?$/i.exec(
      prefix.slice(0, verb.index),
    );
    const verbAt = sStart + (aside ? aside.index : verb.index);
    const inSentence = ctx.candidates.filter((c) => c.start >= sStart && c.end <= verbAt);
    const participle = /ing$/i.test(verb[1] ?? '');
    const pronoun = /\b(he|she|they)\b/i.exec(prefix.slice(0, verb.index));
    const pronounAt = pronoun ? sStart + pronoun.index : Number.POSITIVE_INFINITY;
    // With a participle ("…, claiming"), the speaker is the clause's subject: the first actor-like name.
    const subject = inSentence.find((c) => c.actor !== null || c.person) ?? inSentence[0];
    const chosen = participle ? subject : inSentence[inSentence.length - 1];
    if (chosen && !(participle && pronounAt < chosen.start)) return chosen.text;
    if (pronoun) return resolvePronoun(sStart, ctx)?.text ?? null;
  }
  const sentenceText = sentence ? sentence.text : prefix;
  const according = ACCORDING_TO.exec(sentenceText);
  if (according?.[1]) return according[1];
  return null;
}

/**
 * Finds direct quotes (curly or straight double quotes) and their speakers. Short quoted phrases
 * with no speaker are scare quotes, not quotes, and are left out.
 */
export function findQuotes(ctx: QuoteContext): ExtractedQuote[] {
  const quotes: ExtractedQuote[] = [];
  for (const m of ctx.text.matchAll(QUOTE_SPANS)) {
    const inner = m[1] ?? m[2] ?? '';
    const innerStart = m.index + 1;
    const trimmed = inner.replace(/[\s,]+$/, '').replace(/^\s+/, '');
    const start = innerStart + (inner.length - inner.trimStart().length);
    const end = start + trimmed.length;
    const speaker = attribute(m.index, m.index + m[0].length, ctx);
    const words = trimmed.split(/\s+/).filter(Boolean).length;
    if (!speaker && words < 4) continue;
    const sentence = sentenceAt(start, ctx.sentences);
    quotes.push({
      speaker,
      speakerActor: speaker ? actorFor(speaker, ctx) : null,
      text: trimmed,
      start,
      end,
      sentence: sentence?.index ?? 0,
    });
  }
  return quotes;
}

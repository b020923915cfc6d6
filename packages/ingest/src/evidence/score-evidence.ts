import type { Extraction } from '../types';
import { codePointToUtf16, type EvidenceCase, type ExpectedEvent, type ExpectedQuote } from './evidence-case';

/** True positives, false positives and false negatives of one kind of item. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

/** The scored kinds (FORMAT.md section 4), each a precision/recall pair. */
export const EVIDENCE_KINDS = ['published', 'events', 'eventDates', 'quotes', 'quoteSpeakers', 'figures'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One case's (or the set's) tallies plus the diagnostics over paired events. */
export interface EvidenceScore {
  tallies: Record<EvidenceKind, Tally>;
  /** Over paired events: dates right when truncated to the expected precision, status class, type. */
  diagnostics: { pairedEvents: number; lenientDates: number; status: number; type: number };
}

/** What the pipeline gave for one case: its publication date and its extraction. */
export interface EvidencePrediction {
  published: string | null;
  extraction: Extraction;
}

const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

/** An empty score, to add case scores into. */
export function emptyScore(): EvidenceScore {
  const tallies = Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, emptyTally()])) as Record<EvidenceKind, Tally>;
  return { tallies, diagnostics: { pairedEvents: 0, lenientDates: 0, status: 0, type: 0 } };
}

/** Adds one score into another (micro-averaging). */
export function addScore(into: EvidenceScore, score: EvidenceScore): void {
  for (const k of EVIDENCE_KINDS) {
    into.tallies[k].tp += score.tallies[k].tp;
    into.tallies[k].fp += score.tallies[k].fp;
    into.tallies[k].fn += score.tallies[k].fn;
  }
  for (const k of ['pairedEvents', 'lenientDates', 'status', 'type'] as const)
    into.diagnostics[k] += score.diagnostics[k];
}

/** Precision and recall of a tally (1 when there is nothing to find or nothing found). */
export function precisionRecall(t: Tally): { precision: number; recall: number } {
  return {
    precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
    recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
  };
}

/**
 * Maximum bipartite matching (Kuhn's augmenting paths): `allowed(i, j)` says whether prediction i
 * may pair with expected item j. Returns, for each expected item, the prediction paired with it or -1.
 */
function maxMatching(predictions: number, expected: number, allowed: (i: number, j: number) => boolean): number[] {
  const owner = new Array<number>(expected).fill(-1);
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < expected; j++) {
      if (seen[j] || !allowed(i, j)) continue;
      seen[j] = true;
      if (owner[j] === -1 || tryAssign(owner[j] as number, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < predictions; i++) tryAssign(i, new Array<boolean>(expected).fill(false));
  return owner;
}

const overlaps = (a: number, b: number, c: number, d: number) => a < d && c < b;

/** The status classes of FORMAT.md: occurred, not yet, not so. */
function statusClass(status: string): string {
  if (status === 'reported' || status === 'ongoing') return 'occurred';
  if (status === 'negated' || status === 'denied') return 'not_so';
  return 'not_yet';
}

// The pipeline's event types mapped onto the annotation vocabulary (several of theirs are one of ours).
const TYPE_MAP: Record<string, string[]> = {
  meeting: ['meeting', 'visit'],
  call: ['call'],
  summit: ['summit'],
  talks: ['talks', 'meeting'],
  proposal: ['proposal', 'publication', 'exchange_of_documents'],
  ceasefire: ['ceasefire', 'suspension'],
  attack: ['military_action'],
  prisoner_exchange: ['exchange'],
  sanction: ['other'],
  aid_decision: ['other'],
  statement: ['statement', 'press_conference', 'rejection'],
  agreement: ['agreement', 'signing'],
  other: ['other', 'deadline', 'secession', 'referendum', 'vote', 'return_to_work'],
};

/** Whether a predicted date (at its precision) is the expected one, or, leniently, its truncation. */
function dateRight(
  predicted: { date: string; precision: string; until?: string; week?: string },
  e: ExpectedEvent,
  lenient: boolean,
): boolean {
  // A week ("last week") is right as its ISO week; its month is the lenient reading.
  if (predicted.week !== undefined && e.date_precision === 'week') return predicted.week === e.date;
  // A span of days is right only as that span: both its first and its last day.
  if (predicted.until !== undefined)
    return e.date_precision === 'range'
      ? predicted.date === e.date && predicted.until === e.date_end
      : lenient && predicted.date === e.date;
  if (e.date_alternatives?.includes(predicted.date)) return true;
  if (e.date === null) return false;
  if (e.date_precision === 'range') return !lenient ? false : predicted.date === e.date;
  if (predicted.precision === e.date_precision && predicted.date === e.date) return true;
  if (!lenient) return false;
  const n = Math.min(predicted.date.length, e.date.length);
  return predicted.date.length >= e.date.length && predicted.date.slice(0, n) === e.date.slice(0, n);
}

function scoreEvents(c: EvidenceCase, x: Extraction, at: (o: number) => number, score: EvidenceScore): void {
  const expected = c.expected.events;
  const events = x.events;
  // A prediction pairs with an expected event when its date expression overlaps the expected date
  // expression or trigger; without a date span, its sentence must contain the expected date expression.
  const allowed = (i: number, j: number): boolean => {
    const p = events[i];
    const e = expected[j];
    if (!p || !e) return false;
    const ps = p.dateStart ?? p.triggerStart ?? p.start;
    const pe = p.dateEnd ?? p.triggerEnd ?? p.end;
    const spans: [number, number][] = [];
    if (e.date_expr_start != null && e.date_expr_end != null) spans.push([e.date_expr_start, e.date_expr_end]);
    if (e.trigger_start != null && e.trigger_end != null) spans.push([e.trigger_start, e.trigger_end]);
    return spans.some(([s, t]) => overlaps(ps, pe, at(s), at(t)));
  };
  const owner = maxMatching(events.length, expected.length, allowed);
  const pairedPrediction = new Set(owner.filter((i) => i >= 0));
  const t = score.tallies;
  expected.forEach((e, j) => {
    const i = owner[j] ?? -1;
    const p = i >= 0 ? events[i] : undefined;
    const dated = e.date !== null || (e.date_alternatives?.some((d) => d !== null) ?? false);
    if (e.optional) return;
    if (p) {
      t.events.tp++;
      const d = score.diagnostics;
      d.pairedEvents++;
      if (dateRight(p, e, true)) d.lenientDates++;
      if (statusClass(p.status) === statusClass(e.status)) d.status++;
      if ((TYPE_MAP[p.type] ?? [p.type]).includes(e.type)) d.type++;
      if (dateRight(p, e, false)) t.eventDates.tp++;
      else {
        t.eventDates.fp++;
        if (dated) t.eventDates.fn++;
      }
    } else {
      t.events.fn++;
      if (dated) t.eventDates.fn++;
    }
  });
  events.forEach((_, i) => {
    if (pairedPrediction.has(i)) return;
    t.events.fp++;
    t.eventDates.fp++;
  });
}

/** NFKC, lower case, straight quotes, punctuation removed, whitespace collapsed; as tokens. */
function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Whether at least 80% of the expected tokens appear in the prediction in order. */
function quoteTextMatches(expected: string, predicted: string): boolean {
  const want = tokens(expected);
  const have = tokens(predicted);
  let k = 0;
  let found = 0;
  for (const w of want) {
    const at = have.indexOf(w, k);
    if (at >= 0) {
      found++;
      k = at + 1;
    }
  }
  return want.length > 0 && found / want.length >= 0.8;
}

const HONORIFICS = new Set(['sheikh', 'general', 'president', 'mr', 'mrs', 'ms', 'dr', 'minister', 'prime']);
const GENERIC = new Set([
  'the',
  'of',
  'and',
  'for',
  'ministry',
  'foreign',
  'government',
  'office',
  'state',
  'department',
  'spokesperson',
  'unnamed',
  'source',
]);

/** Whether the predicted speaker is the expected one (surname, surface form, or a distinctive word). */
function speakerMatches(q: ExpectedQuote, predicted: string[], surfaces: string[]): boolean {
  const have = predicted.flatMap(tokens);
  if (have.length === 0) return false;
  const joined = predicted.map((p) => tokens(p).join(' '));
  if (surfaces.some((s) => joined.includes(tokens(s).join(' ')))) return true;
  const name = tokens(q.speaker.replace(/\(.*\)/, '')).filter((w) => !HONORIFICS.has(w));
  if (q.speaker_kind === 'person') {
    const surname = name[name.length - 1];
    return surname !== undefined && have.includes(surname);
  }
  if (q.speaker_kind === 'unnamed_source')
    return have.some((w) => ['source', 'sources', 'official', 'officials'].includes(w));
  // "Kremlin", "Oman": any distinctive word; a name of generic words only ("Foreign Ministry") needs them all.
  const distinctive = name.filter((w) => !GENERIC.has(w));
  if (distinctive.length === 0) return name.every((w) => have.includes(w));
  return distinctive.some((w) => have.includes(w));
}

function scoreQuotes(c: EvidenceCase, x: Extraction, at: (o: number) => number, score: EvidenceScore): void {
  const expected = c.expected.quotes;
  const actors = c.expected.actors ?? [];
  const textOk = (i: number, j: number): boolean => {
    const p = x.quotes[i];
    const e = expected[j];
    if (!p || !e) return false;
    const s = at(e.start);
    const t = at(e.end);
    const shared = Math.min(p.end, t) - Math.max(p.start, s);
    return shared * 2 >= t - s || quoteTextMatches(e.quote, p.text);
  };
  const owner = maxMatching(x.quotes.length, expected.length, textOk);
  const paired = new Set(owner.filter((i) => i >= 0));
  const pairedOptional = new Set(owner.filter((i, j) => i >= 0 && expected[j]?.optional));
  const { quotes, quoteSpeakers } = score.tallies;
  expected.forEach((e, j) => {
    if (e.optional) return;
    const p = x.quotes[owner[j] ?? -1];
    if (!p) {
      quotes.fn++;
      quoteSpeakers.fn++;
      return;
    }
    quotes.tp++;
    const surfaces = actors.find((a) => a.name === e.speaker)?.surface_forms ?? [];
    const said = [p.speaker, p.speakerName].filter((s): s is string => Boolean(s));
    if (speakerMatches(e, said, surfaces)) quoteSpeakers.tp++;
    else {
      quoteSpeakers.fp++;
      quoteSpeakers.fn++;
    }
  });
  x.quotes.forEach((_, i) => {
    if (paired.has(i) || pairedOptional.has(i)) return;
    quotes.fp++;
    quoteSpeakers.fp++;
  });
}

function scoreFigures(c: EvidenceCase, x: Extraction, at: (o: number) => number, score: EvidenceScore): void {
  const expected = c.expected.figures;
  const sameValue = (f: Extraction['figures'][number], j: number): boolean => {
    const e = expected[j];
    if (!e) return false;
    if (e.value === null || e.value === undefined) return f.min === e.min && f.max === e.max && f.min !== undefined;
    return f.value === e.value;
  };
  const onMention = (f: Extraction['figures'][number], j: number): boolean =>
    expected[j]?.mentions.some((m) => overlaps(f.start, f.end, at(m.start), at(m.end))) ?? false;
  const matched = new Set<number>();
  const t = score.tallies.figures;
  for (const f of x.figures) {
    const candidates = expected.map((_, j) => j).filter((j) => sameValue(f, j));
    // Spans choose between facts sharing a value; several mentions of one fact count once.
    const j = candidates.find((k) => onMention(f, k)) ?? candidates.find((k) => !matched.has(k)) ?? candidates[0];
    if (j === undefined) t.fp++;
    else if (!matched.has(j)) {
      matched.add(j);
      if (!expected[j]?.optional) t.tp++;
    }
  }
  expected.forEach((e, j) => {
    if (!e.optional && !matched.has(j)) t.fn++;
  });
}

/** Scores one case's prediction by the matching rules of the evidence FORMAT.md (section 4). */
export function scoreEvidenceCase(c: EvidenceCase, prediction: EvidencePrediction): EvidenceScore {
  const score = emptyScore();
  const at = codePointToUtf16(c.body);
  const want = c.expected.publication_date;
  const accepted = want === null ? [] : [want, ...(c.expected.publication_date_alternatives ?? [])];
  const got = prediction.published;
  const pub = score.tallies.published;
  if (got !== null && accepted.includes(got)) pub.tp++;
  else {
    if (got !== null) pub.fp++;
    if (want !== null) pub.fn++;
  }
  scoreEvents(c, prediction.extraction, at, score);
  scoreQuotes(c, prediction.extraction, at, score);
  scoreFigures(c, prediction.extraction, at, score);
  return score;
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Extraction, extractFromText, prepareDocument } from '../src/index';

/** One article's hand-written expectations (see fixtures/eval/*.expected.json). */
export interface ArticleExpectation {
  article: string;
  published: string;
  place?: string;
  events: { date: string; precision: string; type: string; status: string; actors: string[] }[];
  quotes: { speaker: string | null; text: string }[];
  figures: { kind: string; value?: number; min?: number; max?: number; unit?: string }[];
}

/** True positives, false positives and false negatives of one kind of item. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

/** The item kinds scored, each a separate precision/recall pair. */
export const SCORED_KINDS = [
  'published',
  'eventDates',
  'events',
  'eventActors',
  'quotes',
  'quoteSpeakers',
  'figures',
] as const;
export type ScoredKind = (typeof SCORED_KINDS)[number];
export type Scores = Record<ScoredKind, Tally>;

const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

/** Lower case, straight quotes, no leading/trailing punctuation or space. */
function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[\s"',.;:—–-]+|[\s"',.;:—–-]+$/g, '');
}

/** An actor or speaker matches when equal or when their last words agree ("Peskov" / "Dmitry Peskov"). */
export function sameName(a: string, b: string): boolean {
  const x = normaliseText(a).replace(/^the\s+/, '');
  const y = normaliseText(b).replace(/^the\s+/, '');
  if (x === y) return true;
  const lastX = x.split(' ').pop() ?? x;
  const lastY = y.split(' ').pop() ?? y;
  return lastX.length > 2 && lastX === lastY;
}

function close(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Math.abs(a - b) <= Math.max(0.01, Math.abs(b) * 0.005);
}

/** Pairs expected with found items one to one (greedy, in order), counting the rest as misses and extras. */
function pairUp<E, F>(expected: E[], found: F[], same: (e: E, f: F) => boolean): { pairs: [E, F][]; tally: Tally } {
  const used = new Set<number>();
  const pairs: [E, F][] = [];
  for (const e of expected) {
    const i = found.findIndex((f, j) => !used.has(j) && same(e, f));
    if (i >= 0) {
      used.add(i);
      pairs.push([e, found[i] as F]);
    }
  }
  return { pairs, tally: { tp: pairs.length, fp: found.length - pairs.length, fn: expected.length - pairs.length } };
}

function add(into: Tally, t: Tally): void {
  into.tp += t.tp;
  into.fp += t.fp;
  into.fn += t.fn;
}

/** Scores one article's extraction against its expectations. */
export function scoreArticle(
  expected: ArticleExpectation,
  found: { published: string | undefined; extraction: Extraction },
): Scores {
  const scores = Object.fromEntries(SCORED_KINDS.map((k) => [k, emptyTally()])) as Scores;
  scores.published =
    found.published === expected.published ? { tp: 1, fp: 0, fn: 0 } : { tp: 0, fp: found.published ? 1 : 0, fn: 1 };
  const x = found.extraction;
  const events = x.events.map((e) => ({ ...e, status: (e as { status?: string }).status ?? 'reported' }));
  add(
    scores.eventDates,
    pairUp(expected.events, events, (e, f) => e.date === f.date && e.precision === f.precision).tally,
  );
  const strict = pairUp(
    expected.events,
    events,
    (e, f) => e.date === f.date && e.precision === f.precision && e.type === f.type && e.status === f.status,
  );
  add(scores.events, strict.tally);
  // Actors are scored on events found with the right date, type and status.
  for (const [e, f] of strict.pairs) add(scores.eventActors, pairUp(e.actors, f.actors, sameName).tally);
  const quotes = pairUp(expected.quotes, x.quotes, (e, f) => normaliseText(e.text) === normaliseText(f.text));
  add(scores.quotes, quotes.tally);
  add(
    scores.quoteSpeakers,
    pairUp(
      expected.quotes,
      x.quotes,
      (e, f) =>
        normaliseText(e.text) === normaliseText(f.text) &&
        (e.speaker === null
          ? f.speaker === null
          : (f.speakerName ?? f.speaker) !== null && sameName(e.speaker, f.speakerName ?? f.speaker ?? '')),
    ).tally,
  );
  add(
    scores.figures,
    pairUp(
      expected.figures,
      x.figures,
      (e, f) =>
        e.kind === f.kind &&
        close(e.value, f.value) &&
        close(e.min, f.min) &&
        close(e.max, f.max) &&
        (e.kind !== 'money' || e.unit === f.unit),
    ).tally,
  );
  return scores;
}

/** Precision and recall of a tally (1 when there is nothing to be wrong about). */
export function precisionRecall(t: Tally): { precision: number; recall: number } {
  return {
    precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
    recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
  };
}

/** One article read through the whole pipeline (markup, metadata, extraction) with its expectations. */
export interface EvaluatedArticle {
  expected: ArticleExpectation;
  published: string | undefined;
  place: string | undefined;
  extraction: Extraction;
  scores: Scores;
}

/** Runs every article of the evaluation folder through prepareDocument and extractFromText, without a scenario. */
export function evaluateFolder(folder: string): { articles: EvaluatedArticle[]; totals: Scores } {
  const totals = Object.fromEntries(SCORED_KINDS.map((k) => [k, emptyTally()])) as Scores;
  const articles: EvaluatedArticle[] = [];
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()) {
    const expected = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as ArticleExpectation;
    const doc = prepareDocument(expected.article, readFileSync(path.join(folder, expected.article), 'utf8'));
    const published = doc.meta.published;
    const extraction = extractFromText(doc.text, published ? { published } : {});
    const scores = scoreArticle(expected, { published, extraction });
    for (const k of SCORED_KINDS) add(totals[k], scores[k]);
    const place = (doc.meta as { place?: string }).place;
    articles.push({ expected, published, place, extraction, scores });
  }
  return { articles, totals };
}

/** A printable table of precision and recall per kind. */
export function formatScores(totals: Scores): string {
  const lines = ['kind            precision  recall   tp  fp  fn'];
  for (const k of SCORED_KINDS) {
    const t = totals[k];
    const { precision, recall } = precisionRecall(t);
    lines.push(
      `${k.padEnd(15)} ${(precision * 100).toFixed(1).padStart(8)}% ${(recall * 100).toFixed(1).padStart(6)}% ${String(t.tp).padStart(4)}${String(t.fp).padStart(4)}${String(t.fn).padStart(4)}`,
    );
  }
  return lines.join('\n');
}

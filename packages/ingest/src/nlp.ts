import { createRequire } from 'node:module';
import type winkNLPType from 'wink-nlp';
import type { ItemEntity, ItemSentence } from 'wink-nlp';
import type { Sentence } from './types';

/** A token with its character offsets in the document text and its part of speech. */
export interface Token {
  text: string;
  start: number;
  end: number;
  pos: string;
}

/** An entity span found by wink (DATE, DURATION, CARDINAL, MONEY, PERCENT, ...), in document offsets. */
export interface EntitySpan {
  type: string;
  text: string;
  start: number;
  end: number;
}

/** A sentence with its tokens and wink's entity spans. */
export interface AnalysedSentence extends Sentence {
  tokens: Token[];
  entities: EntitySpan[];
}

// The bundled model ships inside the npm package: nothing is downloaded at run time.
// Only the annotations used here: sentiment and negation cost time and change no token, tag or entity.
const PIPE = ['sbd', 'pos', 'ner'];
let nlpInstance: ReturnType<typeof winkNLPType> | undefined;
// The model loads on first use, so commands that never read text do not pay for it.
const requireLazily = createRequire(import.meta.url);
function nlp() {
  if (!nlpInstance) {
    const winkNLP = requireLazily('wink-nlp') as typeof winkNLPType;
    nlpInstance = winkNLP(requireLazily('wink-eng-lite-web-model'), PIPE);
  }
  return nlpInstance;
}

/**
 * Runs of more non-space characters than this are not read as words: wink's token patterns take time
 * quadratic in a token's length, and no word, name, date or figure is this long.
 */
export const MAX_TOKEN_LENGTH = 100;
// Tried only where a run starts (the lookbehind), not at every character of every word: same matches, linear.
const LONG_RUN = new RegExp(`(?<!\\S)\\S{${MAX_TOKEN_LENGTH + 1},}`, 'g');
// A token is looked for this far past the previous one (wink may alter a token's text).
const TOKEN_WINDOW = 64;
const WHITESPACE = /\s/;

/** The line with every over-long run of non-space characters blanked, keeping its length so offsets hold. */
export function blankLongRuns(line: string): string {
  if (line.length <= MAX_TOKEN_LENGTH) return line;
  return line.replace(LONG_RUN, (run) => ' '.repeat(run.length));
}

/**
 * Splits plain text into sentences (never across a line break) with tokens and entity spans. Runs longer
 * than MAX_TOKEN_LENGTH stay in the sentence text but yield no token.
 */
export function analyseText(text: string): AnalysedSentence[] {
  const engine = nlp();
  const its = engine.its;
  const sentences: AnalysedSentence[] = [];
  const linePattern = /[^\n]+/g;
  for (let line = linePattern.exec(text); line; line = linePattern.exec(text)) {
    const base = line.index;
    const lineText = line[0];
    const read = blankLongRuns(lineText);
    const doc = engine.readDoc(read);
    const values = doc.tokens().out() as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    const starts: number[] = new Array(values.length);
    const ends: number[] = new Array(values.length);
    let cursor = 0;
    for (let i = 0; i < values.length; i++) {
      // No token starts with a space, so skipping spaces (a blanked run) keeps the search window short.
      while (cursor < read.length && WHITESPACE.test(read[cursor] as string)) cursor++;
      const value = values[i] ?? '';
      // Almost every token starts right at the cursor: checked without slicing; else the window is searched
      // (bounded, so a line of tokens wink altered stays linear).
      const within = !value
        ? -1
        : read.startsWith(value, cursor)
          ? 0
          : read.slice(cursor, cursor + TOKEN_WINDOW + value.length).indexOf(value);
      const at = within >= 0 && within < TOKEN_WINDOW ? cursor + within : cursor;
      starts[i] = at;
      ends[i] = within >= 0 && within < TOKEN_WINDOW ? at + value.length : at;
      cursor = ends[i] ?? cursor;
    }
    const entities: { type: string; first: number; last: number }[] = [];
    doc.entities().each((entity: ItemEntity) => {
      const span = entity.out(its.span) as unknown as [number, number];
      entities.push({ type: entity.out(its.type) as string, first: span[0], last: span[1] });
    });
    // Entities come in token order: one pointer walks them across the line's sentences.
    let nextEntity = 0;
    doc.sentences().each((sentence: ItemSentence) => {
      const [first, last] = sentence.out(its.span) as unknown as [number, number];
      const sStart = starts[first] ?? 0;
      const sEnd = ends[last] ?? lineText.length;
      const tokens: Token[] = [];
      for (let i = first; i <= last; i++) {
        tokens.push({
          text: values[i] ?? '',
          start: base + (starts[i] ?? 0),
          end: base + (ends[i] ?? 0),
          pos: pos[i] ?? 'X',
        });
      }
      while (nextEntity < entities.length && (entities[nextEntity]?.first ?? 0) < first) nextEntity++;
      const inSentence: typeof entities = [];
      for (let k = nextEntity; k < entities.length && (entities[k]?.first ?? 0) <= last; k++) {
        const e = entities[k] as (typeof entities)[number];
        if (e.last <= last) inSentence.push(e);
      }
      const own = inSentence.map((e) => ({
        type: e.type,
        start: base + (starts[e.first] ?? 0),
        end: base + (ends[e.last] ?? 0),
        text: lineText.slice(starts[e.first] ?? 0, ends[e.last] ?? 0),
      }));
      sentences.push({
        index: sentences.length,
        start: base + sStart,
        end: base + sEnd,
        text: lineText.slice(sStart, sEnd),
        tokens,
        entities: own,
      });
    });
  }
  return sentences;
}

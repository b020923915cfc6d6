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

/** Splits plain text into sentences (never across a line break) with tokens and entity spans. */
export function analyseText(text: string): AnalysedSentence[] {
  const engine = nlp();
  const its = engine.its;
  const sentences: AnalysedSentence[] = [];
  const linePattern = /[^\n]+/g;
  for (let line = linePattern.exec(text); line; line = linePattern.exec(text)) {
    const base = line.index;
    const lineText = line[0];
    const doc = engine.readDoc(lineText);
    const values = doc.tokens().out() as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    const starts: number[] = new Array(values.length);
    const ends: number[] = new Array(values.length);
    let cursor = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] ?? '';
      const found = value ? lineText.indexOf(value, cursor) : -1;
      const at = found >= 0 && found - cursor < 64 ? found : cursor;
      starts[i] = at;
      ends[i] = found >= 0 && found - cursor < 64 ? at + value.length : at;
      cursor = ends[i] ?? cursor;
    }
    const entities: { type: string; first: number; last: number }[] = [];
    doc.entities().each((entity: ItemEntity) => {
      const span = entity.out(its.span) as unknown as [number, number];
      entities.push({ type: entity.out(its.type) as string, first: span[0], last: span[1] });
    });
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
      const own = entities
        .filter((e) => e.first >= first && e.last <= last)
        .map((e) => ({
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

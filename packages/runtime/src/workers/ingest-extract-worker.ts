import { type Extraction, extractFromText, type ScenarioLexicon } from '@entente/ingest';
import { workerData } from 'piscina';

/** One extraction job sent to a worker; the lexicon arrives once, as the pool's worker data, unless the task brings its own. */
export interface ExtractTask {
  text: string;
  published?: string;
  /** Without a publication date, the period (`YYYY` or `YYYY-MM`) month-days take their year from, as on the main thread. */
  period?: string;
  /** This document's lexicon (the server's scenarios differ per request); else the pool's. */
  lexicon?: ScenarioLexicon;
}

const poolLexicon = (workerData as { lexicon?: ScenarioLexicon } | undefined)?.lexicon;

/** Piscina worker: extracts one document's evidence (the lexicon is compiled once per worker). */
export default function extract(task: ExtractTask): Extraction {
  const lexicon = task.lexicon ?? poolLexicon;
  return extractFromText(task.text, {
    ...(task.published ? { published: task.published } : {}),
    ...(task.period ? { period: task.period } : {}),
    ...(lexicon ? { lexicon } : {}),
  });
}

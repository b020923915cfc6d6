import { type Extraction, extractFromText, type ScenarioLexicon } from '@entente/ingest';
import { workerData } from 'piscina';

/** One extraction job sent to a worker; the lexicon arrives once, as the pool's worker data. */
export interface ExtractTask {
  text: string;
  published?: string;
}

const lexicon = (workerData as { lexicon?: ScenarioLexicon } | undefined)?.lexicon;

/** Piscina worker: extracts one document's evidence (the lexicon is compiled once per worker). */
export default function extract(task: ExtractTask): Extraction {
  return extractFromText(task.text, {
    ...(task.published ? { published: task.published } : {}),
    ...(lexicon ? { lexicon } : {}),
  });
}

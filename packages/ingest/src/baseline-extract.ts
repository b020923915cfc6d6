import * as chrono from 'chrono-node';

/** What the simple baseline finds: sentences and the dates chrono reads in them. */
export interface BaselineExtraction {
  sentences: number;
  dates: { sentence: number; text: string; date: string }[];
}

/**
 * A fixed, deliberately simple extractor for benchmarks: sentences split at end punctuation and every
 * date chrono reads in each, against the publication date. No NLP model, no events, quotes or figures;
 * `npm run bench -- ingest` measures the real pipeline beside it in the same run.
 */
export function baselineExtract(text: string, published: string): BaselineExtraction {
  const instant = new Date(`${published}T12:00:00Z`);
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 0);
  const dates: BaselineExtraction['dates'] = [];
  sentences.forEach((s, i) => {
    for (const r of chrono.parse(s, { instant, timezone: 0 }))
      dates.push({ sentence: i, text: r.text, date: r.start.date().toISOString().slice(0, 10) });
  });
  return { sentences: sentences.length, dates };
}

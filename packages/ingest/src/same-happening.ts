import type { ExtractedEvent } from './types';

// Types that say what happened; a statement or `other` only says that something was said or done.
const VAGUE_TYPES = new Set(['statement', 'other']);

// What may separate two expressions of one date: "Tuesday, December 2", "Wednesday of July 23", "late Monday, November 24".
const APPOSITION = /^[\s,]*(?:of\s+(?:the\s+)?)?$/i;

/**
 * One happening per date in a sentence: date expressions side by side that resolve to the same date
 * ("on Friday, June 27") are one event, typed by the more specific of the two and spanning both.
 * `events` are one sentence's dated events in text order; `text` is the document.
 */
export function mergeAppositeDates(events: ExtractedEvent[], text: string): ExtractedEvent[] {
  const out: ExtractedEvent[] = [];
  for (const e of events) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.dateEnd !== undefined &&
      e.dateStart !== undefined &&
      prev.date === e.date &&
      prev.precision === e.precision &&
      e.dateStart >= prev.dateEnd &&
      APPOSITION.test(text.slice(prev.dateEnd, e.dateStart))
    ) {
      const keep = VAGUE_TYPES.has(prev.type) && !VAGUE_TYPES.has(e.type) ? e : prev;
      out[out.length - 1] = {
        ...keep,
        dateText: text.slice(prev.dateStart ?? e.dateStart, e.dateEnd),
        dateStart: prev.dateStart ?? e.dateStart,
        dateEnd: e.dateEnd ?? prev.dateEnd,
      };
      continue;
    }
    out.push(e);
  }
  return out;
}

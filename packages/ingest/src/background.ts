import { dateRange } from '@entente/core';
import type { ExtractedEvent } from './types';

/** Days before the news an event may lie and still be news rather than the story's background. */
const NEWS_WINDOW_DAYS = 365;

// A past perfect ("had been annexed", "had agreed") tells what came before the story's own time.
const PLUPERFECT =
  /\b(?:had|'d)\s+(?:(?:not|never|already|long|once|previously|first)\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne|un|ung|ade|ought|aught|ept|elt|eft|ost|id|ound|uck|ook|ew)\b/i;
// Context written as such: "a year since …", "back in 2014", "as early as", "first … in".
const CONTEXT_LEAD = /\b(?:back in|as early as|as far back as|ever since|dating (?:back )?to|going back to)\s*$/i;

const DAY = 86_400_000;
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The day the story is told from: the publication date, else the latest day-dated news event of the text. */
function storyDay(events: readonly ExtractedEvent[], published: string | undefined): string | undefined {
  if (published) return published;
  let latest: string | undefined;
  for (const e of events)
    if (e.precision === 'day' && e.status === 'reported' && (latest === undefined || e.date > latest)) latest = e.date;
  return latest;
}

/**
 * Marks the events that are the story's background rather than its news: those that ended more than a year
 * before the story's day, and those told in the past perfect in their own clause before that day
 * ("Crimea, which had been annexed in 2014"). They stay events (annotators count dated background too), flagged,
 * so timelines can show them apart. Without a story day nothing is marked: there is nothing to measure from.
 */
export function markBackground(events: ExtractedEvent[], text: string, published: string | undefined): void {
  const day = storyDay(events, published);
  if (!day) return;
  const now = dayMs(day);
  for (const e of events) {
    if (e.status !== 'reported' || e.dateStart === undefined) continue;
    const end = dayMs(dateRange(e.until ?? e.date).end);
    if (!(end < now)) continue;
    const old = now - end > NEWS_WINDOW_DAYS * DAY;
    // The date's own clause: from the last clause break before it.
    const before = text.slice(Math.max(e.start, e.dateStart - 120), e.dateStart);
    const clauseStart = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('('));
    const clause = before.slice(clauseStart + 1);
    // Only the words leading to the date: in "said on Nov. 23 they had made progress" the past perfect is the content.
    if (old || PLUPERFECT.test(clause) || CONTEXT_LEAD.test(clause)) e.background = true;
  }
}

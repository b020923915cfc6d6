import { type DatePrecision, precisionOf } from '../scenario/partial-date';

const LENGTH = { year: 4, month: 7, day: 10 } as const;

/** What merging needs from a scenario event. */
export interface ScenarioEventLike {
  id: string;
  date: string;
  participants: readonly string[];
}

/** What merging needs from a stored (ingested) event. */
export interface StoredEventLike {
  id: number;
  date: string;
  precision?: DatePrecision;
  actors: readonly string[];
}

/** Scenario events with the stored events that report them, and the stored events that match none. */
export interface MergedTimeline<S, T> {
  scenario: { event: S; reports: T[] }[];
  unmatched: T[];
}

/**
 * Pairs stored events with the scenario events they report: same date at the same precision and at
 * least one participant in common. A stored event goes to the scenario event it shares most
 * participants with (the earlier one on a tie); the others stay apart.
 */
export function mergeTimeline<S extends ScenarioEventLike, T extends StoredEventLike>(
  scenarioEvents: readonly S[],
  stored: readonly T[],
): MergedTimeline<S, T> {
  const merged = scenarioEvents.map((event) => ({ event, reports: [] as T[] }));
  const unmatched: T[] = [];
  for (const e of stored) {
    const precision = e.precision ?? precisionOf(e.date);
    const day = e.date.slice(0, LENGTH[precision]);
    const actors = new Set(e.actors);
    let best: (typeof merged)[number] | null = null;
    let bestOverlap = 0;
    for (const m of merged) {
      if (precisionOf(m.event.date) !== precision || m.event.date.slice(0, LENGTH[precision]) !== day) continue;
      const overlap = m.event.participants.filter((p) => actors.has(p)).length;
      if (overlap > bestOverlap) {
        best = m;
        bestOverlap = overlap;
      }
    }
    if (best) best.reports.push(e);
    else unmatched.push(e);
  }
  return { scenario: merged, unmatched };
}

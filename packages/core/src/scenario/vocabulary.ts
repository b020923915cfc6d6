import type { Scenario } from './schema';

/** The words a report uses for a scenario's negotiation. */
export interface ReportWords {
  /** What a party does without a deal ("fighting on", "walking away"), as in "prefers X to …". */
  noDeal: string;
}

/**
 * The report's words for a scenario: its `vocabulary`, else "fighting on" when it defines a settlement
 * that ends fighting (the flagship), else the neutral "walking away".
 */
export function reportWords(scenario: Pick<Scenario, 'settlement' | 'vocabulary'>): ReportWords {
  return { noDeal: scenario.vocabulary?.noDeal ?? (scenario.settlement ? 'fighting on' : 'walking away') };
}

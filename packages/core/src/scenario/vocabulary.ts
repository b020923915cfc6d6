import type { Scenario } from './schema';

/** The words a report uses for a scenario's negotiation. */
export interface ReportWords {
  /** What a party does without a deal ("fighting on", "walking away"), as in "prefers X to …". */
  noDeal: string;
  /** What a settlement ends ("the fighting", "the strike"), as in "end …" and "while … goes on". */
  conflict: string;
}

/**
 * The report's words for a scenario: its `vocabulary`, else "fighting on" and "the fighting" when it
 * defines a settlement that ends fighting (the flagship), else the neutral "walking away" and "the dispute".
 */
export function reportWords(scenario: Pick<Scenario, 'settlement' | 'vocabulary'>): ReportWords {
  const war = scenario.settlement && !scenario.vocabulary?.noDeal;
  return {
    noDeal: scenario.vocabulary?.noDeal ?? (scenario.settlement ? 'fighting on' : 'walking away'),
    // A scenario that names its own no-deal word is not assumed to be a war.
    conflict: scenario.vocabulary?.conflict ?? (war ? 'the fighting' : 'the dispute'),
  };
}

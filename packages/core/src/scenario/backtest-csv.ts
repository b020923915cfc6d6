import { toCsv } from '../report/csv';
import type { BacktestResult } from './backtest';

/**
 * The backtest's comparisons as one CSV table: each recorded answer beside the predicted one, the
 * margin, the zone flag and the answer model's three probabilities (so calibration can be redone elsewhere).
 */
export function backtestCsv(result: Pick<BacktestResult, 'comparisons'>): string {
  return toCsv([
    [
      'date',
      'proposal',
      'party',
      'observed',
      'predicted',
      'match',
      'direction_match',
      'margin',
      'in_zone',
      'p_accepted',
      'p_accepted_with_conditions',
      'p_rejected',
    ],
    ...result.comparisons.map((c) => [
      c.date,
      c.proposal,
      c.actor,
      c.observed,
      c.predicted,
      c.match,
      c.directionMatch,
      c.margin,
      c.inZone,
      c.probabilities.accepted,
      c.probabilities.accepted_with_conditions,
      c.probabilities.rejected,
    ]),
  ]);
}

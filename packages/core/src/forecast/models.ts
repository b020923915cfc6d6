import { scratch, sortedOrder, weightedMean, weightedMedian, weights } from './baselines';
import { type BdmParameters, runBdm } from './bdm';
import { runKtabModel } from './ktab-model';
import { nashBargaining } from './nash';
import type { Issue1D } from './types';
import { nashVote } from './vote';

export const FORECAST_MODELS = ['weighted_mean', 'weighted_median', 'nash', 'nash_vote', 'bdm', 'ktab'] as const;
export type ForecastModel = (typeof FORECAST_MODELS)[number];

/**
 * The point forecast of a 1-D model on one issue (NaN when nobody carries weight). `binary` is
 * whether the coded issue is yes/no (for `nash_vote` on Monte-Carlo draws; read from `issue` if absent).
 */
export function forecastIssue(
  model: ForecastModel,
  issue: Issue1D,
  bdm: Partial<BdmParameters> = {},
  binary?: boolean,
): number {
  if (issue.x.length === 0) return Number.NaN;
  if (model === 'weighted_mean' || model === 'weighted_median') {
    const buf = scratch(issue.x.length);
    const w = weights(issue.c, issue.s, buf.w);
    const order = sortedOrder(issue.x, w, undefined, buf.order);
    return model === 'weighted_mean' ? weightedMean(issue.x, w, order) : weightedMedian(issue.x, w, order);
  }
  if (model === 'nash') return nashBargaining(issue);
  if (model === 'nash_vote') return nashVote(issue, binary);
  if (model === 'bdm') return runBdm(issue.x, issue.c, issue.s, issue, bdm, false).forecast;
  // The SMP is a vector model, but on one dimension its input is exactly this issue.
  const r = runKtabModel(
    {
      actors: issue.actors.map(String),
      capability: issue.c,
      dimensions: ['d0'],
      positions: [Float64Array.from(issue.x, (v) => ((v - issue.min) / (issue.max - issue.min)) * 100)],
      salience: [issue.s],
    },
    { finalOnly: true },
  );
  return issue.min + (r.final[0]! / 100) * (issue.max - issue.min);
}

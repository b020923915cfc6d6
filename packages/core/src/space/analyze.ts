import { paretoFrontier } from './frontier';
import { type PartialDeal, type PartialDealOptions, type PartialDealSearch, searchPartialDeals } from './partial';
import { prepareSpace } from './prepared';
import { bargainingSolutions } from './solutions';
import type {
  AdditiveSpace,
  BargainingSolutions,
  DisagreementMode,
  ProgressCallback,
  SolutionVariant,
  ZoneMode,
} from './types';
import { summarizeZone, type ZoneSummary } from './zone';

export interface SpaceAnalyzeOptions {
  /** Disagreement point of the bargaining solutions (default: reservations). */
  disagreement?: DisagreementMode;
  /** Textbook (default) or Genius solution definitions. */
  variant?: SolutionVariant;
  /** Weak (u ≥ r, default, as the reference's n_rational) or strict zone. */
  zone?: ZoneMode;
  /** Partial deals: false to skip, or search options (default: subsets up to 2 issues). */
  partialDeals?: boolean | PartialDealOptions;
  onProgress?: ProgressCallback;
  /** Cancels the frontier computation (CANCELLED). */
  signal?: AbortSignal;
}

export interface SpaceAnalysis {
  parties: string[];
  issues: string[];
  /** Number of packages (all option combinations). */
  outcomes: number;
  /** Packages that break no red line. */
  acceptable: number;
  /** Exact Pareto frontier of the acceptable packages (ties kept), outcomes ascending. */
  frontier: { size: number; outcomes: number[]; utilities: number[][] };
  zone: ZoneSummary;
  solutions: BargainingSolutions;
  partialDeals: PartialDeal[];
  /** What the partial-deal search covered (subsets left out, deals cut); null when partial deals were not asked for. */
  partialDealSearch: PartialDealSearch | null;
}

/** One-call analysis: exact frontier, zone (with shortfalls and blocking issues when empty), four solutions, partial deals. */
export function analyzeSpace(space: AdditiveSpace, options: SpaceAnalyzeOptions = {}): SpaceAnalysis {
  const ps = prepareSpace(space);
  const k = ps.parties.length;
  const frontier = paretoFrontier(ps, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const mode = options.zone ?? 'weak';
  const zone = summarizeZone(ps, frontier, mode);
  const solutions = bargainingSolutions(ps, frontier, {
    disagreement: options.disagreement ?? 'reservation',
    variant: options.variant ?? 'textbook',
  });
  const partialOpts = options.partialDeals ?? true;
  const partial =
    partialOpts === false ? null : searchPartialDeals(ps, { zone: mode, ...(partialOpts === true ? {} : partialOpts) });
  return {
    parties: ps.parties.map((p) => p.id),
    issues: space.issues.map((i) => i.id),
    outcomes: ps.total,
    acceptable: ps.allowed.reduce((acc, a) => acc * a.length, 1),
    frontier: {
      size: frontier.outcomes.length,
      outcomes: frontier.outcomes,
      utilities: frontier.outcomes.map((_, t) => Array.from(frontier.utilities.subarray(t * k, (t + 1) * k))),
    },
    zone,
    solutions,
    partialDeals: partial?.deals ?? [],
    partialDealSearch: partial?.search ?? null,
  };
}

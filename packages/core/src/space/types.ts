/**
 * Public types of the agreement-space engine.
 *
 * A space is a set of issues, each with a few options, and parties whose utility for a package
 * (one option per issue) is the sum of per-issue contributions. Outcome indices are mixed radix
 * with the first issue most significant (the Genius reference indexing).
 */

/** Exact shadow of a party's numbers: every value is `numerator / denominator` (all BigInt). */
export interface ExactContributions {
  denominator: bigint;
  /** Per issue, per option: numerator of the contribution. */
  contributions: bigint[][];
  /** Numerator of the reservation value (defaults to the reservation rounded to the grid). */
  reservation?: bigint;
  /** Numerator of the cap (defaults to the cap rounded to the grid). */
  cap?: bigint;
}

/** One party of an additive space. */
export interface SpaceParty {
  id: string;
  /** No-deal (disagreement) utility. */
  reservation: number;
  /** Per issue, per option: this party's weighted utility contribution. */
  contributions: Float64Array[];
  /** Per issue, per option: 1 = red line (a package with this option is unacceptable to the party). */
  forbidden?: Uint8Array[];
  /** Optional utility cap (Genius caps at 1): utility = min(cap, sum). */
  cap?: number;
  /**
   * Optional exact values (importers from decimal files set this). Without it the engine treats each
   * contribution as a multiple of 1e-12 (see README: exactness), so decimal ties are kept.
   */
  exact?: ExactContributions;
}

/** One issue: options in order, and the status-quo option (used by partial agreements). */
export interface SpaceIssue {
  id: string;
  options: string[];
  statusQuo: number;
}

/** A linear-additive agreement space. */
export interface AdditiveSpace {
  issues: SpaceIssue[];
  parties: SpaceParty[];
}

/** A lever: an external move (sanction, guarantee, aid) that shifts reservations or contributions. */
export interface SpaceLever {
  id: string;
  maxStrength?: number;
  /** Effects scaled linearly by the strength. */
  effects: {
    party: string;
    reservationShift?: number;
    contributionShifts?: { issue: number; option: number; delta: number }[];
  }[];
}

/** Progress callback: `done` out of `total` work units. */
export type ProgressCallback = (done: number, total: number) => void;

/** Which point bargaining solutions are measured from. */
export type DisagreementMode = 'reservation' | 'zero';

/** Textbook definitions, or Genius 10.4 `BidSpace` definitions (see README). */
export type SolutionVariant = 'textbook' | 'genius';

/** Whether a package must be at least (`weak`, the reference default) or strictly above each reservation. */
export type ZoneMode = 'weak' | 'strict';

/** A package with its terms and per-party utilities. */
export interface PackagePoint {
  outcome: number;
  /** Option index per issue. */
  options: number[];
  /** Option label per issue, `{ issue id: option label }`. */
  terms: Record<string, string>;
  /** Per-party utility, in party order. */
  utilities: number[];
}

/** A bargaining solution: every exactly tied outcome (ascending), with its score. */
export interface SolutionResult {
  outcomes: number[];
  points: PackagePoint[];
  /** The maximised (or, for Genius KS, minimised) score; null when no outcome qualifies. */
  value: number | null;
  /** Extra facts: the disagreement point, the KS ideal point. */
  disagreement: number[];
  ideal?: number[] | null;
}

/** The four solutions. */
export interface BargainingSolutions {
  nash: SolutionResult;
  kalaiSmorodinsky: SolutionResult;
  egalitarian: SolutionResult;
  welfare: SolutionResult;
}

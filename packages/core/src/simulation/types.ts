import type { SeededRandom } from '../random/seeded-random';

/**
 * A package (outcome) as a number: the mixed-radix index over the issues' option indices, issues in
 * table order, the last issue varying fastest (FORMAT.md §5.1). Numbers keep the hot loop free of
 * allocation and stay exact up to 2^53 packages, far beyond the flagship's 2×10^8.
 */
export type PackageId = number;

/** One issue of a table: its id and its options' labels, in index order. */
export interface TableIssue {
  readonly id: string;
  readonly options: readonly string[];
}

/**
 * What a negotiation runs on: parties, issues, each party's utility and walk-away value, and an offer
 * oracle. The Genius table enumerates and presorts its (small) space; the scenario table searches the
 * additive structure without enumerating it. Both answer the same queries.
 */
export interface NegotiationTable {
  readonly parties: readonly string[];
  readonly issues: readonly TableIssue[];
  /** Number of packages (product of option counts). */
  readonly size: number;
  /** The party's utility of a package. */
  utility(party: number, pkg: PackageId): number;
  /** The party's best and worst utility over all packages (its own range, FORMAT.md §6.1 M and m). */
  maxUtility(party: number): number;
  minUtility(party: number): number;
  /**
   * The party's walk-away (reservation) value at a round; tables whose walk-away values move with
   * levers and events (S2's schedule) answer per round, the others ignore the round.
   */
  reservation(party: number, round: number): number;
  /**
   * The "worst in range" query (FORMAT.md §5.4): the package with the lowest own utility at or above
   * `level` and at most `hi`, i.e. what a party whose aspiration is `level` offers. A package at most
   * 1e-6 below `level` that is strictly closer to it is taken instead (NegMAS' look-below). Null when
   * no package qualifies. Packages across the party's red lines are never returned.
   */
  bestAtOrAbove(party: number, level: number, hi: number): PackageId | null;
  /**
   * The party's package at rank r of its own ordering (0 = its best; FORMAT.md §5.3), null past the
   * end. Rank-walking strategies (MiCRO, tit-for-tat's minimal concession) need it; a table that
   * cannot rank cheaply may omit it, and those strategies then refuse the table.
   */
  atRank?(party: number, rank: number): PackageId | null;
  /** True when the package crosses one of the party's red lines (no table without red lines defines it). */
  crossesRedLine?(party: number, pkg: PackageId): boolean;
  /**
   * Moves the table to the round about to be played (utilities and walk-away values that change with
   * scheduled levers and events); protocols call it at the start of every round when it is defined.
   */
  setRound?(round: number): void;
  /** The options of a package, one index per issue (for labels and traces; not on the hot path). */
  decode(pkg: PackageId): number[];
}

/** What a strategy sees when it is called: the same object is reused and updated between calls. */
export interface StrategyState {
  readonly table: NegotiationTable;
  /** The party this strategy plays (index into `table.parties`). */
  readonly self: number;
  /** The round, counted from 0. */
  readonly round: number;
  /**
   * Relative time in (0, 1): (round+1)/(deadline+1) for a party that knows the deadline; a party that
   * does not know it uses the horizon it was told (RunConfig.deadline.assumed).
   */
  readonly time: number;
  /** The deadline in rounds when this party knows it, else null. */
  readonly deadline: number | null;
  /** Its own walk-away value at this round. */
  readonly reservation: number;
  /** The run's seeded randomness (the only source a strategy may use). */
  readonly random: SeededRandom;
}

/** A strategy's answer to an offer: accept it, reject it (and counter), or walk away. */
export type Response = 'accept' | 'reject' | 'end';

/**
 * One negotiator's behaviour. A new instance plays one run; keep per-run state in the instance.
 * @example
 * const stubborn: StrategyFactory = { name: 'stubborn', description: 'offers its best, accepts only its best',
 *   create: (t, self) => ({ propose: () => t.bestAtOrAbove(self, t.maxUtility(self), t.maxUtility(self)),
 *     respond: (s, offer) => (t.utility(self, offer) >= t.maxUtility(self) ? 'accept' : 'reject') }) };
 */
export interface Strategy {
  /** The package to put on the table; null means it has nothing to offer (the run ends, broken). */
  propose(state: StrategyState): PackageId | null;
  /** Decides on the offer on the table (made by `from`). */
  respond(state: StrategyState, offer: PackageId, from: number): Response;
  /** Told of every other party's proposal right after it is made (before this party's turn). */
  observe?(state: StrategyState, offer: PackageId, from: number): void;
}

/** Options a strategy factory receives besides the table and its party. */
export interface StrategyOptions {
  /** Compatibility mode: 'negmas' reproduces NegMAS' artefacts (FORMAT.md §6.3), 'entente' is clean. */
  compat: Compat;
  /** State shared between runs of one table and party, used only by the 'negmas' mode's carried-over cursor. */
  carry?: Map<string, number>;
}

/** Makes a strategy instance for one party of one run. */
export interface StrategyFactory {
  /** kebab-case name used on the command line (`boulware`, `tit-for-tat`, …). */
  readonly name: string;
  /** One sentence for help texts. */
  readonly description: string;
  /** True when it needs `table.atRank`. */
  readonly needsRanks?: boolean;
  create(table: NegotiationTable, self: number, options: StrategyOptions): Strategy;
}

/** 'entente': the product's own rules (stable tie order, fresh state per run); 'negmas': parity mode. */
export type Compat = 'entente' | 'negmas';

/** A deadline: fixed in rounds, or drawn per run from [min, max]. */
export type Deadline =
  | { readonly kind: 'fixed'; readonly steps: number }
  | {
      readonly kind: 'random';
      readonly min: number;
      readonly max: number;
      /** The horizon a party that does not know the deadline plans with (default: max). */
      readonly assumed?: number;
    };

/** Everything one run needs besides the table. */
export interface RunConfig {
  /** 'sao' (stacked alternating offers, this folder) or 'mediated' (S2's simulation/mediated.ts). */
  readonly protocol: string;
  /** Strategy name per party, in table party order. */
  readonly strategies: readonly string[];
  readonly deadline: Deadline;
  /** Per party: does it know the deadline? Default: all do. */
  readonly knowsDeadline?: readonly boolean[];
  /** The party that opens (default 0); the others follow in table order, cyclically. */
  readonly firstProposer?: number;
  /** The order parties are called in each round (a permutation of the parties); overrides firstProposer. */
  readonly order?: readonly number[];
  /** Seed of the run's randomness (random deadline, MiCRO's repeats, S2's draws). */
  readonly seed: number;
  readonly compat?: Compat;
  /** Record every offer (for concession curves); off in sweeps. */
  readonly trace?: boolean;
}

/** One offer made during a run, for concession curves. */
export interface TraceEntry {
  readonly round: number;
  readonly party: number;
  readonly offer: PackageId;
  /** Every party's utility of the offer. */
  readonly utilities: readonly number[];
}

/** How a run ended. */
export type RunEnd = 'agreement' | 'timeout' | 'walk-away' | 'broken';

/** The result of one run. */
export interface RunOutcome {
  readonly end: RunEnd;
  /** The agreed package, or null. */
  readonly agreement: PackageId | null;
  /** Completed rounds, counted as NegMAS' final_step: k+1 for an agreement in round k; the deadline on a time-out. */
  readonly finalStep: number;
  /** Per party: the agreement's utility, or null when there is none. */
  readonly utilities: readonly number[] | null;
  /** The party that walked away (or broke off), else null. */
  readonly walkedAway: number | null;
  /** The deadline this run had (drawn when random). */
  readonly deadline: number;
  /** Offers in order, when RunConfig.trace is on. */
  readonly trace?: readonly TraceEntry[];
}

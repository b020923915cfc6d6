import type { SeededRandom } from '../../random';

/** Victory probability from coalition strengths (KTAB `VictoryProbModel`). */
export type SmpVictoryProbModel = 'linear' | 'square' | 'quartic' | 'octic' | 'binary';
/** Probabilistic Condorcet Election over options (KTAB `PCEModel`). */
export type SmpPceModel = 'conditional' | 'markov-incentive' | 'markov-uniform';
/** How one actor's vote between two options is weighted (KTAB `VotingRule`). */
export type SmpVotingRule = 'binary' | 'prop-bin' | 'proportional' | 'prop-cbc' | 'cubic' | 'asym-prosp';
/** How much one actor's estimate of another's risk attitude leans on its own (KTAB `BigRAdjust`). */
export type SmpBigRAdjust = 'none' | 'one-third' | 'half' | 'two-thirds' | 'full';
/** Range the PCE probabilities are mapped to for risk attitudes (KTAB `BigRRange`). */
export type SmpBigRRange = 'min' | 'mid' | 'max';
/** Third parties' commitment to the side they join (KTAB `ThirdPartyCommit`). */
export type SmpThirdPartyCommit = 'no' | 'semi' | 'full';
/** How bargain points interpolate between the two sides (KTAB `InterVecBrgn`). */
export type SmpInterVecBrgn = 's1p1' | 's2p2' | 's2pmax';
/** Which versions of a bargain are proposed (KTAB `BargnModel`). */
type SmpBargnModel = 'init-only-interp' | 'init-rcvr-interp' | 'pw-comp-interp';

/** Model parameters; every field defaults to KTAB's deterministic defaults (bold in NOTES §3.3). */
export interface SmpParameters {
  victoryProbModel: SmpVictoryProbModel;
  pceModel: SmpPceModel;
  /** `stochastic` draws each actor's bargain from its queue's PCE distribution (needs `random`). */
  stateTransitions: 'deterministic' | 'stochastic';
  votingRule: SmpVotingRule;
  bigRAdjust: SmpBigRAdjust;
  bigRRange: SmpBigRRange;
  thirdPartyCommit: SmpThirdPartyCommit;
  interVecBrgn: SmpInterVecBrgn;
  bargnModel: SmpBargnModel;
}

/** One issue set for the SMP: everything on KTAB's source scales (positions 0–100, saliences 0–1). */
export interface SmpInput {
  /** Actor ids, in input order (order never changes the result beyond exact ties). */
  actors: readonly string[];
  /** Capability per actor (any positive scale; only ratios matter). */
  capability: Float64Array;
  /** Dimension ids; the SMP is a vector model, so dimensions interact through the distance. */
  dimensions: readonly string[];
  /** positions[d][i]: actor i's position on dimension d, on 0–100. */
  positions: readonly Float64Array[];
  /** salience[d][i]: actor i's salience for dimension d, in [0, 1]; per-actor sum ≤ 1. */
  salience: readonly Float64Array[];
  /**
   * Ideal-accommodation matrix, row-major n×n (a[i*n+j]): ideal_i ← Σ_j a_ij pos_j + (1 − Σ_j a_ij) ideal_i.
   * Omitted = identity (ideals track positions).
   */
  accommodation?: Float64Array;
}

export interface SmpOptions {
  parameters?: Partial<SmpParameters>;
  /** Stop after this many turns at most (KTAB: 100). */
  maxRounds?: number;
  /** Never stop before this many turns (KTAB: 2). */
  minRounds?: number;
  /** Stop when D(t)/(D(1) + 1e-4) falls below this (KTAB: 0.02). */
  minDeltaRatio?: number;
  /** Required when `stateTransitions` is `stochastic`; never read otherwise. */
  random?: SeededRandom;
  /**
   * Only `final` is wanted (Monte-Carlo draws): no per-round records and no PCE readings of the final
   * state, so `rounds` is empty and `finalPceExpected`/`finalPceMode` are NaN; `final` is unchanged.
   */
  finalOnly?: boolean;
}

/** Why one actor moved in one turn: the bargain it adopted from its queue. */
export interface SmpMove {
  actor: number;
  /** Initiator and target of the adopted bargain; both equal `actor` for its status quo. */
  initiator: number;
  target: number;
  /** True when the actor's position did not change (its status quo won, or the bargain left it in place). */
  statusQuo: boolean;
}

export interface SmpRound {
  /** 0 = the input state. */
  t: number;
  /** positions[d][i] on 0–100 after turn t. */
  positions: Float64Array[];
  /** ideals[d][i] on 0–100 after turn t (equal to positions with identity accommodation). */
  ideals: Float64Array[];
  /** PCE probability that actor i's position wins in this state (equivalent positions share it). */
  winProb: Float64Array;
  /** The adopted bargain per actor during the turn that produced this state (empty at t = 0). */
  moves: SmpMove[];
  /** KTAB's stopping statistic D(t)/(D(1)+1e-4) for step t−1→t (NaN at t = 0). */
  deltaRatio: number;
}

/** `dichotomous`: no utility depends on risk (e.g. every actor at 0 or 100), where KTAB throws; see run-smp.ts. */
export type SmpMode = 'bargaining' | 'dichotomous';

export interface SmpResult {
  mode: SmpMode;
  rounds: SmpRound[];
  /** Per-dimension forecast: capability×salience-weighted mean of the final positions (best on DEU III). */
  final: Float64Array;
  /** Per-dimension PCE-probability-weighted mean over the unique final positions. */
  finalPceExpected: Float64Array;
  /** Per-dimension most probable final position. */
  finalPceMode: Float64Array;
}

/** Which way an option may be changed: both ways, only switched on (`fwd`), or only switched off (`back`). */
export type Reversibility = 'both' | 'fwd' | 'back';

/** A boolean formula over options (a state satisfies it or not). */
export type Expr =
  | { kind: 'option'; option: number }
  | { kind: 'const'; value: boolean }
  | { kind: 'not'; arg: Expr }
  | { kind: 'and'; args: Expr[] }
  | { kind: 'or'; args: Expr[] }
  | { kind: 'implies'; premise: Expr; conclusion: Expr };

/** One binary option, owned by one decision maker. */
export interface GmcrOption {
  id: string;
  name: string;
  dm: number;
  reversibility: Reversibility;
}

/** A decision maker: the options it controls and the states it does not perceive (gmcr-py misperceptions). */
export interface GmcrDecisionMaker {
  id: string;
  name: string;
  options: number[];
  misperceptions: Expr[];
}

/**
 * A DM's preferences: prioritised statements (most important first, weight 2^(L-1-k), equal scores tie)
 * or an explicit ranking given as groups of state decimals, most preferred group first, or (compact,
 * for large generated conflicts) a strict order of all state decimals, most preferred first.
 */
export type GmcrPreference =
  | { kind: 'statements'; statements: Expr[] }
  | { kind: 'ranking'; ranking: number[][] }
  | { kind: 'strictOrder'; order: Uint32Array };

/** Where a model field came from in its input document, so problems can be reported at the right path. */
export interface ModelPaths {
  option?: (index: number) => (string | number)[];
  decisionMaker?: (index: number) => (string | number)[];
  infeasible?: (index: number) => (string | number)[];
  preference?: (dm: number) => (string | number)[];
  statusQuo?: (string | number)[];
}

/**
 * A conflict in option form. States are the feasible option patterns, numbered by increasing
 * decimal value `sum 2^k` over taken options k (the option order here is the engine order).
 */
export interface GmcrModel {
  title: string;
  options: GmcrOption[];
  decisionMakers: GmcrDecisionMaker[];
  infeasible: Expr[];
  preferences: GmcrPreference[];
  /** Explicit move lists per DM per state index (replaces option-derived moves; e.g. textbook graphs). */
  explicitMoves?: number[][][];
  /** Feasible states the input listed (decimals); compiled states must agree. */
  expectedStates?: number[];
  /** Display labels per state decimal (e.g. published numbering). */
  stateLabels?: Map<number, string>;
  /** Status quo as a state decimal. */
  statusQuo?: number;
  /** Fixed coalition partition from the input (gmcr-py), as lists of DM indices. */
  coalitions?: number[][];
  paths?: ModelPaths;
}

/** The four classical stability concepts (also the ones coalition analyses cover). */
export type Concept = 'nash' | 'gmr' | 'smr' | 'seq';
export const CONCEPTS: readonly Concept[] = ['nash', 'gmr', 'smr', 'seq'];

/** Every concept the engine computes: the classical four, SIM and SEQ+SIM (`seqsim`). */
export type StabilityConcept = Concept | 'sim' | 'seqsim';
export const ALL_CONCEPTS: readonly StabilityConcept[] = ['nash', 'gmr', 'smr', 'seq', 'sim', 'seqsim'];

/** The simultaneous concepts: SIM and SEQ+SIM (the costly ones on large conflicts). */
export type SimultaneousConcept = 'sim' | 'seqsim';

/** Above this many states, SIM and SEQ+SIM are computed only on request. */
export const SIM_DEFAULT_STATE_LIMIT = 2 ** 16;

/** A value per concept: always for the four classical ones, for SIM and SEQ+SIM when they were computed. */
export type ConceptRecord<T> = Record<Concept, T> & Partial<Record<SimultaneousConcept, T>>;

/** `textbook`: legal sequences (a DM may move again after another); `gmcrpy`: each opponent at most once per chain. */
export type Semantics = 'textbook' | 'gmcrpy';

/**
 * A DM's unilateral moves. `groups`: the DM can move between any two members of a group
 * (all of its options reversible); `order` lists states group by group, sorted within a group by
 * the DM's payoff, best first. `lists`: explicit CSR adjacency.
 */
export type MoveSet =
  | { kind: 'groups'; order: Int32Array; start: Int32Array; groupOf: Int32Array }
  | { kind: 'lists'; offsets: Int32Array; targets: Int32Array };

/** A compiled conflict: feasible states, payoffs (higher is better) and move sets per DM. */
export interface ConflictGraph {
  model: GmcrModel;
  stateCount: number;
  /** State index -> decimal (option pattern). */
  decimals: Uint32Array;
  /** Decimal -> state index, or -1 when infeasible. */
  indexOf(decimal: number): number;
  /** Per DM, per state: payoff rank (higher is better; only the order matters). */
  payoffs: Int32Array[];
  moves: MoveSet[];
}

/** Stability flags per concept: `[dm][state]` as bytes (1 = stable). */
export type StabilityTable = Record<StabilityConcept, Uint8Array[]>;

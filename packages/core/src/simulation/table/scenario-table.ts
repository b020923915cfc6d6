import { EntenteError } from '../../errors';
import { buildScenarioModel, type ScenarioModel } from '../../scenario/scenario-model';
import { defaultSpaceParties } from '../../scenario/scenario-space';
import type { Scenario } from '../../scenario/schema';
import { type Epoch, epochAt, type ScheduleEntry, scheduleEpochs } from '../schedule';
import type { NegotiationTable, PackageId, TableIssue } from '../types';
import { type AdditivePair, buildStaircase, LEVEL_TOLERANCE, type Staircase, searchBest } from './additive-front';

/**
 * What an option across another party's red line costs in the "best for the others" objective: more
 * than any utility (all lie in [0, 1]), so offers keep off others' red lines whenever they can.
 */
export const RED_LINE_COST = 1;

/** Which packages the table holds: settlements (against walking away), steps (against today), or all. */
export type TableKind = 'settlement' | 'step' | 'all';

export interface ScenarioTableOptions {
  /** Negotiating parties (default: the actors with role `party`). */
  parties?: readonly string[];
  /** Levers and walk-away events that take effect at given rounds. */
  schedule?: readonly ScheduleEntry[];
  /**
   * 'settlement' (default when the scenario defines one): settlement issues only at settlement options,
   * reservations = walk-away values; 'step': settlement issues short of them, reservations = today's
   * utility; 'all': every package against the walk-away values.
   */
  kind?: TableKind;
  /** Issues open for negotiation (default: all); the others stay at the status quo. */
  issues?: readonly string[];
  /** Issues already closed (a partial agreement): issue id → option id. */
  closed?: Readonly<Record<string, string>>;
}

/** A negotiation table over a scenario, with the scenario-specific extras the mediator and the runs use. */
export interface ScenarioTable extends NegotiationTable {
  readonly model: ScenarioModel;
  readonly kind: TableKind;
  /** Per issue: the option indices packages on this table may use. */
  readonly allowed: readonly (readonly number[])[];
  /** Switches utilities and walk-away values to the epoch in force at `round` (protocols call it each round). */
  setRound(round: number): void;
  /** The package with the highest Σ weight_q × u_q over the options nobody's red line forbids (separable). */
  weightedBest(weights: ArrayLike<number>, allowed?: readonly (readonly number[])[]): PackageId;
  /** A Nash-like package: the weighted-sum optimum whose weights are the inverse gains over the reservations. */
  nashLike(): PackageId;
  /** The same table with some issues closed at given options (a partial agreement); the epoch is kept. */
  close(closed: ReadonlyMap<number, number>, kind?: TableKind): ScenarioTable;
  /** The party’s staircase in the current epoch (built on first use, from its walk-away value up): own utility → best package for the others. */
  staircase(party: number): Staircase;
  /** The package with every issue at its status quo, closed issues at their agreed option. */
  readonly baseline: PackageId;
}

interface EpochState {
  epoch: Epoch;
  /** Per party, per issue, per option: weight × value. */
  contrib: Float64Array[][];
  reservation: Float64Array;
  stairs: (Staircase | null)[];
  /** Complete staircases (no walk-away floor), built only when a query goes below the floor. */
  fullStairs: (Staircase | null)[];
  own: number[][][];
  max: Float64Array;
  min: Float64Array;
}

const strideOf = (radices: readonly number[]) => {
  const strides = new Array<number>(radices.length).fill(1);
  for (let i = radices.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * radices[i + 1]!;
  return strides;
};

function tableAllowed(model: ScenarioModel, kind: TableKind, open: boolean[], closed: ReadonlyMap<number, number>) {
  return model.issues.map((issue, i) => {
    if (closed.has(i)) return [closed.get(i)!];
    if (!open[i]) return [model.statusQuo[i]!];
    const all = issue.options.map((_, j) => j);
    const rule = model.settlementOptions[i]!;
    if (kind === 'all' || rule.every((x) => x === 1)) return all;
    const kept = all.filter((j) => (kind === 'settlement' ? rule[j] === 1 : rule[j] === 0));
    return kept.length > 0 ? kept : all;
  });
}

function makeTable(
  base: ScenarioModel,
  epochs: Epoch[],
  partyIds: readonly string[],
  kind: TableKind,
  open: boolean[],
  closed: ReadonlyMap<number, number>,
  startEpoch: number,
): ScenarioTable {
  const allowed = tableAllowed(base, kind, open, closed);
  const issues: TableIssue[] = base.issues.map((i) => ({ id: i.id, options: i.options.map((o) => o.id) }));
  const radices = issues.map((i) => i.options.length);
  const strides = strideOf(radices);
  const m = radices.length;
  const n = partyIds.length;
  const actorIdx = partyIds.map((id) => {
    const k = base.actors.findIndex((a) => a.actor.id === id);
    if (k < 0)
      throw new EntenteError(
        'UNKNOWN_PARTY',
        `"${id}" is not an actor with preferences; use one of: ${base.actors.map((a) => a.actor.id).join(', ')}.`,
      );
    return k;
  });
  const size = allowed.reduce((acc, a) => acc * a.length, 1);
  const baseline = allowed.reduce(
    (id, a, i) => id + (a.includes(base.statusQuo[i]!) ? base.statusQuo[i]! : a[0]!) * strides[i]!,
    0,
  );
  const states: (EpochState | null)[] = epochs.map(() => null);
  const stateOf = (e: number): EpochState => {
    const hit = states[e];
    if (hit) return hit;
    const epoch = epochs[e]!;
    const actors = actorIdx.map((k) => epoch.model.actors[k]!);
    const contrib = actors.map((a) =>
      a.values.map((v, i) => {
        const row = new Float64Array(v.length);
        for (let j = 0; j < v.length; j++) row[j] = a.weights[i]! * v[j]!;
        return row;
      }),
    );
    // A party's own offers keep off its red lines unless an issue would be left with no option at all.
    const own = actors.map((a) =>
      allowed.map((opts, i) => {
        const ok = opts.filter((j) => a.redLines[i]![j] === 0);
        return ok.length > 0 ? ok : opts;
      }),
    );
    const max = new Float64Array(n);
    const min = new Float64Array(n);
    for (let p = 0; p < n; p++)
      for (let i = 0; i < m; i++) {
        let hi = Number.NEGATIVE_INFINITY;
        let lo = Number.POSITIVE_INFINITY;
        for (const j of own[p]![i]!) {
          const v = contrib[p]![i]![j]!;
          if (v > hi) hi = v;
          if (v < lo) lo = v;
        }
        max[p]! += hi;
        min[p]! += lo;
      }
    const reservation = Float64Array.from(actors, (a) => (kind === 'step' ? a.statusQuoUtility : a.noDeal));
    const state = {
      epoch,
      contrib,
      reservation,
      stairs: actors.map(() => null),
      fullStairs: actors.map(() => null),
      own,
      max,
      min,
    };
    states[e] = state;
    return state;
  };
  let current = startEpoch;
  const pairOf = (s: EpochState, p: number): AdditivePair => ({
    own: s.contrib[p]!,
    other: Array.from({ length: m }, (_, i) => {
      const row = new Float64Array(radices[i]!);
      for (let q = 0; q < n; q++) {
        if (q === p) continue;
        const lines = s.epoch.model.actors[actorIdx[q]!]!.redLines[i]!;
        for (let j = 0; j < row.length; j++) row[j]! += s.contrib[q]![i]![j]! - (lines[j] ? RED_LINE_COST : 0);
      }
      return row;
    }),
    allowed: s.own[p]!,
    strides,
  });
  const answer = (s: EpochState, p: number, stairs: Staircase, level: number, hi: number): PackageId | null => {
    const at = stairs.firstAtOrAbove(level);
    if (at < 0) return null;
    if (stairs.own[at]! <= hi + 1e-9) return stairs.packageAt(at);
    return searchBest(pairOf(s, p), level, hi);
  };
  const utility = (p: number, pkg: PackageId): number => {
    const c = stateOf(current).contrib[p]!;
    let u = 0;
    for (let i = 0; i < m; i++) u += c[i]![Math.floor(pkg / strides[i]!) % radices[i]!]!;
    return u;
  };
  const weightedBest = (weights: ArrayLike<number>, only: readonly (readonly number[])[] = allowed): PackageId => {
    const s = stateOf(current);
    let id = 0;
    for (let i = 0; i < m; i++) {
      let best = only[i]![0]!;
      let bestV = Number.NEGATIVE_INFINITY;
      for (const j of only[i]!) {
        let v = 0;
        for (let p = 0; p < n; p++) v += weights[p]! * s.contrib[p]![i]![j]!;
        if (v > bestV) {
          bestV = v;
          best = j;
        }
      }
      id += best * strides[i]!;
    }
    return id;
  };
  const table: ScenarioTable = {
    parties: partyIds,
    issues,
    size,
    model: base,
    kind,
    allowed,
    baseline,
    utility,
    maxUtility: (p) => stateOf(current).max[p]!,
    minUtility: (p) => stateOf(current).min[p]!,
    reservation: (p, round) => stateOf(epochAt(epochs, round)).reservation[p]!,
    staircase(p) {
      const s = stateOf(current);
      // Built from the party's walk-away value up: it never aims lower, and lower queries take the search.
      s.stairs[p] ??= buildStaircase(pairOf(s, p), s.reservation[p]!);
      return s.stairs[p]!;
    },
    bestAtOrAbove(p, level, hi) {
      const s = stateOf(current);
      const stairs = table.staircase(p);
      if (level < stairs.floor - LEVEL_TOLERANCE) {
        // Below the walk-away value (rare: no time-based strategy aims there): the complete staircase.
        s.fullStairs[p] ??= buildStaircase(pairOf(s, p));
        return answer(s, p, s.fullStairs[p]!, level, hi);
      }
      return answer(s, p, stairs, level, hi);
    },
    crossesRedLine(p, pkg) {
      const lines = stateOf(current).epoch.model.actors[actorIdx[p]!]!.redLines;
      for (let i = 0; i < m; i++) if (lines[i]![Math.floor(pkg / strides[i]!) % radices[i]!]) return true;
      return false;
    },
    decode: (pkg) => radices.map((r, i) => Math.floor(pkg / strides[i]!) % r),
    setRound(round) {
      current = epochAt(epochs, round);
    },
    weightedBest,
    nashLike() {
      const s = stateOf(current);
      // Options no party's red line forbids, where some remain.
      const clean = allowed.map((opts, i) => {
        const ok = opts.filter((j) => actorIdx.every((k) => s.epoch.model.actors[k]!.redLines[i]![j] === 0));
        return ok.length > 0 ? ok : opts;
      });
      const w = Float64Array.from(s.max, (mx, p) => 1 / Math.max(1e-6, mx - s.reservation[p]!));
      let best = weightedBest(w, clean);
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let it = 0; it < 20; it++) {
        const x = weightedBest(w, clean);
        const gains = Array.from({ length: n }, (_, p) => utility(p, x) - s.reservation[p]!);
        // Nash product when everyone gains, else the smallest gain, ranked below any positive product.
        const score = gains.every((g) => g > 0)
          ? gains.reduce((a, g) => a + Math.log(g), 0)
          : -1e9 + Math.min(...gains);
        if (score > bestScore) {
          bestScore = score;
          best = x;
        }
        for (let p = 0; p < n; p++) w[p] = 0.5 * w[p]! + 0.5 / Math.max(1e-3, gains[p]!);
      }
      return best;
    },
    close(more, nextKind = kind) {
      const merged = new Map<number, number>([...closed, ...more]);
      return makeTable(base, epochs, partyIds, nextKind, open, merged, current);
    },
  };
  return table;
}

/**
 * A negotiation table over a scenario: its parties, issues, additive utilities (weight × value, the
 * numbers the acceptance rule uses), red lines, walk-away values, settlement rule and scheduled
 * levers. Offers come from a per-party staircase built over the additive structure, never from
 * enumerating the space.
 * @example scenarioTable(scenario, { schedule: parseSchedule('30:us_sanctions_and_tariffs=2') }).bestAtOrAbove(0, 0.7, 1)
 */
export function scenarioTable(source: Scenario | ScenarioModel, options: ScenarioTableOptions = {}): ScenarioTable {
  const base = 'actors' in source && 'issueIndex' in source ? source : buildScenarioModel(source as Scenario);
  const kind = options.kind ?? (base.hasSettlement ? 'settlement' : 'all');
  const open = options.issues ? base.issues.map((i) => options.issues!.includes(i.id)) : base.issues.map(() => true);
  for (const id of options.issues ?? [])
    if (!base.issueIndex.has(id))
      throw new EntenteError(
        'UNKNOWN_ISSUE',
        `No issue has id "${id}"; use some of: ${base.issues.map((i) => i.id).join(', ')}.`,
      );
  const closed = new Map<number, number>();
  for (const [issueId, optionId] of Object.entries(options.closed ?? {})) {
    const i = base.issueIndex.get(issueId);
    const j = i === undefined ? undefined : base.optionIndex[i]!.get(optionId);
    if (i === undefined || j === undefined)
      throw new EntenteError('UNKNOWN_OPTION', `No option "${optionId}" on an issue "${issueId}" of this scenario.`);
    closed.set(i, j);
  }
  const epochs = scheduleEpochs(base, options.schedule ?? []);
  return makeTable(base, epochs, options.parties ?? defaultSpaceParties(base), kind, open, closed, 0);
}

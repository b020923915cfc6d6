import { EntenteError } from '../errors';
import { type LeverUse, validateLeverUses } from '../levers/validate';
import { applyLevers, type ScenarioModel } from '../scenario/scenario-model';

/** From `round` on, a lever is used at `strength` (replacing its earlier strength; 0 lifts it). */
export interface LeverChange {
  readonly round: number;
  readonly lever: string;
  readonly strength: number;
}

/** From `round` on, an event moves an actor's walk-away value by `noDealShift` (shifts add up). */
export interface WalkAwayEvent {
  readonly round: number;
  readonly actor: string;
  readonly noDealShift: number;
}

export type ScheduleEntry = LeverChange | WalkAwayEvent;

/** One stretch of rounds with the same levers and events in force. */
export interface Epoch {
  /** First round of the stretch. */
  readonly from: number;
  /** The model with the levers and walk-away shifts in force. */
  readonly model: ScenarioModel;
  readonly uses: readonly LeverUse[];
}

const ENTRY = /^\s*(\d+)\s*:\s*([a-z0-9][a-z0-9_-]*)(\.noDeal)?\s*=\s*(-?[0-9.]+(?:e-?\d+)?)\s*$/i;

/**
 * Reads the text form of a schedule: comma-separated `ROUND:LEVER=STRENGTH` (a lever from that
 * round) or `ROUND:ACTOR.noDeal=SHIFT` (an event moving a walk-away value).
 * @example parseSchedule('30:us_sanctions_and_tariffs=2, 50:russia.noDeal=-0.05')
 */
export function parseSchedule(text: string): ScheduleEntry[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const m = ENTRY.exec(part);
    const value = m ? Number(m[4]) : Number.NaN;
    if (!m || !Number.isFinite(value))
      throw new EntenteError(
        'INVALID_SCHEDULE',
        `Cannot read schedule entry "${part.trim()}": write ROUND:LEVER=STRENGTH (e.g. 30:us_sanctions_and_tariffs=2) or ROUND:ACTOR.noDeal=SHIFT.`,
      );
    const round = Number(m[1]);
    return m[3] ? { round, actor: m[2]!, noDealShift: value } : { round, lever: m[2]!, strength: value };
  });
}

/**
 * The stretches of rounds a schedule makes, each with its model: levers validated against the
 * scenario (unknown id, strength outside [0, maxStrength]) and applied to `base` from scratch.
 */
export function scheduleEpochs(base: ScenarioModel, schedule: readonly ScheduleEntry[]): Epoch[] {
  const entries = [...schedule].sort((a, b) => a.round - b.round);
  for (const e of entries)
    if ('actor' in e && !base.actors.some((a) => a.actor.id === e.actor))
      throw new EntenteError(
        'UNKNOWN_PARTY',
        `"${e.actor}" is not an actor with preferences; use one of: ${base.actors.map((a) => a.actor.id).join(', ')}.`,
      );
  validateLeverUses(
    base,
    entries.flatMap((e) => ('lever' in e ? [{ id: e.lever, strength: e.strength }] : [])),
  );
  const rounds = [...new Set([0, ...entries.map((e) => e.round)])].sort((a, b) => a - b);
  return rounds.map((from) => {
    const strengths = new Map<string, number>();
    const shifts = new Map<string, number>();
    for (const e of entries) {
      if (e.round > from) break;
      if ('lever' in e) strengths.set(e.lever, e.strength);
      else shifts.set(e.actor, (shifts.get(e.actor) ?? 0) + e.noDealShift);
    }
    const uses = [...strengths].filter(([, s]) => s > 0).map(([id, strength]) => ({ id, strength }));
    let model = applyLevers(base, uses);
    if (shifts.size > 0)
      model = {
        ...model,
        actors: model.actors.map((a) =>
          shifts.has(a.actor.id) ? { ...a, noDeal: a.noDeal + shifts.get(a.actor.id)! } : a,
        ),
      };
    return { from, model, uses };
  });
}

/** Index of the epoch in force at a round (epochs sorted by `from`, the first from 0). */
export function epochAt(epochs: readonly Pick<Epoch, 'from'>[], round: number): number {
  let e = 0;
  while (e + 1 < epochs.length && epochs[e + 1]!.from <= round) e++;
  return e;
}

import type { ActorModel, ScenarioModel } from '../scenario/scenario-model';
import { add, div, fromNumber, lcm, mul, numeratorOver, type Rational, rational } from '../space/rational';

/** The decimal a float stands for, with the noise of earlier float arithmetic (lever shifts) rounded away. */
export const exactDecimal = (x: number): Rational => fromNumber(Number(x.toPrecision(12)));

/** One actor's numbers as exact numerators over one denominator: the zone is decided on these, never on floats. */
export interface ExactActorTable {
  denominator: bigint;
  /** Per issue, per option: numerator of weight × value (raw weight ÷ Σ raw weights, exactly). */
  cells: bigint[][];
  /** Numerator of the walk-away value. */
  walkAway: bigint;
  /** Numerator of today's utility (the status-quo package). */
  today: bigint;
}

// Actor models are immutable once built (applyLevers copies them), so a table can be kept per object.
const cache = new WeakMap<ActorModel, ExactActorTable>();

/**
 * The exact table of an actor: raw weight ÷ Σ raw weights × value, values read as the decimals they
 * print as; the space engine's exact shadow is taken from the same table.
 */
export function exactActorTable(model: ScenarioModel, actor: ActorModel): ExactActorTable {
  const hit = cache.get(actor);
  if (hit) return hit;
  const pref = model.scenario.preferences[actor.actor.id]!;
  const raw = model.issues.map((issue) => fromNumber(Math.max(0, pref.weights[issue.id] ?? 0)));
  const total = raw.reduce((a, b) => add(a, b), rational(0n));
  const cells = model.issues.map((issue, i) =>
    issue.options.map((_, j) => div(mul(raw[i]!, exactDecimal(actor.values[i]![j]!)), total)),
  );
  const walkAway = exactDecimal(actor.noDeal);
  const today = cells.reduce((sum, row, i) => add(sum, row[model.statusQuo[i]!]!), rational(0n));
  let denominator = lcm(walkAway.d, today.d);
  for (const row of cells) for (const c of row) denominator = lcm(denominator, c.d);
  const table = {
    denominator,
    cells: cells.map((row) => row.map((c) => numeratorOver(c, denominator))),
    walkAway: numeratorOver(walkAway, denominator),
    today: numeratorOver(today, denominator),
  };
  cache.set(actor, table);
  return table;
}

/** Exact numerator (over the table's denominator) of a package's utility. */
export function exactUtilityOf(table: ExactActorTable, pkg: Int32Array): bigint {
  let s = 0n;
  for (let i = 0; i < pkg.length; i++) s += table.cells[i]![pkg[i]!]!;
  return s;
}

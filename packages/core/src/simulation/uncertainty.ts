import { EntenteError } from '../errors';
import type { SeededRandom } from '../random/seeded-random';
import { type ActorModel, type ScenarioModel, utilityOf } from '../scenario/scenario-model';
import { uncertainInputs } from '../scenario/uncertain-answers';

/** A declared range: uniform on [min, max], or triangular with its peak at `mode`. */
export type Distribution =
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'triangular'; readonly min: number; readonly mode: number; readonly max: number };

/** One uncertain input, drawn per run and replacing the scenario's number. */
export interface UncertainInput {
  readonly actor: string;
  /** 'weight' of an issue (on the normalised scale, then renormalised), 'value' of an option, or 'noDeal'. */
  readonly kind: 'weight' | 'value' | 'noDeal';
  readonly issue?: string;
  readonly option?: string;
  readonly range: Distribution;
}

/**
 * What is uncertain in a run: named inputs, and blanket spreads around every party's numbers
 * (weights × [1−w, 1+w], values ± v clamped to [0, 1], walk-away values ± n).
 */
export interface UncertaintySpec {
  readonly inputs?: readonly UncertainInput[];
  readonly spread?: {
    readonly weights?: number;
    readonly values?: number;
    readonly noDeal?: number;
    readonly dist?: 'uniform' | 'triangular';
  };
}

/**
 * The seed of run `run` of a sweep seeded `seed`: a hash of both, so a run draws the same numbers
 * whichever block or worker runs it.
 */
export function runSeed(seed: number, run: number): number {
  let h = Math.imul((Math.trunc(seed) >>> 0) ^ 0x85ebca6b, 0xc2b2ae35) ^ Math.imul(run + 1, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h >>> 0;
}

/** Draws from a declared range (inverse CDF for the triangular one). */
export function draw(d: Distribution, rng: SeededRandom): number {
  const u = rng.next();
  if (d.dist === 'uniform') return d.min + u * (d.max - d.min);
  const span = d.max - d.min;
  if (span === 0) return d.min;
  const cut = (d.mode - d.min) / span;
  return u < cut
    ? d.min + Math.sqrt(u * span * (d.mode - d.min))
    : d.max - Math.sqrt((1 - u) * span * (d.max - d.mode));
}

function checkRange(d: Distribution, what: string): void {
  const mode = d.dist === 'triangular' ? d.mode : d.min;
  if (![d.min, d.max, mode].every(Number.isFinite) || d.min > mode || mode > d.max)
    throw new EntenteError('INVALID_UNCERTAINTY', `The range of ${what} needs min ≤ mode ≤ max (finite numbers).`);
}

/** Checks a spec against a model: known actors, issues and options, well-formed ranges. */
export function validateUncertainty(model: ScenarioModel, spec: UncertaintySpec): void {
  for (const input of spec.inputs ?? []) {
    const what = `${input.actor}.${input.kind}${input.issue ? `.${input.issue}` : ''}${input.option ? `.${input.option}` : ''}`;
    if (!model.actors.some((a) => a.actor.id === input.actor))
      throw new EntenteError('UNKNOWN_PARTY', `"${input.actor}" is not an actor with preferences (in ${what}).`);
    if (input.kind !== 'noDeal') {
      const i = input.issue === undefined ? undefined : model.issueIndex.get(input.issue);
      if (i === undefined) throw new EntenteError('UNKNOWN_ISSUE', `${what} names no issue of this scenario.`);
      if (input.kind === 'value' && (input.option === undefined || !model.optionIndex[i]!.has(input.option)))
        throw new EntenteError('UNKNOWN_OPTION', `${what} names no option of issue "${input.issue}".`);
    }
    checkRange(input.range, what);
  }
  for (const [k, v] of Object.entries(spec.spread ?? {}))
    if (k !== 'dist' && !(typeof v === 'number' && v >= 0 && Number.isFinite(v)))
      throw new EntenteError('INVALID_UNCERTAINTY', `The ${k} spread must be a finite number ≥ 0; got ${String(v)}.`);
}

/**
 * Reads the text form: comma-separated `weights=W`, `values=V`, `noDeal=N` (blanket spreads) and
 * `dist=uniform|triangular`.
 * @example parseUncertainty('weights=0.2,values=0.1,noDeal=0.05')
 */
export function parseUncertainty(text: string): UncertaintySpec {
  const spread: { weights?: number; values?: number; noDeal?: number; dist?: 'uniform' | 'triangular' } = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=').map((x) => x.trim());
    if (key === 'dist' && (value === 'uniform' || value === 'triangular')) spread.dist = value;
    else if (
      (key === 'weights' || key === 'values' || key === 'noDeal') &&
      Number.isFinite(Number(value)) &&
      value !== ''
    )
      spread[key] = Number(value);
    else
      throw new EntenteError(
        'INVALID_UNCERTAINTY',
        `Cannot read "${part}": write weights=W, values=V, noDeal=N (spreads) and dist=uniform|triangular.`,
      );
  }
  return { spread };
}

/** A symmetric spread around `x` in the spec's distribution. */
const around = (x: number, w: number, dist: 'uniform' | 'triangular', rng: SeededRandom) =>
  w === 0
    ? x
    : draw(dist === 'uniform' ? { dist, min: x - w, max: x + w } : { dist, min: x - w, mode: x, max: x + w }, rng);

/**
 * One run's model: every uncertain number drawn from its range with the run's generator (blanket
 * spreads first, in actor, issue, option order, then the named inputs), weights renormalised.
 * Without uncertainty the model itself is returned.
 */
export function drawModel(model: ScenarioModel, spec: UncertaintySpec, rng: SeededRandom): ScenarioModel {
  const spread = spec.spread ?? {};
  const inputs = spec.inputs ?? [];
  if (!spread.weights && !spread.values && !spread.noDeal && inputs.length === 0) return model;
  const dist = spread.dist ?? 'triangular';
  const actors: ActorModel[] = model.actors.map((a) => {
    // Plain loops: Float64Array.from with a map function goes through the iterator protocol, slow per run.
    const weights = new Float64Array(a.weights.length);
    for (let i = 0; i < weights.length; i++)
      weights[i] = Math.max(0, around(a.weights[i]!, a.weights[i]! * (spread.weights ?? 0), dist, rng));
    const values = a.values.map((row) => {
      const out = new Float64Array(row.length);
      for (let j = 0; j < row.length; j++)
        out[j] = Math.min(1, Math.max(0, around(row[j]!, spread.values ?? 0, dist, rng)));
      return out;
    });
    const noDeal = around(a.noDeal, spread.noDeal ?? 0, dist, rng);
    return { ...a, weights, values, noDeal };
  });
  for (const input of inputs) {
    const a = actors.find((x) => x.actor.id === input.actor)!;
    const x = draw(input.range, rng);
    if (input.kind === 'noDeal') a.noDeal = x;
    else {
      const i = model.issueIndex.get(input.issue!)!;
      if (input.kind === 'weight') a.weights[i] = Math.max(0, x);
      else a.values[i]![model.optionIndex[i]!.get(input.option!)!] = x;
    }
  }
  for (const a of actors) {
    const total = a.weights.reduce((s, w) => s + w, 0);
    if (total > 0) for (let i = 0; i < a.weights.length; i++) a.weights[i]! /= total;
    a.statusQuoUtility = utilityOf(a, model.statusQuo);
  }
  return { ...model, actors };
}

/**
 * The per-figure ranges a scenario declares (`{value, range}` in its preferences) as uniform
 * uncertain inputs; a raw weight's range is divided by the party's raw weight total, so after
 * renormalisation the drawn weight is exactly the raw draw over the new total.
 */
export function scenarioRangeInputs(model: ScenarioModel): UncertainInput[] {
  const prefs = model.scenario.preferences;
  return uncertainInputs(model.scenario).flatMap((u): UncertainInput[] => {
    const [kind, issue = '', option = ''] = u.path.split('.');
    if (kind === 'noDeal') return [{ actor: u.actor, kind: 'noDeal', range: uniform(u.range) }];
    if (kind === 'values') return [{ actor: u.actor, kind: 'value', issue, option, range: uniform(u.range) }];
    const total = Object.values(prefs[u.actor]?.weights ?? {}).reduce((a, w) => a + w, 0);
    if (!(total > 0)) return [];
    return [{ actor: u.actor, kind: 'weight', issue, range: uniform([u.range[0] / total, u.range[1] / total]) }];
  });
}

const uniform = ([min, max]: readonly [number, number]): Distribution => ({ dist: 'uniform', min, max });

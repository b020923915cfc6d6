import { EntenteError } from '../errors';
import { type BdmParameters, runBdm } from './bdm';
import type { SmpResult } from './ktab/types';
import { KTAB_AVAILABLE, ktabInputOf, runKtabModel } from './ktab-model';
import { type ForecastModel, forecastIssue } from './models';
import { DEFAULT_UNCERTAINTY, inputRange, monteCarlo, quantile, type Uncertainty } from './monte-carlo';
import type { ForecastSplitter, ForecastTask } from './split';
import { type ForecastCase, type Issue1D, issueOf } from './types';
import { isBinaryIssue } from './vote';

export { FORECAST_MODELS, type ForecastModel, forecastIssue } from './models';

/** The baselines every forecast shows, whatever models were asked for. */
const BASELINES: readonly ForecastModel[] = ['weighted_mean', 'weighted_median'];

export interface ForecastOptions {
  models: readonly ForecastModel[];
  /** Dimension ids to forecast (default: all). */
  issues?: readonly string[];
  draws: number;
  /**
   * Monte-Carlo draws for `ktab`, capped apart (default KTAB_DEFAULT_DRAWS): one SMP run costs about
   * as much as 45 BDM runs on a perturbed DEU issue, so KTAB's intervals use fewer draws.
   */
  ktabDraws?: number;
  seed: number;
  uncertainty?: Partial<Uncertainty>;
  /** Compute the one-at-a-time sensitivity (tornado) table. */
  sensitivity: boolean;
  bdm?: Partial<BdmParameters>;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Monte-Carlo values computed elsewhere (worker threads), by `drawKey`; missing ones are computed here. */
  drawValues?: ReadonlyMap<string, Float64Array>;
}

/**
 * KTAB's default Monte-Carlo draw count (its intervals are rougher than the other models'): what the
 * 60 s budget of all DEU issues × every model × 1,000 draws on two cores leaves for it (`npm run bench -- forecast`).
 */
export const KTAB_DEFAULT_DRAWS = 20;

/** The number of Monte-Carlo draws a model gets in a run. */
function drawsFor(model: ForecastModel, options: Pick<ForecastOptions, 'draws' | 'ktabDraws'>): number {
  return model === 'ktab' ? Math.min(options.draws, options.ktabDraws ?? KTAB_DEFAULT_DRAWS) : options.draws;
}

/** The key of one issue and model's Monte-Carlo values: case index, dimension index, model. */
const drawKey = (ci: number, di: number, model: ForecastModel): string => `${ci}/${di}/${model}`;

export interface ForecastEntry {
  case: string;
  dimension: string;
  model: ForecastModel;
  value: number | null;
}
export interface TrajectoryEntry {
  case: string;
  dimension: string;
  model: ForecastModel;
  rounds: { t: number; positions: Record<string, number> }[];
}
export interface MoveEntry {
  case: string;
  dimension: string;
  model: ForecastModel;
  t: number;
  actor: string;
  by: string;
  kind: string;
  from: number;
  to: number;
}
export interface IntervalEntry {
  case: string;
  dimension: string;
  model: ForecastModel;
  /** Monte-Carlo quantiles of the forecast under input uncertainty (not an outcome interval: see the README). */
  p05: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  draws: number;
}
export interface SensitivityEntry {
  case: string;
  dimension: string;
  model: ForecastModel;
  actor: string;
  input: 'position' | 'salience' | 'capability';
  low: number | null;
  high: number | null;
  swing: number;
}
export interface OptionEntry {
  case: string;
  dimension: string;
  model: ForecastModel;
  option: string;
  label: string;
  position: number;
}
export interface ForecastIssueView {
  case: string;
  dimension: string;
  name: string;
  min: number;
  max: number;
  actors: { id: string; position: number; salience: number; capability: number }[];
  outcome: number | null;
}

export interface ForecastResult {
  models: ForecastModel[];
  draws: number;
  seed: number;
  issues: ForecastIssueView[];
  forecasts: ForecastEntry[];
  trajectories: TrajectoryEntry[];
  moves: MoveEntry[];
  intervals: IntervalEntry[];
  sensitivity: SensitivityEntry[];
  options: OptionEntry[];
  errors: { case: string; dimension: string | null; model: ForecastModel; code: string; message: string }[];
}

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Nearest option to a value (the lower one on a tie). */
function nearestOption(options: { id: string; label: string; position: number }[], v: number) {
  let best = options[0]!;
  for (const o of options)
    if (
      Math.abs(o.position - v) < Math.abs(best.position - v) ||
      (Math.abs(o.position - v) === Math.abs(best.position - v) && o.position < best.position)
    )
      best = o;
  return best;
}

interface KtabRun {
  result: SmpResult;
  ids: string[];
  /** The dimension of `result` that holds the asked one (0 for a per-dimension run). */
  dim: number;
}

/**
 * KTAB's run for dimension di of case c: one joint run per case (the SMP is a vector model), shared
 * by its dimensions; when the joint run cannot take the case (fewer than two actors with a position
 * on every dimension), one run per dimension with the actors that have a position there.
 */
function ktabRun(c: ForecastCase, ci: number, di: number, issue: Issue1D, runs: Map<string, KtabRun | null>): KtabRun {
  if (!runs.has(`${ci}`)) {
    const { input, actors } = ktabInputOf(c);
    let joint: KtabRun | null = null;
    if (actors.length >= 2 || c.dimensions.length === 1)
      joint = { result: runKtabModel(input), ids: actors.map((i) => c.actors[i]!.id), dim: 0 };
    runs.set(`${ci}`, joint);
  }
  const joint = runs.get(`${ci}`);
  if (joint) return { ...joint, dim: di };
  let own = runs.get(`${ci}/${di}`);
  if (!own) {
    const { min, max } = c.dimensions[di]!;
    const result = runKtabModel({
      actors: issue.actors.map((i) => c.actors[i]!.id),
      capability: issue.c,
      dimensions: [c.dimensions[di]!.id],
      positions: [Float64Array.from(issue.x, (v) => ((v - min) / (max - min)) * 100)],
      salience: [issue.s],
    });
    own = { result, ids: issue.actors.map((i) => c.actors[i]!.id), dim: 0 };
    runs.set(`${ci}/${di}`, own);
  }
  return own;
}

/** Runs every asked model (and the baselines) on every case and dimension, with Monte-Carlo intervals and sensitivity. */
export function runForecast(cases: readonly ForecastCase[], options: ForecastOptions): ForecastResult {
  return forecastWith(cases, options, null).result;
}

/**
 * `runForecast`, except that the intervals of the `deferred` draw keys are left empty (nulls) and
 * returned by key, to be filled once their draws arrive from worker threads.
 */
function forecastWith(
  cases: readonly ForecastCase[],
  options: ForecastOptions,
  deferred: ReadonlySet<string> | null,
): { result: ForecastResult; pending: Map<string, IntervalEntry> } {
  const pending = new Map<string, IntervalEntry>();
  const models: ForecastModel[] = [...new Set<ForecastModel>([...BASELINES, ...options.models])];
  const u = { ...DEFAULT_UNCERTAINTY, ...options.uncertainty };
  const result: ForecastResult = {
    models,
    draws: options.draws,
    seed: options.seed,
    issues: [],
    forecasts: [],
    trajectories: [],
    moves: [],
    intervals: [],
    sensitivity: [],
    options: [],
    errors: [],
  };
  if (options.issues) {
    const known = new Set(cases.flatMap((c) => c.dimensions.map((d) => d.id)));
    const unknown = options.issues.filter((id) => !known.has(id));
    if (unknown.length)
      throw new EntenteError(
        'FORECAST_UNKNOWN_ISSUE',
        `Unknown issue${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the input has ${[...known].slice(0, 20).join(', ')}.`,
      );
  }
  const work = cases.flatMap((c, ci) =>
    c.dimensions.map((d, di) => ({ c, ci, d, di })).filter((w) => !options.issues || options.issues.includes(w.d.id)),
  );
  let done = 0;
  const ktabRuns = new Map<string, KtabRun | null>();
  for (const { c, ci, d, di } of work) {
    if (options.signal?.aborted) throw new EntenteError('CANCELLED', 'The forecast was cancelled.');
    const issue = issueOf(c, di);
    const ids = issue.actors.map((i) => c.actors[i]!.id);
    const key = { case: c.id, dimension: d.id };
    result.issues.push({
      ...key,
      name: d.name,
      min: d.min,
      max: d.max,
      actors: ids.map((id, k) => ({ id, position: issue.x[k]!, salience: issue.s[k]!, capability: issue.c[k]! })),
      outcome: di === 0 && c.outcome !== undefined ? c.outcome : null,
    });
    for (const [mi, model] of models.entries()) {
      let point: number;
      try {
        if (model === 'ktab') {
          const { result: smp, ids: kids, dim } = ktabRun(c, ci, di, issue, ktabRuns);
          const back = (v: number) => d.min + (v / 100) * (d.max - d.min);
          point = back(smp.final[dim]!);
          result.trajectories.push({
            ...key,
            model,
            rounds: smp.rounds.map((r) => ({
              t: r.t,
              positions: Object.fromEntries(kids.map((id, k) => [id, back(r.positions[dim]![k]!)])),
            })),
          });
          smp.rounds.forEach((r, t) => {
            if (t === 0) return;
            for (const mv of r.moves) {
              const from = back(smp.rounds[t - 1]!.positions[dim]![mv.actor]!);
              const to = back(r.positions[dim]![mv.actor]!);
              if (mv.statusQuo || from === to) continue;
              const other = mv.initiator === mv.actor ? mv.target : mv.initiator;
              result.moves.push({
                ...key,
                model,
                t,
                actor: kids[mv.actor]!,
                by: kids[other]!,
                kind: 'bargain',
                from,
                to,
              });
            }
          });
        } else if (model === 'bdm') {
          const r = runBdm(issue.x, issue.c, issue.s, issue, options.bdm);
          point = r.forecast;
          result.trajectories.push({
            ...key,
            model,
            rounds: r.rounds.map((x, t) => ({ t, positions: Object.fromEntries(ids.map((id, k) => [id, x[k]!])) })),
          });
          r.moves.forEach((ms, t) => {
            for (const m of ms)
              result.moves.push({
                ...key,
                model,
                t: t + 1,
                actor: ids[m.actor]!,
                by: ids[m.by]!,
                kind: m.kind,
                from: m.from,
                to: m.to,
              });
          });
        } else point = forecastIssue(model, issue, options.bdm);
      } catch (e) {
        // A model that cannot take this case (KTAB with fewer than two actors on a dimension) is recorded, not fatal.
        const recorded =
          e instanceof EntenteError &&
          (e.code === 'FORECAST_MODEL_UNAVAILABLE' || (model === 'ktab' && e.code === 'INVALID_PARAMS'));
        if (!recorded) throw e;
        result.errors.push({ ...key, model, code: e.code, message: e.message });
        result.forecasts.push({ ...key, model, value: null });
        continue;
      }
      result.forecasts.push({ ...key, model, value: fin(point) });
      if (d.options?.length && Number.isFinite(point)) {
        const o = nearestOption(d.options, point);
        result.options.push({ ...key, model, option: o.id, label: o.label, position: o.position });
      }
      const draws = drawsFor(model, options);
      // Perturbed inputs keep the coded issue's yes/no reading (`nash_vote`).
      const binary = isBinaryIssue(issue);
      if (draws > 0 && issue.x.length > 0 && deferred?.has(drawKey(ci, di, model))) {
        const entry: IntervalEntry = { ...key, model, p05: null, p10: null, p50: null, p90: null, p95: null, draws };
        result.intervals.push(entry);
        pending.set(drawKey(ci, di, model), entry);
      } else if (draws > 0 && issue.x.length > 0) {
        const values =
          options.drawValues?.get(drawKey(ci, di, model)) ??
          monteCarlo(
            issue,
            (is) => forecastIssue(model, is, options.bdm, binary),
            draws,
            options.seed,
            [ci, di, mi],
            u,
          );
        result.intervals.push({
          ...key,
          model,
          p05: fin(quantile(values, 0.05)),
          p10: fin(quantile(values, 0.1)),
          p50: fin(quantile(values, 0.5)),
          p90: fin(quantile(values, 0.9)),
          p95: fin(quantile(values, 0.95)),
          draws,
        });
      }
      if (options.sensitivity)
        for (const [k, id] of ids.entries())
          for (const input of ['position', 'salience', 'capability'] as const) {
            const [lo, , hi] = inputRange(issue, k, input, u);
            const at = (v: number) => {
              const arr = input === 'position' ? 'x' : input === 'salience' ? 's' : 'c';
              const copy = Float64Array.from(issue[arr]);
              copy[k] = v;
              return forecastIssue(model, { ...issue, [arr]: copy }, options.bdm, binary);
            };
            const low = at(lo);
            const high = at(hi);
            result.sensitivity.push({
              ...key,
              model,
              actor: id,
              input,
              low: fin(low),
              high: fin(high),
              swing: Math.abs(high - low) || 0,
            });
          }
    }
    done++;
    options.onProgress?.(done / work.length);
  }
  // Largest swings first, per issue and model: the order a tornado chart draws them.
  result.sensitivity.sort(
    (a, b) =>
      a.case.localeCompare(b.case) ||
      a.dimension.localeCompare(b.dimension) ||
      a.model.localeCompare(b.model) ||
      b.swing - a.swing ||
      a.actor.localeCompare(b.actor) ||
      a.input.localeCompare(b.input),
  );
  return { result, pending };
}

/** Fills an interval entry's quantiles from its draws (as `runForecast` computes them). */
function fillInterval(entry: IntervalEntry, values: Float64Array): void {
  entry.p05 = fin(quantile(values, 0.05));
  entry.p10 = fin(quantile(values, 0.1));
  entry.p50 = fin(quantile(values, 0.5));
  entry.p90 = fin(quantile(values, 0.9));
  entry.p95 = fin(quantile(values, 0.95));
}

/** The Monte-Carlo work of a forecast as tasks of at most `chunk` draws (for worker threads). */
export function planForecastTasks(
  cases: readonly ForecastCase[],
  options: ForecastOptions,
  chunk = 250,
): ForecastTask[] {
  const models: ForecastModel[] = [...new Set<ForecastModel>([...BASELINES, ...options.models])];
  const u = { ...DEFAULT_UNCERTAINTY, ...options.uncertainty };
  const tasks: ForecastTask[] = [];
  cases.forEach((c, ci) => {
    c.dimensions.forEach((d, di) => {
      if (options.issues && !options.issues.includes(d.id)) return;
      const issue = issueOf(c, di);
      if (issue.x.length === 0) return;
      models.forEach((model, mi) => {
        // The KTAB bridge may be unavailable; its draws stay in the main thread, which reports that.
        if (model === 'ktab' && !KTAB_AVAILABLE) return;
        const draws = drawsFor(model, options);
        for (let first = 0; first < draws; first += chunk)
          tasks.push({
            issue,
            model,
            first,
            draws: Math.min(chunk, draws - first),
            seed: options.seed,
            coords: [ci, di, mi],
            uncertainty: u,
            bdm: options.bdm ?? {},
          });
      });
    });
  });
  return tasks;
}

/**
 * Runs a forecast with its Monte-Carlo draws spread over a splitter's threads (same numbers as
 * `runForecast`). The main thread computes the point forecasts, trajectories and sensitivity while
 * the threads draw (it would otherwise wait idle), then fills the intervals from the draws.
 */
export async function runForecastSplit(
  cases: readonly ForecastCase[],
  options: ForecastOptions,
  splitter: ForecastSplitter,
): Promise<ForecastResult> {
  const tasks = planForecastTasks(cases, options);
  let done = 0;
  const { onProgress, ...rest } = options;
  const drawing = splitter.run(tasks, () => {
    done++;
    onProgress?.(0.1 + (0.9 * done) / tasks.length);
  });
  // If the serial part throws (cancelled, unknown issue), a later failure of the draws is not unhandled.
  drawing.catch(() => undefined);
  const keys = new Set(tasks.map((t) => drawKey(t.coords[0]!, t.coords[1]!, t.model)));
  const { result, pending } = forecastWith(
    cases,
    { ...rest, ...(onProgress ? { onProgress: (f: number) => onProgress(0.1 * f) } : {}) },
    keys,
  );
  const values = await drawing;
  const parts = new Map<string, Float64Array[]>();
  tasks.forEach((t, k) => {
    const key = drawKey(t.coords[0]!, t.coords[1]!, t.model);
    const list = parts.get(key) ?? [];
    list.push(values[k]!);
    parts.set(key, list);
  });
  for (const [key, entry] of pending) {
    const list = parts.get(key) ?? [];
    const all = new Float64Array(list.reduce((a, v) => a + v.length, 0));
    let at = 0;
    for (const v of list) {
      all.set(v, at);
      at += v.length;
    }
    fillInterval(entry, all);
  }
  return result;
}

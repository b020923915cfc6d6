import { EntenteError } from '../errors';
import { createRandom } from '../random/seeded-random';
import type { ScenarioModel } from '../scenario/scenario-model';
import { mediatedProtocol } from './mediated';
import { type PartialStage, runStaged } from './partial-agreements';
import { PROTOCOLS, type ProtocolRunner } from './protocols';
import type { ScheduleEntry } from './schedule';
import { strategyRegistry } from './strategy-registry';
import { type ScenarioTable, type ScenarioTableOptions, scenarioTable } from './table/scenario-table';
import type { RunConfig, RunEnd, RunOutcome, TraceEntry } from './types';
import { drawModel, runSeed, type UncertaintySpec, validateUncertainty } from './uncertainty';

/** Everything a sweep of seeded runs on a scenario needs. */
export interface ManyRunsParams {
  /** Protocol, strategies, deadline and the rest of a run's configuration (the seed comes per run). */
  readonly config: Omit<RunConfig, 'seed' | 'trace'>;
  readonly runs: number;
  readonly seed: number;
  readonly table?: Omit<ScenarioTableOptions, 'schedule'>;
  readonly schedule?: readonly ScheduleEntry[];
  readonly uncertainty?: UncertaintySpec;
  /** Partial agreements tried before the main negotiation. */
  readonly partials?: readonly PartialStage[];
  /** P(agreement) against a lever: run r uses strengths[r mod S], from `round` (default 0). */
  readonly leverSweep?: { readonly lever: string; readonly strengths: readonly number[]; readonly round?: number };
  /** Mediator settings when the protocol is `mediated`. */
  readonly mediator?: { patience?: number; leaveAt?: number; step?: number };
}

/** One run, as the sweep records it. */
export interface RunRecord {
  readonly run: number;
  readonly end: RunEnd;
  /** Option index per issue of the agreement, or null. */
  readonly terms: number[] | null;
  readonly finalStep: number;
  readonly utilities: readonly number[] | null;
  readonly walkedAway: number | null;
  /** The swept lever's strength in this run, when sweeping. */
  readonly strength: number | null;
  /** Euclidean distance in utility space to the Pareto frontier's convex part (supporting hyperplanes), agreements only. */
  readonly paretoDistance: number | null;
  /** Euclidean distance to the Nash-like package's utilities, agreements only. */
  readonly nashDistance: number | null;
  /** The deadline the run had (drawn when random). */
  readonly deadline: number;
  /** Every offer, when the run was asked to trace. */
  readonly trace?: readonly TraceEntry[];
}

/** Bins of the distance histograms: width 0.02 up to 1. */
const DIST_BINS = 50;
const MICRO = 1e6;

/**
 * A block of runs [from, to): JSON of integer counts only, so blocks add up to the same aggregate
 * in any completion order and on any number of workers.
 */
export interface Block {
  readonly from: number;
  readonly to: number;
  readonly runs: number;
  readonly ends: Record<RunEnd, number>;
  /** Per party: runs in which it walked away. */
  readonly walkedAway: number[];
  /** Per issue, per option: agreements with that option. */
  readonly terms: number[][];
  /** Agreements by final step (index = step). */
  readonly agreementSteps: number[];
  /** Per party: Σ utility of agreements in millionths. */
  readonly utilityMicro: number[];
  readonly paretoMicro: number;
  readonly nashMicro: number;
  readonly paretoHist: number[];
  readonly nashHist: number[];
  /** Per swept strength: runs and agreements. */
  readonly sweep: { strength: number; runs: number; agreements: number }[];
  /** The block's runs themselves, when the caller asked to keep them (small sweeps, for CSV). */
  readonly records?: RunRecord[];
}

/** What the sweep reports over all runs. */
export interface ManyRunsResult {
  readonly runs: number;
  readonly parties: readonly string[];
  readonly agreements: number;
  readonly pAgreement: number;
  /** 95% Wilson score interval of P(agreement). */
  readonly interval: readonly [number, number];
  readonly ends: Record<RunEnd, number>;
  readonly walkedAway: Record<string, number>;
  /** Per issue: the share of agreements with each option (option id → share). */
  readonly terms: Record<string, Record<string, number>>;
  /** Rounds to agreement: mean, median and 90th percentile (null without agreements). */
  readonly timeToAgreement: { mean: number; median: number; p90: number } | null;
  /** Per party: mean utility of the agreements. */
  readonly meanUtilities: Record<string, number> | null;
  readonly meanParetoDistance: number | null;
  readonly meanNashDistance: number | null;
  readonly paretoHistogram: number[];
  readonly nashHistogram: number[];
  /** P(agreement) against the swept lever's strength, with intervals. */
  readonly sweep: { strength: number; runs: number; pAgreement: number; interval: [number, number] }[];
}

/** The 95% Wilson score interval of a proportion. */
export function wilson(successes: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // At 0 or n successes the bound is exactly 0 or 1 (floats would leave a residue).
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}

const directionCache = new Map<number, Float64Array[]>();

/** Non-negative directions on the unit sphere: the axes, the diagonal and a fixed seeded set (cached per party count). */
function directions(n: number, count = 32): Float64Array[] {
  const hit = directionCache.get(n);
  if (hit) return hit;
  const out: Float64Array[] = [];
  for (let p = 0; p < n; p++) out.push(Float64Array.from({ length: n }, (_, q) => (q === p ? 1 : 0)));
  out.push(new Float64Array(n).fill(1 / Math.sqrt(n)));
  const rng = createRandom(0x5eed);
  for (let k = 0; k < count; k++) {
    const v = Float64Array.from({ length: n }, () => -Math.log(1 - rng.next()));
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  directionCache.set(n, out);
  return out;
}

/**
 * Distance of a utility point to the convex Pareto frontier: the smallest gap to a supporting
 * hyperplane with non-negative unit normal (0 on a supported frontier point), over sampled normals.
 */
function paretoGap(table: ScenarioTable, u: readonly number[], dirs: readonly Float64Array[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const d of dirs) {
    const top = table.weightedBest(d);
    let gap = 0;
    for (let p = 0; p < u.length; p++) gap += d[p]! * (table.utility(p, top) - u[p]!);
    best = Math.min(best, Math.max(0, gap));
  }
  return best;
}

function runnerOf(params: ManyRunsParams): ProtocolRunner {
  if (params.config.protocol === 'mediated') return mediatedProtocol(params.mediator ?? {});
  const runner = PROTOCOLS[params.config.protocol];
  if (!runner)
    throw new EntenteError(
      'SIMULATION_INVALID',
      `Unknown protocol "${params.config.protocol}"; known: ${[...Object.keys(PROTOCOLS), 'mediated'].join(', ')}.`,
    );
  return runner;
}

/** Tables shared by runs without uncertainty (one per swept strength), built on first use. */
type TableCache = Map<number, ScenarioTable>;

function tableFor(model: ScenarioModel, params: ManyRunsParams, strengthIndex: number): ScenarioTable {
  const sweep = params.leverSweep;
  const schedule = [
    ...(params.schedule ?? []),
    ...(sweep ? [{ round: sweep.round ?? 0, lever: sweep.lever, strength: sweep.strengths[strengthIndex]! }] : []),
  ];
  return scenarioTable(model, { ...params.table, schedule });
}

/**
 * One run of a sweep: its model drawn from the uncertainty with the run's own seed (from the sweep's
 * seed and the run number only), its table, the protocol, and the measures of its outcome.
 */
export function runOne(
  model: ScenarioModel,
  params: ManyRunsParams,
  run: number,
  cache: TableCache = new Map(),
  trace = false,
): RunRecord {
  const seed = runSeed(params.seed, run);
  const s = params.leverSweep ? run % params.leverSweep.strengths.length : 0;
  const drawn = params.uncertainty ? drawModel(model, params.uncertainty, createRandom(seed)) : model;
  let table: ScenarioTable;
  if (drawn === model) {
    table = cache.get(s) ?? tableFor(model, params, s);
    cache.set(s, table);
  } else table = tableFor(drawn, params, s);
  table.setRound(0);
  const config: RunConfig = { ...params.config, seed: (seed ^ 0x9e3779b9) >>> 0, trace };
  const runner = runnerOf(params);
  const players = (t: ScenarioTable) =>
    strategyRegistry.create(t, config.strategies, { compat: config.compat ?? 'entente' });
  let out: RunOutcome;
  let final = table;
  if (params.partials && params.partials.length > 0) {
    const staged = runStaged(table, params.partials, config, runner, players);
    out = { ...staged.main, finalStep: staged.totalSteps };
  } else out = runner(final, players(final), config, createRandom(config.seed));
  final = table;
  let paretoDistance: number | null = null;
  let nashDistance: number | null = null;
  if (out.agreement !== null && out.utilities) {
    final.setRound(Math.max(0, out.finalStep - 1));
    paretoDistance = paretoGap(final, out.utilities, directions(final.parties.length));
    const nash = final.nashLike();
    nashDistance = Math.hypot(...out.utilities.map((u, p) => u - final.utility(p, nash)));
  }
  return {
    run,
    end: out.end,
    terms: out.agreement === null ? null : table.decode(out.agreement),
    finalStep: out.finalStep,
    utilities: out.utilities,
    walkedAway: out.walkedAway,
    strength: params.leverSweep ? params.leverSweep.strengths[s]! : null,
    paretoDistance,
    nashDistance,
    deadline: out.deadline,
    ...(out.trace ? { trace: out.trace } : {}),
  };
}

const bin = (x: number) => Math.min(DIST_BINS - 1, Math.floor(x * DIST_BINS));

/** An empty block for a scenario's table shape. */
function emptyBlock(table: ScenarioTable, params: ManyRunsParams, from: number, to: number): Block {
  return {
    from,
    to,
    runs: 0,
    ends: { agreement: 0, timeout: 0, 'walk-away': 0, broken: 0 },
    walkedAway: table.parties.map(() => 0),
    terms: table.issues.map((i) => i.options.map(() => 0)),
    agreementSteps: [],
    utilityMicro: table.parties.map(() => 0),
    paretoMicro: 0,
    nashMicro: 0,
    paretoHist: new Array(DIST_BINS).fill(0),
    nashHist: new Array(DIST_BINS).fill(0),
    sweep: (params.leverSweep?.strengths ?? []).map((strength) => ({ strength, runs: 0, agreements: 0 })),
  };
}

/**
 * Runs [range.from, range.to) of a sweep and counts them into a block (the distributed sweep's
 * `block`). `range.seed` overrides the params' seed when given.
 */
export function runBlock(
  model: ScenarioModel,
  params: ManyRunsParams,
  range: { from: number; to: number; seed?: number },
  ctx?: { signal?: AbortSignal; progress?(fraction: number): void; keepRecords?: boolean },
): Block {
  const p = range.seed === undefined ? params : { ...params, seed: range.seed };
  const cache: TableCache = new Map();
  if (p.uncertainty) validateUncertainty(model, p.uncertainty);
  const probe = tableFor(model, p, 0);
  const block = emptyBlock(probe, p, range.from, range.to) as {
    -readonly [K in keyof Block]: Block[K];
  };
  for (let r = range.from; r < range.to; r++) {
    if (ctx?.signal?.aborted) throw new EntenteError('CANCELLED', 'The sweep was cancelled.');
    const rec = runOne(model, p, r, cache);
    if (ctx?.keepRecords) {
      block.records ??= [];
      block.records.push(rec);
    }
    block.runs++;
    block.ends[rec.end]++;
    if (rec.walkedAway !== null) block.walkedAway[rec.walkedAway]!++;
    const sw = p.leverSweep ? block.sweep[r % p.leverSweep.strengths.length]! : null;
    if (sw) sw.runs++;
    if (rec.terms && rec.utilities) {
      if (sw) sw.agreements++;
      for (const [i, o] of rec.terms.entries()) block.terms[i]![o]!++;
      while (block.agreementSteps.length <= rec.finalStep) block.agreementSteps.push(0);
      block.agreementSteps[rec.finalStep]!++;
      rec.utilities.forEach((u, q) => {
        block.utilityMicro[q]! += Math.round(u * MICRO);
      });
      block.paretoMicro += Math.round(rec.paretoDistance! * MICRO);
      block.nashMicro += Math.round(rec.nashDistance! * MICRO);
      block.paretoHist[bin(rec.paretoDistance!)]!++;
      block.nashHist[bin(rec.nashDistance!)]!++;
    }
    if (ctx?.progress && (r - range.from) % 256 === 255) ctx.progress((r - range.from + 1) / (range.to - range.from));
  }
  return block;
}

const addInto = (a: number[], b: readonly number[]) => {
  while (a.length < b.length) a.push(0);
  b.forEach((x, i) => {
    a[i]! += x;
  });
};

/** A quantile of a histogram of integers (index = value). */
function quantile(hist: readonly number[], total: number, q: number): number {
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= q * total) return i;
  }
  return hist.length - 1;
}

/**
 * Adds blocks (in block order; integer sums, so any order gives the same) into the sweep's result
 * (the distributed sweep's `combine`).
 */
export function combineBlocks(blocks: readonly Block[], model: ScenarioModel, params: ManyRunsParams): ManyRunsResult {
  const table = tableFor(model, params, 0);
  const sum = emptyBlock(table, params, 0, 0) as { -readonly [K in keyof Block]: Block[K] };
  for (const b of blocks) {
    sum.runs += b.runs;
    for (const k of Object.keys(sum.ends) as RunEnd[]) sum.ends[k] += b.ends[k];
    addInto(sum.walkedAway, b.walkedAway);
    for (const [i, row] of b.terms.entries()) addInto(sum.terms[i]!, row);
    addInto(sum.agreementSteps, b.agreementSteps);
    addInto(sum.utilityMicro, b.utilityMicro);
    sum.paretoMicro += b.paretoMicro;
    sum.nashMicro += b.nashMicro;
    addInto(sum.paretoHist, b.paretoHist);
    addInto(sum.nashHist, b.nashHist);
    b.sweep.forEach((s, i) => {
      sum.sweep[i]!.runs += s.runs;
      sum.sweep[i]!.agreements += s.agreements;
    });
  }
  const a = sum.ends.agreement;
  const stepsTotal = sum.agreementSteps.reduce((acc, c, i) => acc + c * i, 0);
  return {
    runs: sum.runs,
    parties: table.parties,
    agreements: a,
    pAgreement: sum.runs === 0 ? 0 : a / sum.runs,
    interval: wilson(a, sum.runs),
    ends: sum.ends,
    walkedAway: Object.fromEntries(table.parties.map((id, p) => [id, sum.walkedAway[p]!])),
    terms: Object.fromEntries(
      table.issues.map((issue, i) => [
        issue.id,
        Object.fromEntries(issue.options.map((o, j) => [o, a === 0 ? 0 : sum.terms[i]![j]! / a])),
      ]),
    ),
    timeToAgreement:
      a === 0
        ? null
        : {
            mean: stepsTotal / a,
            median: quantile(sum.agreementSteps, a, 0.5),
            p90: quantile(sum.agreementSteps, a, 0.9),
          },
    meanUtilities:
      a === 0 ? null : Object.fromEntries(table.parties.map((id, p) => [id, sum.utilityMicro[p]! / MICRO / a])),
    meanParetoDistance: a === 0 ? null : sum.paretoMicro / MICRO / a,
    meanNashDistance: a === 0 ? null : sum.nashMicro / MICRO / a,
    paretoHistogram: sum.paretoHist,
    nashHistogram: sum.nashHist,
    sweep: sum.sweep.map((s) => ({
      strength: s.strength,
      runs: s.runs,
      pAgreement: s.runs === 0 ? 0 : s.agreements / s.runs,
      interval: wilson(s.agreements, s.runs),
    })),
  };
}

/**
 * Many seeded runs on a scenario, in blocks of `blockSize` (results do not depend on it).
 * @example runMany(model, { config: { protocol: 'sao', strategies: ['boulware', 'conceder'], deadline: { kind: 'fixed', steps: 100 } }, runs: 1000, seed: 1 })
 */
export function runMany(model: ScenarioModel, params: ManyRunsParams, blockSize = 4096): ManyRunsResult {
  const blocks: Block[] = [];
  for (let from = 0; from < params.runs; from += blockSize)
    blocks.push(runBlock(model, params, { from, to: Math.min(params.runs, from + blockSize) }));
  return combineBlocks(blocks, model, params);
}

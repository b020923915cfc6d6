import { z } from 'zod';
import { IdListParam, parseIdListText } from '../engine/param-forms';
import { defineEngine } from '../engine/types';
import { EntenteError } from '../errors';
import { formatTable } from '../report/format-table';
import type { ReportBlock, ReportSection } from '../report/render-analysis';
import { BDM_DEFAULTS } from './bdm';
import { loadForecastSource } from './load-case';
import {
  FORECAST_MODELS,
  type ForecastOptions,
  type ForecastResult,
  KTAB_DEFAULT_DRAWS,
  runForecast,
  runForecastSplit,
} from './run-forecast';
import type { ForecastCase } from './types';

const ModelList = z.preprocess(
  (v) => (typeof v === 'string' ? parseIdListText(v) : v),
  z.array(z.enum(FORECAST_MODELS)).min(1).max(FORECAST_MODELS.length),
);

const ForecastParams = z
  .object({
    model: ModelList.default([...FORECAST_MODELS]).describe(
      `models to run, comma-separated: ${FORECAST_MODELS.join(', ')} (weighted_mean and weighted_median always run)`,
    ),
    draws: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(200)
      .describe('Monte-Carlo draws per issue and model (0: none)'),
    ktabDraws: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(KTAB_DEFAULT_DRAWS)
      .describe('Monte-Carlo draws for ktab, at most --draws (an SMP run costs ~70 BDM runs)'),
    issue: IdListParam.optional().describe('only these issues (dimension ids)'),
    capability: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('capability variant of cases that name several (DEU: equal, council_votes; default: the first)'),
    positionSpread: z.number().min(0).max(100).default(10).describe('position uncertainty: ± points of a 0–100 scale'),
    salienceSpread: z.number().min(0).max(1).default(0.1).describe('salience uncertainty: ± on the 0–1 scale'),
    capabilitySpread: z.number().min(0).max(1).default(0.2).describe('capability uncertainty: ± fraction'),
    distribution: z.enum(['triangular', 'uniform']).default('triangular').describe('shape of each uncertainty range'),
    sensitivity: z.boolean().default(true).describe('compute the one-at-a-time sensitivity (tornado) table'),
    threads: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(2)
      .describe('worker threads for the Monte-Carlo draws of large runs (the numbers do not depend on it)'),
    bdmQ: z
      .number()
      .min(0)
      .max(1)
      .default(BDM_DEFAULTS.q)
      .describe('BDM: probability of the status quo without a challenge'),
    bdmRange: z
      .enum(['dynamic', 'fixed'])
      .default(BDM_DEFAULTS.range)
      .describe('BDM: utility range = spread of positions or the scale'),
    bdmSecurity: z
      .enum(['column', 'row'])
      .default(BDM_DEFAULTS.security)
      .describe('BDM: security sum for risk attitudes'),
    bdmConflict: z
      .enum(['no-move', 'loser-moves'])
      .default(BDM_DEFAULTS.conflict)
      .describe('BDM: what a conflict does'),
    bdmSelection: z
      .enum(['most-enforceable', 'least-move'])
      .default(BDM_DEFAULTS.selection)
      .describe('BDM: which offer an actor accepts'),
    bdmRounds: z.number().int().min(1).max(1000).default(BDM_DEFAULTS.rounds).describe('BDM: rounds at most'),
    bdmForecast: z
      .enum(['median', 'mean'])
      .default(BDM_DEFAULTS.forecast)
      .describe('BDM: forecast read from the last round'),
  })
  .strict();

type Params = z.output<typeof ForecastParams>;

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(2));

/** The forecast table of one result: one row per issue, one column per model, intervals beside. */
function forecastTable(result: ForecastResult): string[][] {
  const header = ['case', 'issue', ...result.models.map((m) => (result.draws > 0 ? `${m} [p10–p90]` : m))];
  const rows = result.issues.map((is) => [
    is.case,
    is.dimension,
    ...result.models.map((m) => {
      const f = result.forecasts.find((e) => e.case === is.case && e.dimension === is.dimension && e.model === m);
      const i = result.intervals.find((e) => e.case === is.case && e.dimension === is.dimension && e.model === m);
      return i ? `${fmt(f?.value)} [${fmt(i.p10)}–${fmt(i.p90)}]` : fmt(f?.value);
    }),
  ]);
  return [header, ...rows];
}

/** Says so when KTAB's intervals rest on fewer draws than the other models' (its own, smaller default). */
function ktabNote(result: ForecastResult): string {
  const k = result.intervals.find((i) => i.model === 'ktab');
  return k && k.draws !== result.draws ? ` (ktab: ${k.draws}, see --ktab-draws)` : '';
}

/** Renders a forecast for a terminal: the table, nearest options, top sensitivities and who moved whom. */
export function renderForecast(result: ForecastResult): string {
  const out: string[] = [];
  out.push(
    `Forecasts (${result.models.join(', ')}; ${result.draws} Monte-Carlo draws${ktabNote(result)}, seed ${result.seed}). The weighted mean (compromise model) is the benchmark to beat.`,
    '',
    formatTable(forecastTable(result), { width: 120 }),
    '',
  );
  if (result.options.length) {
    out.push('Nearest option to each forecast:');
    for (const o of result.options) out.push(`  ${o.dimension} · ${o.model}: ${o.label} (${o.position})`);
    out.push('');
  }
  if (result.sensitivity.length && result.issues.length <= 20) {
    out.push('Inputs that move the weighted-mean forecast most (low → high end of each range):');
    for (const is of result.issues) {
      const top = result.sensitivity
        .filter((s) => s.case === is.case && s.dimension === is.dimension && s.model === 'weighted_mean')
        .slice(0, 3);
      if (top.length)
        out.push(
          `  ${is.dimension}: ${top.map((s) => `${s.actor} ${s.input} ${fmt(s.low)}→${fmt(s.high)}`).join('; ')}`,
        );
    }
    out.push('');
  }
  if (result.moves.length && result.issues.length <= 5) {
    out.push('BDM challenges that moved actors (round: actor ← challenger, kind):');
    for (const m of result.moves.slice(0, 40))
      out.push(`  ${m.dimension} r${m.t}: ${m.actor} ${fmt(m.from)}→${fmt(m.to)} ← ${m.by} (${m.kind})`);
    if (result.moves.length > 40) out.push(`  … ${result.moves.length - 40} more (--json lists all)`);
    out.push('');
  }
  for (const e of result.errors.filter((e, k, all) => all.findIndex((x) => x.model === e.model) === k))
    out.push(`${e.model}: ${e.message} (${e.code})`);
  return `${out.join('\n')}\n`;
}

const csvCell = (v: string | number | null) => {
  const t = v === null ? '' : String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

/** One CSV row per case, dimension and model: the forecast, its interval and the nearest option. */
function forecastCsv(result: ForecastResult): string {
  const rows: (string | number | null)[][] = [
    ['case', 'dimension', 'model', 'value', 'p10', 'p50', 'p90', 'nearest_option'],
  ];
  for (const f of result.forecasts) {
    const same = (e: { case: string; dimension: string; model: string }) =>
      e.case === f.case && e.dimension === f.dimension && e.model === f.model;
    const i = result.intervals.find(same);
    rows.push([
      f.case,
      f.dimension,
      f.model,
      f.value,
      i?.p10 ?? null,
      i?.p50 ?? null,
      i?.p90 ?? null,
      result.options.find(same)?.option ?? null,
    ]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

/** The forecast section of `entente analyze`. */
function forecastSection(result: ForecastResult): ReportSection {
  const blocks: ReportBlock[] = [
    {
      paragraph:
        'Where the bargaining is likely to settle on each issue, on its 0–100 option scale: the compromise model (capability × salience weighted mean), the weighted median and the strategic models, with Monte-Carlo p10–p90 intervals. On EU legislative data the weighted mean is as accurate as the strategic models; treat the spread as the message.',
    },
    { table: forecastTable(result) },
  ];
  const near = result.options.filter((o) => o.model === 'weighted_mean');
  if (near.length)
    blocks.push({ table: [['issue', 'nearest option (weighted mean)'], ...near.map((o) => [o.dimension, o.label])] });
  return {
    title: 'Forecast',
    blocks,
    // One line for the whole engine, however many issues: the analysis summary is the answer first.
    summary: near.length
      ? [
          `Forecast (compromise model, nearest option): ${near
            .slice(0, 3)
            .map((o) => `${o.dimension} “${o.label}”`)
            .join('; ')}${near.length > 3 ? `; and ${near.length - 3} more issue${near.length > 4 ? 's' : ''}` : ''}.`,
        ]
      : [],
  };
}

/** The forecasting engine: compromise, weighted median, Nash bargaining, BDM challenge model and KTAB SMP, with Monte-Carlo intervals. */
export const forecastEngine = defineEngine({
  id: 'forecast',
  title: 'Forecast',
  summary:
    'Forecast where the bargaining settles on each issue: compromise (weighted mean), weighted median, Nash bargaining solution, BDM challenge model, KTAB SMP; Monte-Carlo intervals and sensitivity',
  input: {
    name: 'input',
    description: 'negotiation-case/1 JSON or JSONL, KTAB CSV or XML, or a scenario',
    min: 1,
    max: 1,
    scenario: true,
  },
  params: ForecastParams,
  long: true,
  result: z
    .object({
      models: z.array(z.string()),
      draws: z.number(),
      seed: z.number(),
      forecasts: z.array(
        z.object({ case: z.string(), dimension: z.string(), model: z.string(), value: z.number().nullable() }),
      ),
      trajectories: z.array(
        z.object({
          case: z.string(),
          dimension: z.string(),
          model: z.string(),
          rounds: z.array(z.object({ t: z.number(), positions: z.record(z.string(), z.number()) })),
        }),
      ),
      moves: z.array(z.object({}).loose()),
      intervals: z.array(z.object({}).loose()),
      sensitivity: z.array(z.object({}).loose()),
      options: z.array(z.object({}).loose()),
      issues: z.array(z.object({}).loose()),
      errors: z.array(z.object({}).loose()),
    })
    .loose(),
  load: (sources, params): ForecastCase[] =>
    loadForecastSource(sources[0]!, params.capability ? { capability: params.capability } : {}),
  async run(cases, params: Params, ctx) {
    const onlyUnavailable = params.model.every((m) => m === 'ktab');
    const options: ForecastOptions = {
      models: params.model,
      ...(params.issue ? { issues: params.issue } : {}),
      draws: params.draws,
      ktabDraws: params.ktabDraws,
      seed: ctx.random.int(2 ** 31),
      uncertainty: {
        position: params.positionSpread,
        salience: params.salienceSpread,
        capability: params.capabilitySpread,
        distribution: params.distribution,
      },
      sensitivity: params.sensitivity,
      bdm: {
        q: params.bdmQ,
        range: params.bdmRange,
        security: params.bdmSecurity,
        conflict: params.bdmConflict,
        selection: params.bdmSelection,
        rounds: params.bdmRounds,
        forecast: params.bdmForecast,
      },
      onProgress: (f) => ctx.progress(f, 'forecast'),
      signal: ctx.signal,
    };
    const issues = cases.reduce((a, c) => a + c.dimensions.length, 0);
    // Threads pay off only past a few thousand model runs; below that, starting them costs more.
    const make = ctx.splitters.forecast;
    let result: ForecastResult;
    if (make && params.threads > 1 && issues * params.draws >= 20_000) {
      const splitter = make(params.threads);
      try {
        result = await runForecastSplit(cases, options, splitter);
      } finally {
        await splitter.close();
      }
    } else result = runForecast(cases, options);
    const ktabError = result.errors.find((e) => e.model === 'ktab');
    if (onlyUnavailable && ktabError) throw new EntenteError('FORECAST_MODEL_UNAVAILABLE', ktabError.message);
    return result;
  },
  render: (result) => renderForecast(result),
  csv: (result) => forecastCsv(result),
  section: (result) => forecastSection(result),
  report: {
    // Only scenarios whose parties have preferences over issues with option positions give a forecast.
    applies: (scenario) => Object.keys(scenario.preferences).length >= 2 && scenario.issues.length > 0,
    params: { model: ['weighted_mean', 'weighted_median', 'bdm'], draws: 100, sensitivity: false },
  },
});

import { z } from 'zod';
import { IdListParam } from '../engine/param-forms';
import { loadScenarioSource, SCENARIO_INPUT } from '../engine/scenario-input';
import { defineEngine } from '../engine/types';
import { EntenteError } from '../errors';
import { formatTable, signed } from '../report/format-table';
import { type BacktestResult, backtest } from './backtest';
import { backtestCsv } from './backtest-csv';
import {
  type AblationRow,
  ablationTable,
  type OutOfSampleOptions,
  type OutOfSampleResult,
  outOfSampleBacktest,
  parseTermNames,
} from './out-of-sample';
import { parseProposalRecord } from './proposal-record';
import { PartialDateSchema } from './schema';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const BacktestParams = z
  .object({
    splitDate: PartialDateSchema.optional().describe(
      'out-of-sample: fit the answer model on proposals wholly before this date, score the later ones',
    ),
    rolling: z
      .boolean()
      .default(false)
      .describe('out-of-sample: score each proposal with a model fitted only on earlier ones'),
    loo: z.boolean().default(false).describe('out-of-sample: leave one proposal out at a time'),
    record: z
      .string()
      .max(5_000_000)
      .optional()
      .describe(
        'out-of-sample: score the proposals and answers in this YAML, JSON or CSV file (fitted on the scenario)',
      )
      .meta({ cli: { file: true } }),
    refit: z
      .boolean()
      .default(true)
      .describe('refit the answer model on each training set (false: published defaults)'),
    terms: IdListParam.optional().describe(
      'answer-model terms to use: changes, red-line-penalty, proposers, leverage, hold-out (default: changes,red-line-penalty)',
    ),
    ablation: z
      .boolean()
      .default(false)
      .describe(
        'with an out-of-sample mode: the figures without each term (dated changes, proposers, red-line penalty)',
      ),
  })
  .strict();

/** Renders an ablation table. */
function renderAblation(rows: readonly AblationRow[]): string[] {
  return [
    'Ablation (out-of-sample, the same answers):',
    formatTable(
      [
        ['term', 'yes/no with', 'without', 'Brier with', 'without'],
        ...rows.map((r) => [
          r.term,
          pct(r.with.accuracy),
          pct(r.without.accuracy),
          r.with.brier.toFixed(3),
          r.without.brier.toFixed(3),
        ]),
      ],
      { indent: '  ' },
    ),
  ];
}

/** Renders the out-of-sample part of a backtest. */
function renderOutOfSample(o: OutOfSampleResult): string[] {
  const how: Record<OutOfSampleResult['mode'], string> = {
    split: `fitted on proposals before ${o.splitDate}, scored on the rest`,
    rolling: 'each proposal scored by a model fitted only on earlier ones',
    loo: 'each proposal left out of the fit in turn',
    record: `the --record file scored by a model fitted on the scenario${o.splitDate ? ` before ${o.splitDate}` : ''}`,
  };
  const out = [`Out-of-sample (${how[o.mode]}): ${o.n} answers.`];
  if (o.n === 0) return [...out, '  Nothing to score: no answer had training answers before it.'];
  out.push(
    formatTable(
      [
        ['', 'yes/no', '3 answers', 'Brier', 'log loss'],
        ['model', pct(o.accuracy), pct(o.accuracy3), o.brier.toFixed(3), o.logLoss.toFixed(3)],
        ['per-party majority', pct(o.baselines.perPartyMajority), pct(o.baselines3.perPartyMajority), '', ''],
        ['overall majority', pct(o.baselines.majority), pct(o.baselines3.majority), '', ''],
      ],
      { indent: '  ' },
    ),
  );
  out.push('  Baselines are fitted on the same training answers as the model.');
  out.push(
    formatTable(
      [
        ['predicted P(yes)', 'answers', 'mean predicted', 'observed yes'],
        ...o.reliability.map((b) => [
          `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
          String(b.n),
          pct(b.meanPredicted),
          pct(b.observedYes),
        ]),
      ],
      { indent: '  ' },
    ),
  );
  if (o.lastFit)
    out.push(
      `  Answer model fitted on ${o.lastFit.answers} answers: scale ${o.lastFit.params.scale.toFixed(3)}, red-line penalty ${o.lastFit.params.redLinePenalty.toFixed(2)}, shift ${signed(o.lastFit.params.shift)}, band factor ${o.lastFit.params.bandFactor.toFixed(2)}.`,
    );
  if (o.skipped.length > 0)
    out.push(`  Not scored: ${o.skipped.length} answers (${[...new Set(o.skipped.map((s) => s.reason))].join('; ')}).`);
  out.push(
    "  Only the answer model is refitted; the preferences are the scenario author's, so answers they were set with in view are not wholly unseen.",
  );
  return out;
}

/** Renders a backtest for a terminal. */
export function renderBacktest(result: BacktestResult & { ablation?: AblationRow[] }): string {
  const out: string[] = [];
  out.push(
    formatTable([
      ['date', 'proposal', 'party', 'observed', 'predicted', 'margin', ''],
      ...result.comparisons.map((c) => [
        c.date,
        c.proposal,
        c.actor,
        c.observed,
        c.predicted,
        signed(c.margin),
        c.match ? 'ok' : 'MISS',
      ]),
    ]),
  );
  out.push('');
  out.push(
    `Accuracy: ${result.correct}/${result.scored} = ${pct(result.accuracy)} (yes/no direction: ${pct(result.directionAccuracy)})`,
  );
  out.push(
    `In-sample (the preferences were set with these answers in view). Naive yardstick: always answering "${result.baseline.answer ?? '-'}" would score ${pct(result.baseline.accuracy)}. Brier ${result.inSample.brier.toFixed(3)}, log loss ${result.inSample.logLoss.toFixed(3)}.`,
  );
  if (result.outOfSample) out.push(...renderOutOfSample(result.outOfSample));
  if (result.ablation) out.push(...renderAblation(result.ablation));
  out.push(
    formatTable(
      [
        ['party', 'scored', 'accuracy'],
        ...Object.entries(result.byActor).map(([a, f]) => [a, String(f.scored), pct(f.accuracy)]),
      ],
      { indent: '  ' },
    ),
  );
  out.push(
    formatTable(
      [
        ['issue', 'scored', 'accuracy'],
        ...Object.entries(result.byIssue).map(([i, f]) => [i, String(f.scored), pct(f.accuracy)]),
      ],
      { indent: '  ' },
    ),
  );
  if (result.skipped.length)
    out.push(`Not scored: ${result.skipped.map((s) => `${s.proposal}/${s.actor} (${s.reason})`).join('; ')}`);
  return `${out.join('\n')}\n`;
}

/** The backtest as a registered engine. */
export const backtestEngine = defineEngine({
  id: 'backtest',
  title: 'Backtest',
  summary: 'Replay every recorded proposal and compare the predicted answers with the observed ones',
  input: SCENARIO_INPUT,
  params: BacktestParams,
  result: z
    .object({
      accuracy: z.number(),
      directionAccuracy: z.number(),
      scored: z.number(),
      correct: z.number(),
      comparisons: z.array(z.object({ proposal: z.string(), actor: z.string() }).loose()),
      baseline: z.object({ answer: z.string().nullable(), accuracy: z.number() }),
    })
    .loose(),
  load: (sources) => loadScenarioSource(sources[0]!),
  run: (input, params, ctx) => {
    const modes = [
      params.splitDate && !params.record ? '--split-date' : null,
      params.rolling ? '--rolling' : null,
      params.loo ? '--loo' : null,
      params.record ? '--record' : null,
    ].filter(Boolean);
    if (modes.length > 1)
      throw new EntenteError(
        'CONTRADICTORY_OPTIONS',
        `${modes.join(' and ')} cannot be combined: choose one way to keep answers out of the fit.`,
      );
    const result = backtest(input.model);
    const mode = params.record
      ? 'record'
      : params.rolling
        ? 'rolling'
        : params.loo
          ? 'loo'
          : params.splitDate
            ? 'split'
            : null;
    if (!mode) {
      if (params.ablation)
        throw new EntenteError(
          'CONTRADICTORY_OPTIONS',
          '--ablation needs an out-of-sample mode: add --rolling, --loo, --split-date or --record.',
        );
      return result;
    }
    // One set of options for the backtest and its ablation, so the record is parsed once.
    const options: OutOfSampleOptions = {
      mode,
      splitDate: params.splitDate,
      record: params.record ? parseProposalRecord(params.record, 'the --record file') : undefined,
      refit: params.refit,
      terms: params.terms ? parseTermNames(params.terms) : undefined,
      signal: ctx.signal,
    };
    const outOfSample = outOfSampleBacktest(input.model, options);
    if (!params.ablation) return { ...result, outOfSample };
    const ablation = ablationTable(input.model, options, outOfSample);
    return { ...result, outOfSample, ablation };
  },
  render: (result) => renderBacktest(result),
  csv: (result) => backtestCsv(result),
});

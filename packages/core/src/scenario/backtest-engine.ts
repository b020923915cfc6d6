import { z } from 'zod';
import { loadScenarioSource, SCENARIO_INPUT } from '../engine/scenario-input';
import { defineEngine } from '../engine/types';
import { formatTable, signed } from '../report/format-table';
import { type BacktestResult, backtest } from './backtest';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Renders a backtest for a terminal. */
export function renderBacktest(result: BacktestResult): string {
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
    `Naive yardstick: always answering "${result.baseline.answer ?? '-'}" would score ${pct(result.baseline.accuracy)}. The accuracy is in-sample when the preferences were set with this record in view.`,
  );
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
  params: z.object({}).strict(),
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
  run: (input) => backtest(input.model),
  render: (result) => renderBacktest(result),
});

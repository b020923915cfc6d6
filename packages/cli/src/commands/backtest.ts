import { backtest, formatTable, signed } from '@entente/core';
import type { Command } from 'commander';
import { loadScenarioFile } from '../load-scenario';
import { action, printJson } from '../run-command';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** `entente backtest`: replay recorded proposals and compare predicted with observed answers. */
export function register(program: Command): void {
  program
    .command('backtest')
    .description('Replay every recorded proposal and compare the predicted answers with the observed ones')
    .argument('<scenario>', 'scenario file')
    .option('--json', 'print one JSON document')
    .action(
      action((file: string, opts: { json?: boolean }) => {
        const { model } = loadScenarioFile(file);
        const result = backtest(model);
        if (opts.json) {
          printJson(result);
          return 0;
        }
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
        process.stdout.write(`${out.join('\n')}\n`);
        return 0;
      }),
    );
}

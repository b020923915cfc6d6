import {
  analyzeScenario,
  buildReportSections,
  type EngineRegistry,
  EntenteError,
  loadScenarioSource,
  renderAnalysis,
} from '@entente/core';
import { readScenarioSource } from '@entente/runtime';
import type { Command } from 'commander';
import { action, printJson } from '../run-command';
import { writeOutputFile } from '../write-output';

/** `entente analyze`: the main job, a readable report of the whole scenario. */
export function register(program: Command, engines: EngineRegistry): void {
  program
    .command('analyze')
    .alias('analyse')
    .description(
      'Analyse a scenario: stakes, red lines, recorded proposals and verdicts, backtest, agreement space, what would change the picture',
    )
    .argument('<scenario>', 'scenario file')
    .option('--format <format>', 'text (terminal), md (Markdown) or json', 'text')
    .option('--json', 'same as --format json')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--force', 'overwrite the output file if it exists')
    .action(
      action(async (file: string, opts: { format: string; json?: boolean; output?: string; force?: boolean }) => {
        const format = opts.json ? 'json' : opts.format;
        if (!['text', 'md', 'json'].includes(format))
          throw new EntenteError('INVALID_FORMAT', `Unknown --format "${format}"; use text, md or json.`);
        const source = readScenarioSource(file);
        const loaded = loadScenarioSource(source);
        const analysis = analyzeScenario(loaded.model);
        const sections = await buildReportSections(engines, source, loaded);
        if (format === 'json') {
          const doc = { ...analysis, sections };
          if (opts.output) writeOutputFile(opts.output, `${JSON.stringify(doc, null, 2)}\n`, opts.force);
          else printJson(doc);
          return 0;
        }
        const text = renderAnalysis(analysis, format as 'text' | 'md', sections);
        if (opts.output) writeOutputFile(opts.output, text, opts.force);
        else process.stdout.write(text);
        return 0;
      }),
    );
}

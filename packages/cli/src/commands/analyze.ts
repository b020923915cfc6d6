import {
  analyzeScenario,
  buildReportSections,
  type EngineRegistry,
  EntenteError,
  loadScenarioSource,
  renderAnalysis,
  renderHtml,
} from '@entente/core';
import { readScenarioSource } from '@entente/runtime';
import type { Command } from 'commander';
import { action, printJson } from '../run-command';
import { formatFromExtension, outputWidth, writeOutputFile } from '../write-output';

type Format = 'text' | 'md' | 'json' | 'html';
const FORMATS: readonly Format[] = ['text', 'md', 'json', 'html'];

/**
 * The report format from --format, --json and the output file's extension; flags that contradict
 * each other (or the extension) are an error rather than a silent choice.
 */
function chooseFormat(opts: { format?: string; json?: boolean; output?: string }): Format {
  if (opts.format !== undefined && !FORMATS.includes(opts.format as Format))
    throw new EntenteError('INVALID_FORMAT', `Unknown --format "${opts.format}"; use text, md, html or json.`);
  if (opts.json && opts.format !== undefined && opts.format !== 'json')
    throw new EntenteError('CONTRADICTORY_OPTIONS', `--json contradicts --format ${opts.format}; give one of them.`);
  const explicit = opts.json ? 'json' : (opts.format as Format | undefined);
  const inferred = opts.output ? formatFromExtension(opts.output) : undefined;
  if (explicit && inferred && explicit !== inferred)
    throw new EntenteError(
      'CONTRADICTORY_OPTIONS',
      `--${opts.json ? 'json' : `format ${explicit}`} contradicts the extension of ${opts.output} (${inferred}); change one of them.`,
    );
  return explicit ?? inferred ?? 'text';
}

/** `entente analyze`: the main job, a readable report of the whole scenario. */
export function register(program: Command, engines: EngineRegistry): void {
  program
    .command('analyze')
    .alias('analyse')
    .description(
      'Analyse a scenario: a summary that answers first (zone of agreement, blocking issues, steps, levers, proposals, backtest), the sources, then the detail',
    )
    .argument('<scenario>', 'scenario file')
    .option(
      '--format <format>',
      'text (terminal), md (Markdown), html (one self-contained page with charts) or json; default from the -o extension, else text',
    )
    .option('--json', 'same as --format json')
    .option(
      '-o, --output <file>',
      'write the report to a file instead of stdout (.md → Markdown, .html → HTML, .json → JSON)',
    )
    .option('--force', 'overwrite the output file if it exists')
    .action(
      action(async (file: string, opts: { format?: string; json?: boolean; output?: string; force?: boolean }) => {
        const format = chooseFormat(opts);
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
        const text =
          format === 'html'
            ? renderHtml(analysis, sections)
            : renderAnalysis(analysis, format, sections, { width: outputWidth(opts.output) });
        if (opts.output) writeOutputFile(opts.output, text, opts.force);
        else process.stdout.write(text);
        return 0;
      }),
    );
}

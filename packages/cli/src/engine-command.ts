import { type AnyEngine, describeParams, EntenteError, type ParamSpec, runEngine } from '@entente/core';
import {
  createForecastSplitter,
  createGmcrSplitter,
  createSpaceSplitter,
  readScenarioSource,
  readTextFile,
} from '@entente/runtime';
import { type Command, Option } from 'commander';
import { createProgress } from './progress';
import { action, printJson } from './run-command';

/** Numbers are parsed when they read as numbers; anything else goes to the schema, which says what is wrong. */
const toNumberIfNumeric = (value: string): number | string =>
  value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

function optionFor(spec: ParamSpec): Option {
  const placeholder = spec.cli.file
    ? 'file'
    : spec.kind === 'enum'
      ? 'choice'
      : spec.kind === 'integer'
        ? 'n'
        : 'value';
  const option = new Option(
    spec.kind === 'boolean' ? `--${spec.flag}` : `--${spec.flag} <${placeholder}>`,
    spec.description,
  );
  if (spec.choices) option.choices(spec.choices);
  if (spec.kind === 'number' || spec.kind === 'integer') option.argParser(toNumberIfNumeric);
  // Defaults are shown in the help but applied by the schema, so the CLI and the API share them.
  if (spec.default !== undefined && typeof spec.default !== 'object')
    option.default(undefined, JSON.stringify(spec.default));
  return option;
}

/** Progress on stderr for runs that last: a bar appears only after half a second, on a terminal. */
function progressReporter(label: string) {
  const bar = createProgress(label);
  const started = Date.now();
  return {
    update(fraction: number): void {
      if (Date.now() - started < 500) return;
      bar.update(Math.round(fraction * 1000), 1000);
    },
    stop: () => bar.stop(),
  };
}

/**
 * Adds an engine's command: the input files as arguments, one flag per parameter of its schema,
 * `--seed` and `--json`; the run goes through core's `runEngine` like the API's.
 */
export function registerEngineCommand(program: Command, engine: AnyEngine): void {
  const specs = describeParams(engine.params).filter((s) => !s.cli.hidden);
  const command = program
    .command(engine.id)
    .description(engine.summary)
    .argument(
      engine.input.max === 1 ? `<${engine.input.name}>` : `<${engine.input.name}...>`,
      engine.input.description,
    );
  const options = specs.map((spec) => {
    const option = optionFor(spec);
    command.addOption(option);
    return { spec, option };
  });
  command
    .option('--seed <n>', 'seed of the run’s random numbers (the same seed gives the same result)', '1')
    .option('--json', 'print one JSON document');
  if (engine.csv) command.option('--csv', 'print the result table as CSV');
  command.action(
    action(async (positional: string | string[], opts: Record<string, unknown>) => {
      if (opts.json && opts.csv)
        throw new EntenteError('CONTRADICTORY_OPTIONS', '--json and --csv each choose the output; give one of them.');
      const files = Array.isArray(positional) ? positional : [positional];
      const sources = files.map((file, k) =>
        k === 0 && engine.input.scenario
          ? readScenarioSource(file)
          : { name: file, text: readTextFile(file, k === 0 ? `${engine.input.name} file` : 'file') },
      );
      const raw: Record<string, unknown> = {};
      for (const { spec, option } of options) {
        const value = opts[option.attributeName()];
        if (value === undefined) continue;
        raw[spec.name] = spec.cli.file ? readTextFile(String(value), `--${spec.flag} file`) : value;
      }
      const seed = Number(opts.seed);
      if (!Number.isSafeInteger(seed))
        throw new EntenteError('INVALID_PARAMS', `--seed must be a whole number, not "${String(opts.seed)}".`);
      const progress = progressReporter(engine.id);
      try {
        const run = await runEngine(engine, sources, raw, {
          seed,
          progress: (fraction) => progress.update(fraction),
          splitters: {
            space: (threads) => createSpaceSplitter(threads),
            gmcr: (o) => createGmcrSplitter(o),
            forecast: (threads) => createForecastSplitter(threads),
          },
        });
        progress.stop();
        if (opts.json) printJson(run.result);
        else if (opts.csv && engine.csv) process.stdout.write(engine.csv(run.result, run.params, run.input));
        else process.stdout.write(engine.render(run.result, run.params, run.input));
      } finally {
        progress.stop();
      }
      return 0;
    }),
  );
}

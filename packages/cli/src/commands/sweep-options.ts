import path from 'node:path';
import { type AnyEngine, describeParams, EngineRegistry, EntenteError } from '@entente/core';
import { importEngineModules, readScenarioSource, readTextFile } from '@entente/runtime';
import type { Command } from 'commander';

/** Adds `--engines-module FILE` (repeatable): a module exporting `engines`, for engines that are not built in. */
export function addEnginesModuleOption(command: Command): Command {
  return command.option(
    '--engines-module <file>',
    'a JavaScript or TypeScript module exporting `engines` (engines added to the built-in ones; repeatable)',
    (value: string, previous: string[] = []) => [...previous, path.resolve(value)],
  );
}

/** The program's engines plus those of `--engines-module`. */
export async function enginesWith(
  base: EngineRegistry,
  modules: readonly string[] | undefined,
): Promise<EngineRegistry> {
  if (!modules?.length) return base;
  const extra = await importEngineModules(modules);
  const ids = new Set(extra.map((e) => e.id));
  return new EngineRegistry([...base.list().filter((e) => !ids.has(e.id)), ...extra]);
}

/** Reads a whole-number option, or says which one is wrong. */
export function wholeNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min)
    throw new EntenteError('INVALID_OPTION', `${flag} must be a whole number of at least ${min}, not "${value}".`);
  return n;
}

const toNumberIfNumeric = (value: string): number | string =>
  value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

/**
 * Splits the words after the engine id into input files and the engine's own parameter flags
 * (`--protocol sao`, `--trace`), read with the same names and file rules as the engine's command.
 */
export function engineArgs(
  engine: AnyEngine,
  words: readonly string[],
): { files: string[]; params: Record<string, unknown> } {
  const specs = describeParams(engine.params).filter((s) => !s.cli.hidden);
  const files: string[] = [];
  const params: Record<string, unknown> = {};
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    if (!word.startsWith('--')) {
      files.push(word);
      continue;
    }
    const [flag, inline] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = specs.find((s) => s.flag === flag);
    if (!spec)
      throw new EntenteError(
        'INVALID_OPTION',
        `The ${engine.id} engine has no option --${flag}; its options: ${specs.map((s) => `--${s.flag}`).join(', ') || 'none'}.`,
      );
    if (spec.kind === 'boolean') {
      params[spec.name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? words[++k];
    if (value === undefined) throw new EntenteError('INVALID_OPTION', `--${flag} needs a value.`);
    params[spec.name] = spec.cli.file
      ? readTextFile(value, `--${flag} file`)
      : spec.kind === 'number' || spec.kind === 'integer'
        ? toNumberIfNumeric(value)
        : value;
  }
  return { files, params };
}

/** The engine's input files as texts, read the way its own command reads them. */
export function engineSources(engine: AnyEngine, files: readonly string[]) {
  return files.map((file, k) =>
    k === 0 && engine.input.scenario
      ? readScenarioSource(file)
      : { name: file, text: readTextFile(file, k === 0 ? `${engine.input.name} file` : 'file') },
  );
}

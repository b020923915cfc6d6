import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  EntenteError,
  type LoadedScenario,
  loadScenarioSource,
  locateIssuesInText,
  type QuoteCheck,
  type Scenario,
  type SourceText,
  type ValidationIssue,
  validateScenarioText,
} from '@entente/core';

/** Reads a text file or throws an input error that says what to do. */
export function readTextFile(file: string, what = 'file'): string {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file);
  } catch {
    throw new EntenteError('FILE_NOT_FOUND', `No ${what} at ${file}; check the path.`);
  }
  if (stat.isDirectory())
    throw new EntenteError('FILE_IS_DIRECTORY', `${file} is a folder; give the path of a ${what}.`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new EntenteError(
      'FILE_UNREADABLE',
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); check its permissions.`,
    );
  }
}

/** Accepts a scenario file, or a folder holding `scenario.yaml` (or `.yml`, `.json`). */
export function resolveScenarioPath(input: string): string {
  if (existsSync(input) && statSync(input).isDirectory()) {
    for (const name of ['scenario.yaml', 'scenario.yml', 'scenario.json']) {
      const candidate = path.join(input, name);
      if (existsSync(candidate)) return candidate;
    }
    throw new EntenteError(
      'SCENARIO_NOT_FOUND',
      `The folder ${input} has no scenario.yaml; give the scenario file itself.`,
    );
  }
  return input;
}

/**
 * Folders where source texts named by `sources[].file` are looked up, in this order (as README.md
 * documents): `--sources DIR`, $ENTENTE_SOURCES_DIR, beside the scenario, then `shared/seeds` in the
 * scenario's folder and every folder above it.
 */
export function sourceFolders(scenarioFile: string, explicit?: string): string[] {
  const folders: string[] = [];
  if (explicit) folders.push(path.resolve(explicit));
  if (process.env.ENTENTE_SOURCES_DIR) folders.push(path.resolve(process.env.ENTENTE_SOURCES_DIR));
  let dir = path.dirname(path.resolve(scenarioFile));
  folders.push(dir);
  for (;;) {
    folders.push(path.join(dir, 'shared', 'seeds'));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return folders;
}

/** True when `file`, links followed, lies inside `folder` (links followed too): no `..`, absolute path or symlink out. */
function insideFolder(folder: string, file: string): boolean {
  const within = (base: string, target: string) => {
    const rel = path.relative(base, target);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  if (!within(folder, file)) return false;
  try {
    return within(realpathSync(folder), realpathSync(file));
  } catch {
    return true;
  }
}

/**
 * Reads the texts of the scenario's sources that can be found on disk (`found`: where each was read).
 * A `file` that resolves outside the folder it is looked up in is not read (`refused`: source id → that path),
 * so a scenario cannot make `validate` probe files elsewhere on the machine.
 */
export function readSourceTexts(
  scenario: Scenario,
  scenarioFile: string,
  explicit?: string,
): { texts: Map<string, string>; found: Map<string, string>; refused: Map<string, string> } {
  const texts = new Map<string, string>();
  const found = new Map<string, string>();
  const refused = new Map<string, string>();
  const folders = sourceFolders(scenarioFile, explicit);
  for (const source of scenario.sources) {
    if (!source.file) continue;
    for (const folder of folders) {
      const candidate = path.resolve(folder, source.file);
      if (!insideFolder(folder, candidate)) {
        refused.set(source.id, source.file);
        continue;
      }
      if (existsSync(candidate) && statSync(candidate).isFile()) {
        texts.set(source.id, readFileSync(candidate, 'utf8'));
        found.set(source.id, candidate);
        refused.delete(source.id);
        break;
      }
    }
  }
  return { texts, found, refused };
}

/** The validation issues of the source files refused by `readSourceTexts`, each at its `sources[i].file`. */
function refusedSourceIssues(scenario: Scenario, refused: ReadonlyMap<string, string>): ValidationIssue[] {
  return scenario.sources.flatMap((source, i) => {
    const file = refused.get(source.id);
    if (file === undefined) return [];
    return [
      {
        code: 'SOURCE_PATH_OUTSIDE',
        path: ['sources', i, 'file'],
        message: `The source file "${file}" lies outside the folders sources are read from; move it beside the scenario or into the --sources folder.`,
        severity: 'error' as const,
      },
    ];
  });
}

/** Everything `validate` learns about a scenario file. */
export interface ValidationReport {
  file: string;
  valid: boolean;
  issues: ValidationIssue[];
  quotes: QuoteCheck | undefined;
  scenario: Scenario | undefined;
}

/** Validates a scenario file: syntax, schema, references, and quotes against the source texts found. */
export function validateScenarioFile(
  input: string,
  options: { sources?: string; checkQuotes?: boolean } = {},
): ValidationReport {
  const file = resolveScenarioPath(input);
  const text = readTextFile(file, 'scenario file');
  let outside: ValidationIssue[] = [];
  const checked = validateScenarioText(text, {
    file,
    ...(options.checkQuotes === false
      ? {}
      : {
          sourceTexts: (scenario: Scenario) => {
            const read = readSourceTexts(scenario, file, options.sources);
            outside = locateIssuesInText(text, refusedSourceIssues(scenario, read.refused), file);
            return read.texts;
          },
        }),
  });
  const { quotes } = checked;
  const issues = [...checked.issues, ...outside];
  const valid = checked.valid && outside.length === 0;
  return { file, valid, issues, quotes, scenario: valid ? checked.scenario : undefined };
}

/** Reads a scenario file (or a folder's `scenario.yaml`) as the text core's engines take. */
export function readScenarioSource(input: string): SourceText {
  const file = resolveScenarioPath(input);
  return { name: file, text: readTextFile(file, 'scenario file') };
}

/** Loads a valid scenario (quotes not checked) or throws with every problem listed. */
export function loadScenarioFile(input: string): LoadedScenario {
  return loadScenarioSource(readScenarioSource(input));
}

import path from 'node:path';
import { formatIssue } from '@entente/core';
import { sourceFolders, type ValidationReport, validateScenarioFile } from '@entente/runtime';
import type { Command } from 'commander';
import { action, printJson } from '../run-command';

/** A source whose text was not found, with the file name it was looked up under. */
interface MissingSource {
  id: string;
  title: string | null;
  file: string | null;
}

/** The sources whose quotes could not be checked, with their file names and titles when the scenario parsed. */
function missingSources(report: ValidationReport): MissingSource[] {
  const ids = report.quotes?.sourcesWithoutText ?? [];
  return ids.map((id) => {
    const source = report.scenario?.sources.find((s) => s.id === id);
    return { id, title: source?.title ?? null, file: source?.file ?? null };
  });
}

/** Where source texts were looked for, each labelled with why it is on the list (README "Scenario format"). */
function searchedFolders(file: string, explicit?: string): { folder: string; why: string }[] {
  const folders = sourceFolders(file, explicit);
  const labelled: { folder: string; why: string }[] = [];
  let k = 0;
  if (explicit) labelled.push({ folder: folders[k++]!, why: '--sources' });
  if (process.env.ENTENTE_SOURCES_DIR) labelled.push({ folder: folders[k++]!, why: '$ENTENTE_SOURCES_DIR' });
  labelled.push({ folder: folders[k++]!, why: 'beside the scenario' });
  for (; k < folders.length; k++) labelled.push({ folder: folders[k]!, why: 'shared/seeds above the scenario' });
  return labelled;
}

/** A folder relative to the working folder when it lies inside it, else absolute. */
function shortPath(folder: string): string {
  const rel = path.relative(process.cwd(), folder);
  return rel === '' ? '.' : rel.startsWith('..') ? folder : rel;
}

/** The prominent notice printed when some quotes could not be checked: which sources, where, how to fix. */
function uncheckedNotice(
  report: ValidationReport,
  missing: readonly MissingSource[],
  searched: readonly { folder: string; why: string }[],
  explicit: string | undefined,
  required: boolean,
): string {
  const q = report.quotes!;
  const head = required ? 'error' : 'WARNING';
  const lines = [
    '',
    `${head}: ${q.unchecked} of ${q.checked + q.unchecked} quotes were NOT checked: no text was found for ${missing.length} source${missing.length === 1 ? '' : 's'}:`,
    ...missing.map(
      (m) =>
        `  ${m.id}  ${m.file ?? '(no file: key)'}${m.title ? `  "${m.title.length > 60 ? `${m.title.slice(0, 57)}...` : m.title}"` : ''}`,
    ),
    'Looked for in:',
    ...(explicit ? [] : ['  --sources DIR                (not given)']),
    ...(process.env.ENTENTE_SOURCES_DIR ? [] : ['  $ENTENTE_SOURCES_DIR         (not set)']),
    ...searched.slice(0, 4).map((s) => `  ${shortPath(s.folder)}  (${s.why})`),
    ...(searched.length > 4 ? [`  ... and shared/seeds in each of ${searched.length - 4} folders further up`] : []),
    'To check them, put the texts in a folder and run with --sources DIR (or set ENTENTE_SOURCES_DIR=DIR).',
    required
      ? 'Without the texts the quotes cannot be checked, and --require-sources makes that an error.'
      : 'Add --require-sources to make this an error (exit 2), e.g. in continuous integration.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/** `entente validate FILE`: every problem at once, exit 0 when valid and 2 when not. */
export function register(program: Command): void {
  program
    .command('validate')
    .description('Check a scenario file: YAML syntax, schema, references, and every quote against its source text')
    .argument('<file>', 'scenario file (YAML or JSON) or a folder holding scenario.yaml')
    .option(
      '--sources <dir>',
      'folder holding the source texts named by sources[].file (else $ENTENTE_SOURCES_DIR, beside the scenario, shared/seeds above it)',
    )
    .option('--no-quotes', 'skip the check of quotes against source texts')
    .option('--require-sources', 'fail (exit 2) when some quotes cannot be checked because a source text is missing')
    .option('--json', 'print one JSON document')
    .action(
      action((file: string, opts: { sources?: string; quotes: boolean; requireSources?: boolean; json?: boolean }) => {
        const report = validateScenarioFile(file, {
          ...(opts.sources ? { sources: opts.sources } : {}),
          checkQuotes: opts.quotes,
        });
        const errors = report.issues.filter((i) => i.severity === 'error');
        const missing = missingSources(report);
        const searched = searchedFolders(report.file, opts.sources);
        const unchecked = report.quotes?.unchecked ?? 0;
        const sourcesFail = Boolean(opts.requireSources) && unchecked > 0;
        const code = report.valid && !sourcesFail ? 0 : 2;
        if (opts.json) {
          printJson({
            file: report.file,
            valid: report.valid,
            issues: report.issues,
            quotes: report.quotes
              ? {
                  checked: report.quotes.checked,
                  unchecked,
                  sourcesWithoutText: report.quotes.sourcesWithoutText,
                  missingSources: missing,
                  searched: searched.map((s) => s.folder),
                }
              : null,
            ...(sourcesFail ? { error: 'SOURCES_NOT_FOUND' } : {}),
          });
          return code;
        }
        for (const issue of report.issues) process.stdout.write(`${formatIssue(issue)}\n`);
        if (report.quotes) {
          const q = report.quotes;
          process.stdout.write(`quotes: ${q.checked} checked against source texts, ${q.unchecked} not checked\n`);
          if (unchecked > 0)
            (sourcesFail ? process.stderr : process.stdout).write(
              uncheckedNotice(report, missing, searched, opts.sources, sourcesFail),
            );
        }
        process.stdout.write(
          report.valid
            ? `${report.file}: valid${unchecked > 0 ? ` (${unchecked} quotes not checked: source texts missing)` : ''}\n`
            : `${report.file}: ${errors.length} problem${errors.length === 1 ? '' : 's'}\n`,
        );
        if (sourcesFail)
          process.stderr.write(
            `entente: ${unchecked} quotes not checked because ${missing.length} source text${missing.length === 1 ? ' is' : 's are'} missing (--require-sources) [SOURCES_NOT_FOUND]\n`,
          );
        return code;
      }),
    );
}

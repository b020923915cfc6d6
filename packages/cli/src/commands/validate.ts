import { formatIssue } from '@entente/core';
import { validateScenarioFile } from '@entente/runtime';
import type { Command } from 'commander';
import { action, printJson } from '../run-command';

/** `entente validate FILE`: every problem at once, exit 0 when valid and 2 when not. */
export function register(program: Command): void {
  program
    .command('validate')
    .description('Check a scenario file: YAML syntax, schema, references, and every quote against its source text')
    .argument('<file>', 'scenario file (YAML or JSON) or a folder holding scenario.yaml')
    .option('--sources <dir>', 'folder holding the source texts named by sources[].file')
    .option('--no-quotes', 'skip the check of quotes against source texts')
    .option('--json', 'print one JSON document')
    .action(
      action((file: string, opts: { sources?: string; quotes: boolean; json?: boolean }) => {
        const report = validateScenarioFile(file, {
          ...(opts.sources ? { sources: opts.sources } : {}),
          checkQuotes: opts.quotes,
        });
        const errors = report.issues.filter((i) => i.severity === 'error');
        if (opts.json) {
          printJson({
            file: report.file,
            valid: report.valid,
            issues: report.issues,
            quotes: report.quotes
              ? {
                  checked: report.quotes.checked,
                  unchecked: report.quotes.unchecked,
                  sourcesWithoutText: report.quotes.sourcesWithoutText,
                }
              : null,
          });
        } else {
          for (const issue of report.issues) process.stdout.write(`${formatIssue(issue)}\n`);
          if (report.quotes) {
            const q = report.quotes;
            process.stdout.write(`quotes: ${q.checked} checked against source texts, ${q.unchecked} not checked`);
            process.stdout.write(
              q.sourcesWithoutText.length ? ` (no text found for: ${q.sourcesWithoutText.join(', ')})\n` : '\n',
            );
          }
          process.stdout.write(
            report.valid
              ? `${report.file}: valid\n`
              : `${report.file}: ${errors.length} problem${errors.length === 1 ? '' : 's'}\n`,
          );
        }
        return report.valid ? 0 : 2;
      }),
    );
}

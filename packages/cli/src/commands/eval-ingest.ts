import type { Command } from 'commander';
import { action, printJson } from '../run-command';
import { loadLexiconFile } from './ingest';

interface EvalIngestOptions {
  scenario?: string;
  json?: boolean;
}

/** `entente eval-ingest DIR`: scores the ingest pipeline on a folder of hand-annotated articles. */
export function register(program: Command): void {
  program
    .command('eval-ingest')
    .description(
      'Score extraction on hand-annotated articles (NN_slug.txt + NN_slug.expected.json, entente-evidence-expected/1): precision and recall of publication dates, events, event dates, quotes with speakers and figures, per article and overall',
    )
    .argument('<dir>', 'folder of annotated articles')
    .option('--scenario <file>', 'scenario (or lexicon YAML) whose actors and issues to match')
    .option('--json', 'print one JSON document')
    .action(
      action(async (dir: string, opts: EvalIngestOptions) => {
        const { formatEvidenceReport, precisionRecall, readEvidenceDir, runEvidence, EVIDENCE_KINDS } = await import(
          '@entente/ingest'
        );
        const lexicon = opts.scenario ? await loadLexiconFile(opts.scenario) : undefined;
        const report = runEvidence(await readEvidenceDir(dir), lexicon);
        if (!opts.json) {
          process.stdout.write(formatEvidenceReport(report));
          return 0;
        }
        const scored = (tallies: (typeof report.overall)['tallies']) =>
          Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, { ...tallies[k], ...precisionRecall(tallies[k]) }]));
        printJson({
          cases: report.cases.map((c) => ({
            name: c.name,
            published: c.published,
            expectedPublished: c.expectedPublished,
            publishedRight: c.publishedRight,
            scores: scored(c.score.tallies),
          })),
          overall: { ...scored(report.overall.tallies), diagnostics: report.overall.diagnostics },
          publishedCorrect: report.publishedCorrect,
        });
        return 0;
      }),
    );
}

import { readFile } from 'node:fs/promises';
import { EntenteError, isEntenteError, loadScenarioText } from '@entente/core';
import {
  type DocumentMeta,
  type Extraction,
  expandPaths,
  extractFromText,
  lexiconFromScenario,
  parseLexiconText,
  readDocument,
  type ScenarioLexicon,
  validatePublished,
} from '@entente/ingest';
import type { Command } from 'commander';
import { addDbOption, withStore } from '../db-options';
import { createProgress } from '../progress';
import { action, printJson } from '../run-command';

interface IngestOptions {
  scenario?: string;
  published?: string;
  title?: string;
  outlet?: string;
  url?: string;
  db?: string;
  json?: boolean;
}

/** Reads `--scenario`: a scenario file (through the core loader), or a bare lexicon of actors and issues. */
export async function loadLexiconFile(file: string): Promise<ScenarioLexicon> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new EntenteError('SCENARIO_NOT_FOUND', `Cannot read the scenario ${file}: check the path.`);
  }
  try {
    return lexiconFromScenario(loadScenarioText(text, { file }));
  } catch (scenarioError) {
    try {
      return parseLexiconText(text, file);
    } catch {
      throw scenarioError;
    }
  }
}

/** The JSON shape of one ingested document (the CLI contract). */
function documentJson(id: string, added: boolean, meta: DocumentMeta, source: string, x: Extraction) {
  return {
    id,
    source,
    added,
    title: meta.title ?? null,
    published: meta.published ?? null,
    events: x.events.map((e) => ({
      date: e.date,
      precision: e.precision,
      type: e.type,
      actors: e.actors,
      issues: e.issues,
      text: x.sentences[e.sentence]?.text ?? '',
      dateText: e.dateText,
      start: e.start,
      end: e.end,
    })),
    quotes: x.quotes.map((q) => ({
      speaker: q.speaker,
      actor: q.speakerActor,
      text: q.text,
      start: q.start,
      end: q.end,
    })),
    figures: x.figures.map((f) => ({
      ...(f.value !== undefined ? { value: f.value } : { min: f.min, max: f.max }),
      unit: f.unit,
      kind: f.kind,
      text: f.text,
      start: f.start,
      end: f.end,
    })),
    unresolvedDates: x.dates
      .filter((d) => d.unresolved)
      .map((d) => ({ text: d.text, reason: d.unresolved, start: d.start, end: d.end })),
  };
}

/** `entente ingest PATH...`: extract evidence from articles and store it, one transaction per document. */
export function register(program: Command): void {
  const command = program
    .command('ingest')
    .description(
      'Extract dated events, quotes, figures and actors from news articles (text, Markdown, HTML) and store them',
    )
    .argument('<paths...>', 'files, folders or globs ("news/*.md")')
    .option('--scenario <file>', 'scenario (or lexicon YAML) whose actors, aliases and issues to match')
    .option('--published <YYYY-MM-DD>', 'publication date, to resolve relative dates ("last September")')
    .option('--title <title>', 'document title (overrides front-matter)')
    .option('--outlet <name>', 'outlet that published the article')
    .option('--url <url>', 'address of the article')
    .option('--json', 'print one JSON document');
  addDbOption(command).action(
    action(async (paths: string[], opts: IngestOptions) => {
      if (opts.published !== undefined) validatePublished(opts.published);
      const lexicon = opts.scenario ? await loadLexiconFile(opts.scenario) : undefined;
      const overrides: DocumentMeta = {};
      if (opts.published) overrides.published = opts.published;
      if (opts.title) overrides.title = opts.title;
      if (opts.outlet) overrides.outlet = opts.outlet;
      if (opts.url) overrides.url = opts.url;
      const { files, failed: pathFailures } = await expandPaths(paths);
      const failed: { path: string; error: string; code: string }[] = [...pathFailures];
      const documents: ReturnType<typeof documentJson>[] = [];
      let internal = false;
      await withStore(opts, async (store) => {
        const progress = createProgress('ingest', { minTotal: 2 });
        for (const [i, file] of files.entries()) {
          try {
            const doc = await readDocument(file, overrides);
            const extraction = extractFromText(doc.text, {
              ...(doc.meta.published ? { published: doc.meta.published } : {}),
              ...(lexicon ? { lexicon } : {}),
            });
            const stored = await store.addDocument({ ...doc, extraction }, new Date());
            documents.push(documentJson(stored.id, stored.added, doc.meta, file, extraction));
            if (!opts.json) {
              const x = extraction;
              const what = stored.added ? 'added' : 'unchanged (already stored)';
              process.stdout.write(
                `${file}: ${what} ${stored.id}${doc.meta.title ? ` "${doc.meta.title}"` : ''} — ${x.events.length} events, ${x.quotes.length} quotes, ${x.figures.length} figures\n`,
              );
            }
          } catch (error) {
            if (!isEntenteError(error) || error.kind === 'internal') internal = true;
            const code = isEntenteError(error) ? error.code : 'INTERNAL';
            failed.push({ path: file, code, error: error instanceof Error ? error.message : String(error) });
          }
          progress.update(i + 1, files.length);
        }
        progress.stop();
      });
      if (opts.json) printJson({ documents, failed });
      else for (const f of failed) process.stderr.write(`entente: ${f.path}: ${f.error} [${f.code}]\n`);
      if (failed.length === 0) return 0;
      return internal ? 1 : 2;
    }),
  );
}

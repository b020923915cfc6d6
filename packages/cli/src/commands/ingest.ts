import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EntenteError, isEntenteError, loadScenarioText } from '@entente/core';
import type { DocumentMeta, Extraction, PreparedDocument, ScenarioLexicon } from '@entente/ingest';
import { createExtractionPool, defaultExtractionThreads } from '@entente/runtime';
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
  threads?: string;
  replace?: boolean;
}

/**
 * Files from which `entente ingest` extracts on one worker by default. Measured with the CLI on 2 cores (1,000
 * generated 830-word articles, --json): the pool's start (~0.7 s, a cold model) costs more than the overlap
 * saves below ~400 files; at 1,000 files one worker took 14.4 s against 16.1 s sequentially.
 */
export const WORKER_FROM_FILES = 500;

/** The extraction workers when `--threads` is not given: one beside the store for many files on 2+ cores. */
export function defaultThreads(files: number, cores: number): number {
  return files >= WORKER_FROM_FILES && cores >= 2 ? 1 : 0;
}

/** Reads `--threads`: a whole number of extraction workers, 0 for none; undefined when not given. */
function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === 'auto') return defaultExtractionThreads();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) {
    throw new EntenteError(
      'INVALID_THREADS',
      `--threads "${value}" is not a number of worker threads: give a whole number from 0 to 64, or "auto".`,
    );
  }
  return n;
}

/** Reads `--scenario`: a scenario file (through the core loader), or a bare lexicon of actors and issues. */
export async function loadLexiconFile(file: string): Promise<ScenarioLexicon> {
  const { lexiconFromScenario, parseLexiconText } = await import('@entente/ingest');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new EntenteError('SCENARIO_NOT_FOUND', `Cannot read the scenario ${file}: check the path.`);
  }
  try {
    return lexiconFromScenario(loadScenarioText(text, { file }));
  } catch (scenarioError) {
    // A file written as a scenario must be a valid one: falling back to its bare lists would hide its errors.
    if (/^(asOf|preferences|proposals|schema)\s*:/m.test(text)) throw scenarioError;
    try {
      return parseLexiconText(text, file);
    } catch {
      throw scenarioError;
    }
  }
}

/** A scenario's source texts by file name, with their dates (a day is a publication date; a month or year a period). */
async function loadSourceDates(file: string): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  try {
    const scenario = loadScenarioText(await readFile(file, 'utf8'), { file });
    for (const source of scenario.sources)
      if (source.file && source.date) dates.set(path.basename(source.file), source.date);
  } catch {
    // A bare lexicon has no sources; its errors were reported when the lexicon was loaded.
  }
  return dates;
}

/** The JSON shape of one ingested document (the CLI contract). */
function documentJson(id: string, added: boolean, meta: DocumentMeta, source: string, x: Extraction) {
  return {
    id,
    source,
    added,
    title: meta.title ?? null,
    published: meta.published ?? null,
    publishedRule: meta.publishedRule ?? null,
    place: meta.place ?? null,
    events: x.events.map((e) => ({
      date: e.date,
      precision: e.precision,
      type: e.type,
      status: e.status,
      actors: e.actors,
      issues: e.issues,
      text: x.sentences[e.sentence]?.text ?? '',
      dateText: e.dateText,
      // An event told without a time expression says where its date comes from.
      ...(e.dateRule ? { dateRule: e.dateRule } : {}),
      // A span of days ("May 10-11") ends on `until`; a week ("last week") names its ISO week.
      ...(e.until ? { until: e.until } : {}),
      ...(e.week ? { week: e.week } : {}),
      ...(e.background ? { background: true } : {}),
      start: e.start,
      end: e.end,
    })),
    quotes: x.quotes.map((q) => ({
      speaker: q.speaker,
      speakerName: q.speakerName,
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
    mentions: x.mentions.map((m) => ({
      text: m.text,
      actor: m.actor,
      kind: m.kind,
      ...(m.refersTo ? { refersTo: m.refersTo } : {}),
      start: m.start,
      end: m.end,
    })),
    issueTags: x.issueTags.map((t) => {
      const sentence = x.sentences[t.sentence];
      return {
        issue: t.issue,
        keyword: t.keyword,
        text: sentence?.text ?? '',
        start: sentence?.start ?? 0,
        end: sentence?.end ?? 0,
      };
    }),
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
    .option(
      '--threads <n>',
      `extract on N worker threads while the main thread stores ("auto": one per core but one; default: none below ${WORKER_FROM_FILES} files, where starting a worker costs more than it saves, one from ${WORKER_FROM_FILES} files on 2+ cores; results are the same)`,
    )
    .option(
      '--replace',
      'extract a text already stored again and replace what was stored from it (e.g. with a corrected --published)',
    )
    .option('--json', 'print one JSON document');
  addDbOption(command).action(
    action(async (paths: string[], opts: IngestOptions) => {
      // Extraction (wink-nlp, chrono-node) loads only when ingesting, so other commands start fast.
      const { expandPaths, extractFromText, readDocument, runAhead, validatePublished } = await import(
        '@entente/ingest'
      );
      if (opts.published !== undefined) validatePublished(opts.published);
      parseThreads(opts.threads);
      const lexicon = opts.scenario ? await loadLexiconFile(opts.scenario) : undefined;
      const sourceDates = opts.scenario ? await loadSourceDates(opts.scenario) : new Map<string, string>();
      const overrides: DocumentMeta = {};
      if (opts.published) overrides.published = opts.published;
      if (opts.title) overrides.title = opts.title;
      if (opts.outlet) overrides.outlet = opts.outlet;
      if (opts.url) overrides.url = opts.url;
      const { files, failed: pathFailures } = await expandPaths(paths);
      const failed: { path: string; error: string; code: string }[] = [...pathFailures];
      const documents: (ReturnType<typeof documentJson> & { replaced: boolean })[] = [];
      let internal = false;
      const threads = parseThreads(opts.threads) ?? defaultThreads(files.length, os.availableParallelism());
      const pool = threads > 0 ? createExtractionPool({ threads, ...(lexicon ? { lexicon } : {}) }) : undefined;
      const extract = async (doc: PreparedDocument, period: string | undefined): Promise<Extraction> => {
        const published = doc.meta.published ? { published: doc.meta.published } : {};
        if (pool) return pool.extract({ text: doc.text, ...published, ...(period ? { period } : {}) });
        return extractFromText(doc.text, {
          ...published,
          ...(period ? { period } : {}),
          ...(lexicon ? { lexicon } : {}),
        });
      };
      // A scenario source's day is the file's publication date; its month or year gives month-days their year.
      const sourceDate = (file: string) => (opts.published ? undefined : sourceDates.get(path.basename(file)));
      try {
        await withStore(opts, async (store) => {
          const progress = createProgress('ingest', { minTotal: 2 });
          // Files are read and extracted ahead (on workers when --threads is given) and stored in order.
          await runAhead(
            files,
            pool ? pool.threads * 2 : 1,
            async (file) => {
              const date = sourceDate(file);
              const day = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;
              const own: DocumentMeta = day
                ? { ...overrides, published: day, publishedRule: 'scenario-source' }
                : overrides;
              const doc = await readDocument(file, own);
              return { doc, extraction: await extract(doc, day ? undefined : date) };
            },
            async (outcome, file, i) => {
              try {
                if (outcome.status === 'rejected') throw outcome.reason;
                const { doc, extraction } = outcome.value;
                const toStore = { ...doc, extraction };
                const stored = opts.replace
                  ? await store.replaceDocument(toStore, new Date())
                  : { ...(await store.addDocument(toStore, new Date())), replaced: false };
                documents.push({
                  ...documentJson(stored.id, stored.added, doc.meta, file, extraction),
                  replaced: stored.replaced,
                });
                if (!stored.added && !opts.replace) {
                  // The same text is stored once: say so when it was stored with other metadata.
                  const kept = await store.documentMeta(stored.id);
                  const given = doc.meta.published ?? null;
                  if (kept && given !== null && kept.published !== given)
                    process.stderr.write(
                      `entente: note: ${file} is already stored (same text) with publication date ${kept.published ?? 'unknown'}; its stored events keep that date, and ${given} is not applied (add --replace to extract it again).\n`,
                    );
                }
                if (!opts.json) {
                  const x = extraction;
                  const what = stored.replaced ? 'replaced' : stored.added ? 'added' : 'unchanged (already stored)';
                  const unresolved = x.dates.filter((d) => d.unresolved);
                  const published = doc.meta.published
                    ? `published ${doc.meta.published} (${doc.meta.publishedRule ?? 'given'})`
                    : 'no publication date found';
                  process.stdout.write(
                    `${file}: ${what} ${stored.id}${doc.meta.title ? ` "${doc.meta.title}"` : ''} — ${published}; ${x.events.length} events, ${x.quotes.length} quotes, ${x.figures.length} figures\n`,
                  );
                  if (unresolved.length > 0) {
                    const shown = unresolved
                      .slice(0, 5)
                      .map((d) => `"${d.text}"`)
                      .join(', ');
                    const more = unresolved.length > 5 ? ` and ${unresolved.length - 5} more` : '';
                    const hint = doc.meta.published ? '' : ': pass --published YYYY-MM-DD to resolve them';
                    process.stdout.write(`  ${unresolved.length} dates left unresolved (${shown}${more})${hint}\n`);
                  }
                }
              } catch (error) {
                if (!isEntenteError(error) || error.kind === 'internal') internal = true;
                const code = isEntenteError(error) ? error.code : 'INTERNAL';
                failed.push({ path: file, code, error: error instanceof Error ? error.message : String(error) });
              }
              progress.update(i + 1, files.length);
            },
          );
          progress.stop();
        });
      } finally {
        await pool?.close();
      }
      if (opts.json) printJson({ documents, failed });
      else for (const f of failed) process.stderr.write(`entente: ${f.path}: ${f.error} [${f.code}]\n`);
      if (failed.length === 0) return 0;
      return internal ? 1 : 2;
    }),
  );
}

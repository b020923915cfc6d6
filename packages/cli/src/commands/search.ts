import { EntenteError } from '@entente/core';
import type { Command } from 'commander';
import { addDbOption, withStore } from '../db-options';
import { action, printJson } from '../run-command';

/** Reads --limit: a whole number from 1 to 1000, or an error (never a silent default). */
function parseLimit(text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 1000)
    throw new EntenteError('INVALID_OPTION', `--limit "${text}" is not a whole number from 1 to 1000.`);
  return n;
}

/** A document as a reader knows it: its title and date, its id when it has no title. */
export function documentLabel(d: { document: string; title: string | null; published: string | null }): string {
  const name = d.title ? `"${d.title.length > 60 ? `${d.title.slice(0, 57)}...` : d.title}"` : d.document;
  return `${name} (${d.published ?? 'undated'})`;
}

/** `entente search QUERY`: full-text search over stored sentences and quotes. */
export function register(program: Command): void {
  const command = program
    .command('search')
    .description('Search stored sentences and quotes (full-text), with the document and offsets of each hit')
    .argument('<query...>', 'words to look for (all must appear)')
    .option('--limit <n>', 'at most this many hits (1 to 1000)', '50')
    .option('--json', 'print one JSON document');
  addDbOption(command).action(
    action(async (words: string[], opts: { limit: string; db?: string; json?: boolean }) => {
      const query = words.join(' ');
      const limit = parseLimit(opts.limit);
      const { hits: found, documents } = await withStore(
        opts,
        // One hit past the limit tells a full page from a cut one.
        async (store) => ({ hits: await store.search(query, limit + 1), documents: await store.documentCount() }),
        { mustExist: true },
      );
      const truncated = found.length > limit;
      const hits = found.slice(0, limit);
      if (opts.json) {
        printJson({ query, documents, hits, truncated });
        return 0;
      }
      if (documents === 0) {
        process.stdout.write('The database holds no ingested documents yet: run `entente ingest FILE...` first.\n');
        return 0;
      }
      if (hits.length === 0) process.stdout.write(`No sentence or quote matches (searched ${documents} documents).\n`);
      for (const h of hits) {
        const who = h.kind === 'quote' ? ` quote by ${h.speaker ?? 'unknown speaker'}:` : '';
        process.stdout.write(`${documentLabel(h)}:${h.start}-${h.end}${who} ${h.text}\n`);
      }
      if (truncated) process.stdout.write(`Showing the first ${limit} hits; more match: raise --limit (up to 1000).\n`);
      return 0;
    }),
  );
}

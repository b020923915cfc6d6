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
      const hits = await withStore(opts, (store) => store.search(query, limit), { mustExist: true });
      if (opts.json) {
        printJson({ query, hits });
        return 0;
      }
      if (hits.length === 0) process.stdout.write('No sentence or quote matches.\n');
      for (const h of hits) {
        const who = h.kind === 'quote' ? ` quote by ${h.speaker ?? 'unknown speaker'}:` : '';
        process.stdout.write(`${h.document}:${h.start}-${h.end}${who} ${h.text}\n`);
      }
      return 0;
    }),
  );
}

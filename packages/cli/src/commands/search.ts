import type { Command } from 'commander';
import { addDbOption, withStore } from '../db-options';
import { action, printJson } from '../run-command';

/** `entente search QUERY`: full-text search over stored sentences and quotes. */
export function register(program: Command): void {
  const command = program
    .command('search')
    .description('Search stored sentences and quotes (full-text), with the document and offsets of each hit')
    .argument('<query...>', 'words to look for (all must appear)')
    .option('--limit <n>', 'at most this many hits', '50')
    .option('--json', 'print one JSON document');
  addDbOption(command).action(
    action(async (words: string[], opts: { limit: string; db?: string; json?: boolean }) => {
      const query = words.join(' ');
      const limit = Math.max(1, Math.min(1000, Number.parseInt(opts.limit, 10) || 50));
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

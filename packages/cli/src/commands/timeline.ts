import { EntenteError, PartialDateSchema } from '@entente/core';
import type { Command } from 'commander';
import { addDbOption, withStore } from '../db-options';
import { action, printJson } from '../run-command';

function checkDate(flag: string, value: string | undefined): void {
  if (value !== undefined && !PartialDateSchema.safeParse(value).success) {
    throw new EntenteError('INVALID_DATE', `${flag} "${value}" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY.`);
  }
}

/** `entente timeline`: merged events in date order with their sources. */
export function register(program: Command): void {
  const command = program
    .command('timeline')
    .description('List stored events in date order, each with the articles that report it')
    .option('--actor <actor>', 'only events involving this actor (scenario id or name)')
    .option('--issue <issue>', 'only events about this scenario issue')
    .option('--from <date>', 'only events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)')
    .option('--to <date>', 'only events on or before this date')
    .option('--json', 'print one JSON document');
  addDbOption(command).action(
    action(
      async (opts: { actor?: string; issue?: string; from?: string; to?: string; db?: string; json?: boolean }) => {
        checkDate('--from', opts.from);
        checkDate('--to', opts.to);
        const events = await withStore(
          opts,
          (store) =>
            store.timeline({
              ...(opts.actor ? { actor: opts.actor } : {}),
              ...(opts.issue ? { issue: opts.issue } : {}),
              ...(opts.from ? { from: opts.from } : {}),
              ...(opts.to ? { to: opts.to } : {}),
            }),
          { mustExist: true },
        );
        if (opts.json) {
          printJson({
            events: events.map((e) => ({
              date: e.date,
              precision: e.precision,
              type: e.type,
              actors: e.actors,
              issues: e.issues,
              summary: e.summary,
              sources: e.sources,
            })),
          });
          return 0;
        }
        if (events.length === 0) process.stdout.write('No events match.\n');
        for (const e of events) {
          const actors = e.actors.length > 0 ? ` [${e.actors.join(', ')}]` : '';
          process.stdout.write(
            `${e.date.padEnd(10)}  ${e.type}${actors}  (${e.sources.length} source${e.sources.length === 1 ? '' : 's'})\n`,
          );
          for (const s of e.sources) process.stdout.write(`    ${s.document}:${s.start}-${s.end}  ${s.text}\n`);
        }
        return 0;
      },
    ),
  );
}

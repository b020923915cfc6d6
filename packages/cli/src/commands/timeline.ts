import { EntenteError, PartialDateSchema } from '@entente/core';
import { loadScenarioFile } from '@entente/runtime';
import type { Command } from 'commander';
import { addDbOption, withStore } from '../db-options';
import { action, printJson } from '../run-command';
import { documentLabel } from './search';

function checkDate(flag: string, value: string | undefined): void {
  if (value !== undefined && !PartialDateSchema.safeParse(value).success) {
    throw new EntenteError('INVALID_DATE', `${flag} "${value}" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY.`);
  }
}

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** Lower case, runs of non-letters as one underscore: "United States" and "united_states" compare equal. */
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_|_$/g, '');

/**
 * Resolves what the user typed for --actor or --issue to a known id: the id itself, or a name, alias or
 * keyword (from --scenario or the store). Anything else is an error naming the nearest ids and aliases, never an empty result.
 */
function resolveFilter(
  flag: '--actor' | '--issue',
  typed: string,
  known: readonly string[],
  names: ReadonlyMap<string, string>,
): string {
  const wanted = slug(typed);
  const byId = known.find((id) => slug(id) === wanted);
  if (byId) return byId;
  const byName = [...names].find(([name]) => slug(name) === wanted)?.[1];
  if (byName) return byName;
  // "Putin" for the stored name "Vladimir Putin": one known id of which it is a whole word.
  const byWord = known.filter((id) => slug(id).split('_').includes(wanted));
  if (byWord.length === 1 && byWord[0]) return byWord[0];
  const candidates = [...known.map((id) => [id, id] as const), ...[...names].map(([n, id]) => [n, id] as const)];
  const ranked = candidates
    .map(([label, id]) => ({ label, id, d: editDistance(wanted, slug(label)) }))
    .filter((c) => c.d <= Math.max(2, Math.floor(wanted.length / 3)) || slug(c.label).includes(wanted))
    .sort((x, y) => x.d - y.d);
  const what = flag === '--actor' ? 'actor' : 'issue';
  const near = [...new Set(ranked.slice(0, 3).map((c) => (c.label === c.id ? c.id : `${c.id} ("${c.label}")`)))];
  const hint = near.length
    ? ` Did you mean ${near.join(' or ')}?`
    : known.length
      ? ` Known ${what}s: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}.`
      : ' No stored event names any.';
  const scenarioHint = names.size || flag === '--actor' ? '' : ' Issue names work with --scenario FILE.';
  throw new EntenteError(
    flag === '--actor' ? 'UNKNOWN_ACTOR' : 'UNKNOWN_ISSUE',
    `${flag} "${typed}" is not an ${what} of the stored events.${hint}${scenarioHint}`,
  );
}

/** Names and aliases of a scenario's actors and issues, each mapped to its id. */
function scenarioNames(file: string | undefined): { actors: Map<string, string>; issues: Map<string, string> } {
  const actors = new Map<string, string>();
  const issues = new Map<string, string>();
  if (!file) return { actors, issues };
  const { scenario } = loadScenarioFile(file);
  for (const a of scenario.actors) for (const n of [a.name, ...a.aliases]) actors.set(n, a.id);
  for (const i of scenario.issues) for (const n of [i.name, ...i.keywords]) issues.set(n, i.id);
  return { actors, issues };
}

/** `entente timeline`: merged events in date order with their sources. */
export function register(program: Command): void {
  const command = program
    .command('timeline')
    .description('List stored events in date order, each with the articles that report it')
    .option(
      '--actor <actor>',
      'only events involving this actor: its id, a name or alias the stored articles use, or a surname',
    )
    .option(
      '--issue <issue>',
      'only events about this issue: its id, a keyword that tagged the stored articles, or (with --scenario) its name',
    )
    .option('--scenario <file>', 'scenario whose actor names and aliases and issue names --actor and --issue accept')
    .option('--from <date>', 'only events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)')
    .option('--to <date>', 'only events on or before this date')
    .option(
      '--no-background',
      'leave out events every article tells as background (over a year before the article, or in the past perfect)',
    )
    .option('--json', 'print one JSON document');
  addDbOption(command).action(
    action(
      async (opts: {
        actor?: string;
        issue?: string;
        scenario?: string;
        from?: string;
        to?: string;
        background?: boolean;
        db?: string;
        json?: boolean;
      }) => {
        checkDate('--from', opts.from);
        checkDate('--to', opts.to);
        const names = scenarioNames(opts.scenario);
        const all = await withStore(
          opts,
          (store) =>
            store.timeline({
              ...(opts.from ? { from: opts.from } : {}),
              ...(opts.to ? { to: opts.to } : {}),
              ...(opts.background === false ? { background: false } : {}),
            }),
          { mustExist: true },
        );
        // Ids are checked against every stored event (not only the date range), so a typo is not "no events".
        const everything = opts.actor || opts.issue ? await withStore(opts, (store) => store.timeline()) : all;
        // Without --scenario, the names and aliases the stored mentions gave each actor ("Zelenskyy" -> ukraine).
        if (opts.actor)
          for (const [name, id] of await withStore(opts, (store) => store.actorNames()))
            if (!names.actors.has(name)) names.actors.set(name, id);
        // Likewise the keywords that tagged stored sentences with an issue ("truce" -> ceasefire).
        if (opts.issue)
          for (const [name, id] of await withStore(opts, (store) => store.issueNames()))
            if (!names.issues.has(name)) names.issues.set(name, id);
        const knownActors = [...new Set([...everything.flatMap((e) => e.actors), ...names.actors.values()])].sort();
        const knownIssues = [...new Set([...everything.flatMap((e) => e.issues), ...names.issues.values()])].sort();
        const actor = opts.actor ? resolveFilter('--actor', opts.actor, knownActors, names.actors) : undefined;
        const issue = opts.issue ? resolveFilter('--issue', opts.issue, knownIssues, names.issues) : undefined;
        const events = all.filter(
          (e) =>
            (!actor || e.actors.some((a) => a.toLowerCase() === actor.toLowerCase())) &&
            (!issue || e.issues.includes(issue)),
        );
        if (opts.json) {
          printJson({
            events: events.map((e) => ({
              date: e.date,
              precision: e.precision,
              ...(e.span ? { span: e.span } : {}),
              type: e.type,
              status: e.status,
              ...(e.background ? { background: true } : {}),
              actors: e.actors,
              issues: e.issues,
              summary: e.summary,
              sources: e.sources,
            })),
          });
          return 0;
        }
        if (events.length === 0) {
          const documents = await withStore(opts, (store) => store.documentCount());
          process.stdout.write(
            documents === 0
              ? 'The database holds no ingested documents yet: run `entente ingest FILE...` first.\n'
              : `No events match (${documents} documents stored).\n`,
          );
        }
        for (const e of events) {
          const actors = e.actors.length > 0 ? ` [${e.actors.join(', ')}]` : '';
          const marks = [e.status === 'reported' ? '' : e.status, e.background ? 'background' : '']
            .filter(Boolean)
            .map((m) => ` (${m})`)
            .join('');
          process.stdout.write(
            `${e.date.padEnd(10)}${e.span ? ` (${e.span.start} to ${e.span.end})` : ''}  ${e.type}${marks}${actors}  (${e.sources.length} source${e.sources.length === 1 ? '' : 's'})\n`,
          );
          for (const s of e.sources) process.stdout.write(`    ${documentLabel(s)}:${s.start}-${s.end}  ${s.text}\n`);
        }
        return 0;
      },
    ),
  );
}

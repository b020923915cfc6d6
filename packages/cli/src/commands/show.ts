import { formatTable } from '@entente/core';
import { loadScenarioFile } from '@entente/runtime';
import type { Command } from 'commander';
import { action, printJson } from '../run-command';

/** `entente show SCENARIO`: the normalised scenario. */
export function register(program: Command): void {
  program
    .command('show')
    .description('Show the normalised scenario (defaults filled in, weights normalised)')
    .argument('<scenario>', 'scenario file')
    .option('--json', 'print one JSON document')
    .action(
      action((file: string, opts: { json?: boolean }) => {
        const { scenario, model } = loadScenarioFile(file);
        const normalisedWeights = Object.fromEntries(
          model.actors.map((a) => [
            a.actor.id,
            Object.fromEntries(model.issues.map((issue, i) => [issue.id, a.weights[i]!])),
          ]),
        );
        if (opts.json) {
          printJson({ ...scenario, normalisedWeights });
          return 0;
        }
        const out: string[] = [`${scenario.title} (as of ${scenario.asOf})`, ''];
        out.push(formatTable([['actor', 'role', 'name'], ...scenario.actors.map((a) => [a.id, a.role, a.name])]), '');
        out.push(
          formatTable([
            ['issue', 'status quo', 'options'],
            ...scenario.issues.map((i) => [i.id, i.statusQuo, i.options.map((o) => o.id).join(' < ')]),
          ]),
          '',
        );
        out.push(
          `${scenario.sources.length} sources, ${scenario.levers.length} levers, ${scenario.proposals.length} proposals, ${scenario.events.length} events, ${scenario.notes.length} notes`,
        );
        process.stdout.write(`${out.join('\n')}\n`);
        return 0;
      }),
    );
}

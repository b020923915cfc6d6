import { applyLevers, evaluatePackage, formatTable, resolveTerms, signed, wrap } from '@entente/core';
import type { Command } from 'commander';
import { loadScenarioFile } from '../load-scenario';
import { parseLeverUses } from '../parse-list-options';
import { resolveProposalInput } from '../proposal-input';
import { action, printJson } from '../run-command';

/** `entente evaluate`: each party's verdict on a proposal, and why. */
export function register(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Evaluate a proposal for every party: utility, margin over its walk-away value, red lines, predicted answer and why',
    )
    .argument('<scenario>', 'scenario file')
    .option('--proposal <id>', 'a recorded proposal of the scenario')
    .option('--terms <terms>', 'terms as issue=option,... (other issues stay at the status quo)')
    .option('--file <file>', 'a YAML/JSON file with `terms: {issue: option}`')
    .option('--levers <levers>', 'apply levers first: id[=strength],...')
    .option('--json', 'print one JSON document')
    .action(
      action(
        (file: string, opts: { proposal?: string; terms?: string; file?: string; levers?: string; json?: boolean }) => {
          const loaded = loadScenarioFile(file);
          const input = resolveProposalInput(loaded.scenario, opts);
          const model = applyLevers(loaded.model, parseLeverUses(opts.levers));
          const evaluation = evaluatePackage(model, resolveTerms(model, input.terms));
          if (opts.json) {
            printJson({ proposal: input.proposal?.id ?? null, ...evaluation });
            return 0;
          }
          const out: string[] = [`Evaluation of ${input.label}`];
          out.push(
            `Terms changed from the status quo: ${evaluation.changed.map((i) => `${i}=${evaluation.terms[i]}`).join(', ') || '(none)'}`,
            !model.hasSettlement
              ? 'Each party weighs the terms against walking away (the scenario does not separate settlements from steps).'
              : evaluation.kind === 'settlement'
                ? 'A settlement: each party weighs it against walking away (fighting on).'
                : 'A step while the fighting goes on: each party weighs it against today.',
          );
          if (evaluation.levers.length)
            out.push(`Levers applied: ${evaluation.levers.map((l) => `${l.id}×${l.strength}`).join(', ')}`);
          out.push('');
          out.push(
            formatTable([
              [
                'party',
                'utility',
                evaluation.kind === 'settlement' ? 'walk-away' : 'today',
                'margin',
                'red lines broken',
                'predicted',
                ...(input.proposal ? ['observed'] : []),
              ],
              ...evaluation.actors.map((a) => [
                a.actor,
                a.utility.toFixed(3),
                a.referenceValue.toFixed(3),
                signed(a.margin),
                a.redLinesBroken.map((r) => `${r.issue}=${r.option}`).join(', ') || '-',
                a.answer,
                ...(input.proposal ? [input.proposal.responses[a.actor]?.response ?? '-'] : []),
              ]),
            ]),
          );
          out.push('');
          for (const a of evaluation.actors) out.push(wrap(a.explanation, 100, '  '), '');
          process.stdout.write(`${out.join('\n')}\n`);
          return 0;
        },
      ),
    );
}

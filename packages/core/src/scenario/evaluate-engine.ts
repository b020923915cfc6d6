import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { IdListParam, IdParam, LeversParam, TermsParam } from '../engine/param-forms';
import { loadScenarioSource, SCENARIO_INPUT } from '../engine/scenario-input';
import { defineEngine } from '../engine/types';
import { EntenteError } from '../errors';
import { formatTable, signed, wrap } from '../report/format-table';
import { notAffected } from '../report/summary';
import { modelAsOf } from './as-of';
import { evaluatePackage, type ProposalEvaluation } from './evaluate-proposal';
import { fromZodIssues } from './parse-scenario';
import { applyLevers, type LeverUse, resolveTerms, type ScenarioModel } from './scenario-model';
import { PartialDateSchema, type Proposal, type Scenario } from './schema';
import { type UncertainAnswers, uncertainAnswers } from './uncertain-answers';
import { type ReportWords, reportWords } from './vocabulary';

const EvaluateParams = z
  .object({
    proposal: IdParam.optional().describe('a recorded proposal of the scenario'),
    terms: TermsParam.optional().describe('terms as issue=option,... (other issues stay at the status quo)'),
    file: z
      .string()
      .max(1_000_000)
      .optional()
      .describe('a YAML/JSON proposal with `terms: {issue: option}`')
      .meta({ cli: { file: true } }),
    levers: LeversParam.default([]).describe('apply levers first: id[=strength],...'),
    asOf: PartialDateSchema.optional().describe(
      "use the preferences and status quo in force on this date (default: the proposal's date, else the scenario's asOf)",
    ),
    proposer: IdListParam.optional().describe("who proposes: id,... (default: a recorded proposal's proposers)"),
    draws: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(200)
      .describe('seeded draws over the uncertain preference figures (their ranges), when the scenario gives any'),
  })
  .strict();

/** What `evaluate` answers: the evaluation, with the recorded proposal and its observed answers when one was named. */
export interface EvaluateResult extends ProposalEvaluation {
  /** Answers integrated over the ranges of uncertain preference figures, when the scenario gives any. */
  uncertainty?: UncertainAnswers;
  proposal: string | null;
  label: string;
  observed: Record<string, string> | null;
}

const ProposalFileSchema = z.object({ terms: z.record(z.string(), z.string()) }).loose();

/** A recorded proposal by id, or an input error listing the recorded ones. */
export function findProposal(scenario: Scenario, id: string): Proposal {
  const proposal = scenario.proposals.find((p) => p.id === id);
  if (!proposal)
    throw new EntenteError(
      'UNKNOWN_PROPOSAL',
      `No proposal has id "${id}"; use one of: ${scenario.proposals.map((p) => p.id).join(', ') || '(none recorded)'}.`,
    );
  return proposal;
}

/** Evaluates terms with levers applied first; a recorded proposal brings its observed answers along. */
export function evaluateTerms(
  model: ScenarioModel,
  chosen: { terms: Readonly<Record<string, string>>; proposal?: Proposal | undefined; label?: string },
  levers: readonly LeverUse[],
  when: { asOf?: string | undefined; proposers?: readonly string[] | undefined } = {},
): EvaluateResult {
  const asOf = when.asOf ?? chosen.proposal?.date;
  const proposers = when.proposers ?? chosen.proposal?.proposers;
  for (const id of proposers ?? [])
    if (!model.scenario.actors.some((a) => a.id === id))
      throw new EntenteError(
        'UNKNOWN_ACTOR',
        `No actor has id "${id}"; use one of: ${model.scenario.actors.map((a) => a.id).join(', ')}.`,
      );
  const levered = applyLevers(modelAsOf(model, asOf, when.asOf === undefined), levers);
  const evaluation = evaluatePackage(levered, resolveTerms(levered, chosen.terms), undefined, {
    proposers,
    asOf: asOf ?? model.scenario.asOf,
  });
  const observed = chosen.proposal
    ? Object.fromEntries(Object.entries(chosen.proposal.responses).map(([actor, r]) => [actor, r.response]))
    : null;
  const label =
    chosen.label ?? (chosen.proposal ? `${chosen.proposal.title} (${chosen.proposal.date})` : 'the given terms');
  return { proposal: chosen.proposal?.id ?? null, label, observed, ...evaluation };
}

/** Where the terms come from: a recorded proposal, terms, or a proposal document. */
function resolveProposal(
  scenario: Scenario,
  params: z.output<typeof EvaluateParams>,
): { terms: Record<string, string>; proposal: Proposal | undefined; label: string } {
  const given = [params.proposal, params.terms, params.file].filter((x) => x !== undefined).length;
  if (given !== 1)
    throw new EntenteError(
      'PROPOSAL_REQUIRED',
      'Give exactly one of --proposal ID, --terms issue=option,... or --file proposal.yaml.',
    );
  if (params.proposal !== undefined) {
    const proposal = findProposal(scenario, params.proposal);
    return { terms: proposal.terms, proposal, label: `${proposal.title} (${proposal.date})` };
  }
  if (params.terms !== undefined) return { terms: params.terms, proposal: undefined, label: 'the given terms' };
  let raw: unknown;
  try {
    // logLevel 'error': the YAML library would print its warnings (unknown tags) on stderr.
    raw = parseYaml(params.file!, { maxAliasCount: 100, logLevel: 'error' });
  } catch (error) {
    throw new EntenteError(
      'PROPOSAL_FILE_INVALID',
      `The proposal file is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = ProposalFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new EntenteError(
      'PROPOSAL_FILE_INVALID',
      'The proposal file must hold a mapping with `terms: {issue: option, ...}`.',
      {
        issues: fromZodIssues(parsed.error.issues),
      },
    );
  return { terms: parsed.data.terms, proposal: undefined, label: 'the proposal file' };
}

const pctOf = (x: number) => `${Math.round(100 * x)}%`;

/** Renders an evaluation for a terminal. */
export function renderEvaluation(
  result: EvaluateResult,
  hasSettlement: boolean,
  words: ReportWords = { noDeal: 'fighting on', conflict: 'the fighting' },
): string {
  const out: string[] = [`Evaluation of ${result.label}`];
  // Terms that leave every issue as it is today have nothing to accept or refuse.
  if (result.changed.length === 0)
    return `${out[0]}\nNo change: these terms leave every issue as it is today, so no party has anything to accept or refuse.\n`;
  out.push(
    `Terms changed from the status quo: ${result.changed.map((i) => `${i}=${result.terms[i]}`).join(', ')}`,
    !hasSettlement
      ? `Each party weighs the terms against ${words.noDeal} (the scenario does not separate settlements from steps).`
      : result.kind === 'settlement'
        ? `A settlement: each party weighs it against walking away (${words.noDeal}).`
        : `A step while ${words.conflict} goes on: each party weighs it against today.`,
  );
  out.push(
    `Stances in force on ${result.asOf}${result.proposers.length ? `; proposed by ${result.proposers.join(', ')}` : ''}.`,
  );
  if (result.levers.length) out.push(`Levers applied: ${result.levers.map((l) => `${l.id}×${l.strength}`).join(', ')}`);
  out.push('');
  out.push(
    formatTable(
      [
        [
          'party',
          'utility',
          result.kind === 'settlement' ? 'walk-away' : 'today',
          'margin',
          'red lines broken',
          'predicted',
          'P(acc/cond/rej)',
          ...(result.observed ? ['observed'] : []),
        ],
        ...result.actors.map((a) => [
          a.actor,
          a.utility.toFixed(3),
          a.referenceValue.toFixed(3),
          notAffected(a) ? 'unchanged' : signed(a.margin),
          a.redLinesBroken.map((r) => `${r.issue}=${r.option}`).join(', ') || '-',
          notAffected(a) ? 'not affected' : a.answer,
          notAffected(a)
            ? '-'
            : `${pctOf(a.probabilities.accepted)}/${pctOf(a.probabilities.accepted_with_conditions)}/${pctOf(a.probabilities.rejected)}`,
          ...(result.observed ? [result.observed[a.actor] ?? '-'] : []),
        ]),
      ],
      { width: 100 },
    ),
  );
  out.push('');
  for (const a of result.actors) if (!notAffected(a)) out.push(wrap(a.explanation, 100, '  '), '');
  const untouched = result.actors.filter(notAffected).map((a) => a.actorName);
  if (untouched.length)
    out.push(
      wrap(
        `Not affected: the terms change nothing ${untouched.join(', ')} care${untouched.length === 1 ? 's' : ''} about.`,
        100,
        '  ',
      ),
      '',
    );
  // The zone verdict beside the answers, with the reason when they differ, so they never silently disagree.
  if (result.uncertainty) {
    const u = result.uncertainty;
    out.push(
      `Over ${u.draws} draws of the ${u.inputs.length} uncertain figures: ${u.actors
        .map(
          (a) =>
            `${a.actor} ${a.answer} (P(yes) ${pctOf(a.probabilities.accepted + a.probabilities.accepted_with_conditions)})`,
        )
        .join('; ')}.`,
    );
    out.push(
      u.flips.length === 0
        ? 'No uncertain figure alone, at either end of its range, changes an answer.'
        : `Figures that alone would change an answer: ${u.flips.map((f) => `${f.input} at its ${f.at} end (${f.value}) turns ${f.actor} from ${f.pointAnswer} to ${f.answer}`).join('; ')}.`,
      '',
    );
  }
  const zone = `${result.inZone ? 'In the zone' : 'Outside the zone'} (${result.acceptance.parties.join(', ')}).`;
  out.push(wrap(`${zone}${result.acceptance.note ? ` ${result.acceptance.note}` : ''}`, 100, ''), '');
  return `${out.join('\n')}\n`;
}

/** Proposal evaluation as a registered engine. */
export const evaluateEngine = defineEngine({
  id: 'evaluate',
  title: 'Proposal evaluation',
  summary:
    'Evaluate a proposal for every party: utility, margin over its walk-away value, red lines, predicted answer and why',
  input: SCENARIO_INPUT,
  params: EvaluateParams,
  result: z
    .object({
      proposal: z.string().nullable(),
      label: z.string(),
      observed: z.record(z.string(), z.string()).nullable(),
      terms: z.record(z.string(), z.string()),
      kind: z.enum(['settlement', 'step']),
      changed: z.array(z.string()),
      actors: z.array(
        z.object({ actor: z.string(), utility: z.number(), margin: z.number(), answer: z.string() }).loose(),
      ),
      levers: z.array(z.object({ id: z.string(), strength: z.number() })),
    })
    .loose(),
  load: (sources) => loadScenarioSource(sources[0]!),
  run: (input, params, ctx): EvaluateResult => {
    const chosen = resolveProposal(input.scenario, params);
    const result = evaluateTerms(input.model, chosen, params.levers, { asOf: params.asOf, proposers: params.proposer });
    if (params.draws === 0) return result;
    const uncertainty = uncertainAnswers(input.model, chosen.terms, {
      draws: params.draws,
      random: ctx.random,
      asOf: result.asOf,
      proposers: result.proposers,
      levers: params.levers,
      signal: ctx.signal,
    });
    return uncertainty ? { ...result, uncertainty } : result;
  },
  render: (result, _params, input) =>
    renderEvaluation(result, input.model.hasSettlement, reportWords(input.model.scenario)),
});

import type { AnswerDrivers, AnswerProbabilities } from '../acceptance/answer-probabilities';
import { type AnswerRule, answerRule, type PredictedAnswer } from '../acceptance/answer-rule';
import { combineAcceptance, type PackageAcceptance, partyAcceptance } from '../acceptance/package-acceptance';
import { type ActorModel, isSettlement, redLineKey, type ScenarioModel } from './scenario-model';
import { defaultSpaceParties } from './scenario-space';
import type { Evidence } from './schema';
import { reportWords } from './vocabulary';

export type { PredictedAnswer } from '../acceptance/answer-rule';

/** How one issue of the package counts for one actor. */
export interface IssueContribution {
  issue: string;
  option: string;
  statusQuo: string;
  weight: number;
  value: number;
  /** weight × value */
  contribution: number;
  /** weight × (value − value of the status quo): what the package changes on this issue. */
  changeFromStatusQuo: number;
  /** weight × (best value − value): how far this issue is from the actor's ideal. */
  lossFromIdeal: number;
}

/** A red line the package breaks, with the clause and its evidence. */
export interface BrokenRedLine {
  issue: string;
  option: string;
  optionLabel: string;
  evidence: Evidence[];
}

/** One actor's verdict on a package. */
export interface ActorEvaluation {
  actor: string;
  actorName: string;
  utility: number;
  noDeal: number;
  statusQuoUtility: number;
  /** What the package is weighed against: walking away (a settlement) or today's situation (a step while fighting goes on). */
  reference: 'walk_away' | 'status_quo';
  referenceValue: number;
  /** utility − referenceValue */
  margin: number;
  /** Utility the package puts at stake for the actor: Σ weight × (best − worst value) over the issues it changes. */
  stakes: number;
  /** Half-width of the "accept with conditions" band in utility (share × stakes). */
  band: number;
  redLinesBroken: BrokenRedLine[];
  /** The most probable answer. */
  answer: PredictedAnswer;
  /** Probabilities of the three answers from the answer model (they sum to 1). */
  probabilities: AnswerProbabilities;
  /** What drove the answer: the stake-scaled standing, the red-line penalty and the cut-points. */
  drivers: AnswerDrivers;
  /** Why: `red_line`, `above_reference`, `near_reference` or `below_reference`. */
  rule: AnswerRule;
  /** The party's part of the zone test: no red line of its own crossed and margin ≥ 0 (> 0 for a step), decided exactly. */
  inZone: boolean;
  contributions: IssueContribution[];
  /** Issues that decide the answer, most decisive first. */
  decisive: string[];
  explanation: string;
}

/** The evaluation of a package for every actor with preferences. */
export interface ProposalEvaluation {
  terms: Record<string, string>;
  /** `settlement` when the package meets the scenario's settlement terms (or the scenario defines none), else `step`. */
  kind: 'settlement' | 'step';
  /** Issues the package moves away from the status quo. */
  changed: string[];
  actors: ActorEvaluation[];
  levers: { id: string; strength: number }[];
  /** Who proposed the terms (they move the answers when the answer model has proposer terms). */
  proposers: string[];
  /** The date whose preferences and status quo were used. */
  asOf: string;
  /** Whether the package is in the zone: every negotiating party's `inZone` holds (see the acceptance module). */
  inZone: boolean;
  /** Both verdicts for the negotiating parties, and why they differ when every party says yes outside the zone. */
  acceptance: PackageAcceptance;
}

/** The answer rule (kept under its old name): see `answerRule` in the acceptance module. */
export const predictAnswer: (margin: number, band: number, redLineBroken: boolean) => AnswerRule = answerRule;

const fmt = (x: number) => x.toFixed(3);
const signed = (x: number) => (x >= 0 ? `+${fmt(x)}` : fmt(x));

function listIssues(items: IssueContribution[], model: ScenarioModel, pick: (c: IssueContribution) => number): string {
  return items
    .map((c) => {
      const issue = model.issues[model.issueIndex.get(c.issue)!]!;
      const label = issue.options.find((o) => o.id === c.option)?.label ?? c.option;
      return `${issue.name} (${label}, ${signed(pick(c))})`;
    })
    .join(', ');
}

function explain(
  model: ScenarioModel,
  ev: Omit<ActorEvaluation, 'explanation' | 'decisive'>,
  changedSet: Set<string>,
): { text: string; decisive: string[] } {
  const name = ev.actorName;
  const moved = ev.contributions.filter((c) => changedSet.has(c.issue) && c.weight > 0);
  const gains = moved
    .filter((c) => c.changeFromStatusQuo > 1e-12)
    .sort((a, b) => b.changeFromStatusQuo - a.changeFromStatusQuo);
  const losses = moved
    .filter((c) => c.changeFromStatusQuo < -1e-12)
    .sort((a, b) => a.changeFromStatusQuo - b.changeFromStatusQuo);
  const parts: string[] = [];
  let decisive: string[];
  const against =
    ev.reference === 'walk_away'
      ? `${model.hasSettlement ? 'As a settlement it is weighed against walking away' : `It is weighed against ${reportWords(model.scenario).noDeal}`}: utility ${fmt(ev.utility)} against a walk-away value of ${fmt(ev.noDeal)}`
      : `As a step taken while ${reportWords(model.scenario).conflict} goes on it is weighed against today's situation: utility ${fmt(ev.utility)} against ${fmt(ev.statusQuoUtility)} now`;
  const standing = `${against} (margin ${signed(ev.margin)}).`;
  const alternative = ev.reference === 'walk_away' ? reportWords(model.scenario).noDeal : 'things as they are';
  if (ev.rule === 'red_line') {
    const lines = ev.redLinesBroken.map(
      (r) => `${model.issues[model.issueIndex.get(r.issue)!]!.name}: "${r.optionLabel}"`,
    );
    parts.push(
      `${name} would reject: the terms cross its red line${lines.length > 1 ? 's' : ''} on ${lines.join('; ')}.`,
    );
    parts.push(standing);
    decisive = ev.redLinesBroken.map((r) => r.issue);
  } else if (ev.rule === 'above_reference') {
    parts.push(`${name} would accept: the package is worth clearly more to it than ${alternative}. ${standing}`);
    decisive = gains.map((c) => c.issue);
  } else if (ev.rule === 'near_reference') {
    parts.push(
      `${name} would accept only with conditions: the package is worth about as much to it as ${alternative} (within ±${fmt(ev.band)}, ${Math.round((100 * ev.band) / Math.max(ev.stakes, 1e-12))}% of what the terms put at stake for it), so it would ask for more before signing. ${standing}`,
    );
    decisive = [...losses, ...gains].map((c) => c.issue);
  } else {
    parts.push(`${name} would reject: the package is worth less to it than ${alternative}. ${standing}`);
    decisive = losses.map((c) => c.issue);
  }
  if (gains.length > 0)
    parts.push(`In its favour: ${listIssues(gains.slice(0, 3), model, (c) => c.changeFromStatusQuo)}.`);
  if (losses.length > 0)
    parts.push(`Against it: ${listIssues(losses.slice(0, 3), model, (c) => c.changeFromStatusQuo)}.`);
  if (moved.length === 0) parts.push('The terms change nothing it cares about.');
  if (ev.rule === 'below_reference' && losses.length === 0)
    parts.push(
      ev.reference === 'walk_away'
        ? `Nothing in the terms hurts it; the terms simply do not give it enough to ${reportWords(model.scenario).noDeal === 'fighting on' ? 'stop fighting' : `prefer it to ${reportWords(model.scenario).noDeal}`}.`
        : 'Nothing in the terms hurts it, but they do not leave it better off than today.',
    );
  return { text: parts.join(' '), decisive };
}

/** Evaluates a package for one actor (answer and zone test from the acceptance module). */
export function evaluateForActor(
  model: ScenarioModel,
  actor: ActorModel,
  pkg: Int32Array,
  changedSet: Set<string>,
  settlement = isSettlement(model, pkg),
  proposers?: readonly string[],
): ActorEvaluation {
  const standing = partyAcceptance(model, actor, pkg, changedSet, settlement, proposers);
  const contributions: IssueContribution[] = model.issues.map((issue, i) => {
    const j = pkg[i]!;
    const values = actor.values[i]!;
    const w = actor.weights[i]!;
    const best = values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
    return {
      issue: issue.id,
      option: issue.options[j]!.id,
      statusQuo: issue.statusQuo,
      weight: w,
      value: values[j]!,
      contribution: w * values[j]!,
      changeFromStatusQuo: w * (values[j]! - values[model.statusQuo[i]!]!),
      lossFromIdeal: w * (best - values[j]!),
    };
  });
  const redLinesBroken = standing.redLines.map((i) => {
    const issue = model.issues[i]!;
    const option = issue.options[pkg[i]!]!;
    return {
      issue: issue.id,
      option: option.id,
      optionLabel: option.label,
      evidence: actor.redLineEvidence.get(redLineKey(issue.id, option.id)) ?? [],
    };
  });
  const base = {
    actor: actor.actor.id,
    actorName: actor.actor.name,
    utility: standing.utility,
    noDeal: actor.noDeal,
    statusQuoUtility: actor.statusQuoUtility,
    reference: standing.reference,
    referenceValue: standing.referenceValue,
    margin: standing.margin,
    stakes: standing.stakes,
    band: standing.band,
    redLinesBroken,
    answer: standing.answer,
    probabilities: standing.probabilities,
    drivers: standing.drivers,
    rule: standing.rule,
    inZone: standing.inZone,
    contributions,
  };
  const { text, decisive } = explain(model, base, changedSet);
  return { ...base, decisive, explanation: text };
}

/**
 * Evaluates a package (option index per issue) for every actor with preferences; the zone verdict
 * is over `parties` (default: the negotiating parties, as in the agreement space).
 * @example evaluatePackage(model, resolveTerms(model, { ceasefire: 'full' }))
 */
export function evaluatePackage(
  model: ScenarioModel,
  pkg: Int32Array,
  parties: readonly string[] = defaultSpaceParties(model),
  options: { proposers?: readonly string[] | undefined; asOf?: string | undefined } = {},
): ProposalEvaluation {
  const terms: Record<string, string> = {};
  const changed: string[] = [];
  model.issues.forEach((issue, i) => {
    const option = issue.options[pkg[i]!]!.id;
    terms[issue.id] = option;
    if (pkg[i] !== model.statusQuo[i]) changed.push(issue.id);
  });
  const changedSet = new Set(changed);
  const settlement = isSettlement(model, pkg);
  const actors = model.actors.map((a) => evaluateForActor(model, a, pkg, changedSet, settlement, options.proposers));
  const acceptance = combineAcceptance(model, pkg, actors, parties);
  return {
    terms,
    kind: settlement ? 'settlement' : 'step',
    changed,
    actors,
    levers: model.appliedLevers,
    proposers: [...(options.proposers ?? [])],
    asOf: options.asOf ?? model.scenario.asOf,
    inZone: acceptance.inZone,
    acceptance,
  };
}

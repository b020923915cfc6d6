import { type ActorModel, brokenRedLines, redLineKey, type ScenarioModel, utilityOf } from './scenario-model';
import type { Evidence } from './schema';

/** The model's predicted answer to a proposal. */
export type PredictedAnswer = 'accepted' | 'accepted_with_conditions' | 'rejected';

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
  margin: number;
  band: number;
  redLinesBroken: BrokenRedLine[];
  answer: PredictedAnswer;
  /** Why: `red_line`, `above_walk_away`, `near_walk_away` or `below_walk_away`. */
  rule: 'red_line' | 'above_walk_away' | 'near_walk_away' | 'below_walk_away';
  contributions: IssueContribution[];
  /** Issues that decide the answer, most decisive first. */
  decisive: string[];
  explanation: string;
}

/** The evaluation of a package for every actor with preferences. */
export interface ProposalEvaluation {
  terms: Record<string, string>;
  /** Issues the package moves away from the status quo. */
  changed: string[];
  actors: ActorEvaluation[];
  levers: { id: string; strength: number }[];
}

/**
 * The answer rule: a broken red line rejects; otherwise the margin over the walk-away value decides,
 * with a band around zero inside which the actor says "yes, but" (accepts with conditions).
 */
export function predictAnswer(margin: number, band: number, redLineBroken: boolean): ActorEvaluation['rule'] {
  if (redLineBroken) return 'red_line';
  // A tiny epsilon keeps results stable when margins land exactly on the band's edge.
  const eps = 1e-9;
  if (margin > band + eps) return 'above_walk_away';
  if (margin >= -band - eps) return 'near_walk_away';
  return 'below_walk_away';
}

const ANSWER_OF_RULE: Record<ActorEvaluation['rule'], PredictedAnswer> = {
  red_line: 'rejected',
  above_walk_away: 'accepted',
  near_walk_away: 'accepted_with_conditions',
  below_walk_away: 'rejected',
};

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
  const standing = `Its utility is ${fmt(ev.utility)} against a walk-away value of ${fmt(ev.noDeal)} (margin ${signed(ev.margin)}).`;
  if (ev.rule === 'red_line') {
    const lines = ev.redLinesBroken.map(
      (r) => `${model.issues[model.issueIndex.get(r.issue)!]!.name}: "${r.optionLabel}"`,
    );
    parts.push(
      `${name} would reject: the terms cross its red line${lines.length > 1 ? 's' : ''} on ${lines.join('; ')}.`,
    );
    parts.push(standing);
    decisive = ev.redLinesBroken.map((r) => r.issue);
  } else if (ev.rule === 'above_walk_away') {
    parts.push(`${name} would accept: the package is worth more to it than fighting on. ${standing}`);
    decisive = gains.map((c) => c.issue);
  } else if (ev.rule === 'near_walk_away') {
    parts.push(
      `${name} would accept only with conditions: the package is worth about as much to it as fighting on (within ±${fmt(ev.band)}), so it would ask for more before signing. ${standing}`,
    );
    decisive = [...losses, ...gains].map((c) => c.issue);
  } else {
    parts.push(`${name} would reject: the package is worth less to it than fighting on. ${standing}`);
    decisive = losses.map((c) => c.issue);
  }
  if (gains.length > 0)
    parts.push(`In its favour: ${listIssues(gains.slice(0, 3), model, (c) => c.changeFromStatusQuo)}.`);
  if (losses.length > 0)
    parts.push(`Against it: ${listIssues(losses.slice(0, 3), model, (c) => c.changeFromStatusQuo)}.`);
  if (moved.length === 0) parts.push('The terms change nothing it cares about.');
  if (ev.rule === 'below_walk_away' && losses.length === 0)
    parts.push('Nothing in the terms hurts it; the terms simply do not give it enough to stop fighting.');
  return { text: parts.join(' '), decisive };
}

/** Evaluates a package for one actor. */
export function evaluateForActor(
  model: ScenarioModel,
  actor: ActorModel,
  pkg: Int32Array,
  changedSet: Set<string>,
): ActorEvaluation {
  const utility = utilityOf(actor, pkg);
  const margin = utility - actor.noDeal;
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
  const redLinesBroken = brokenRedLines(actor, pkg).map((i) => {
    const issue = model.issues[i]!;
    const option = issue.options[pkg[i]!]!;
    return {
      issue: issue.id,
      option: option.id,
      optionLabel: option.label,
      evidence: actor.redLineEvidence.get(redLineKey(issue.id, option.id)) ?? [],
    };
  });
  const rule = predictAnswer(margin, actor.band, redLinesBroken.length > 0);
  const base = {
    actor: actor.actor.id,
    actorName: actor.actor.name,
    utility,
    noDeal: actor.noDeal,
    margin,
    band: actor.band,
    redLinesBroken,
    answer: ANSWER_OF_RULE[rule],
    rule,
    contributions,
  };
  const { text, decisive } = explain(model, base, changedSet);
  return { ...base, decisive, explanation: text };
}

/**
 * Evaluates a package (option index per issue) for every actor with preferences.
 * @example evaluatePackage(model, resolveTerms(model, { ceasefire: 'full' }))
 */
export function evaluatePackage(model: ScenarioModel, pkg: Int32Array): ProposalEvaluation {
  const terms: Record<string, string> = {};
  const changed: string[] = [];
  model.issues.forEach((issue, i) => {
    const option = issue.options[pkg[i]!]!.id;
    terms[issue.id] = option;
    if (pkg[i] !== model.statusQuo[i]) changed.push(issue.id);
  });
  const changedSet = new Set(changed);
  return {
    terms,
    changed,
    actors: model.actors.map((a) => evaluateForActor(model, a, pkg, changedSet)),
    levers: model.appliedLevers,
  };
}

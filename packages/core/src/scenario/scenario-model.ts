import { type AnswerModelParams, DEFAULT_ANSWER_MODEL } from '../acceptance/answer-probabilities';
import { EntenteError } from '../errors';
import { type LeverUse, validateLeverUses } from '../levers/validate';
import type { Actor, Evidence, Issue, Scenario } from './schema';

/** One actor's preferences in index form: normalised weights, option values and red-line masks. */
export interface ActorModel {
  actor: Actor;
  /** Normalised salience per issue (sums to 1). */
  weights: Float64Array;
  /** Value in [0,1] per issue, per option (0 where the issue has no weight and no value). */
  values: Float64Array[];
  /** Per issue, per option: 0 no red line, 1 a red line (a strong penalty), 2 an absolute red line (a veto). */
  redLines: Uint8Array[];
  redLineEvidence: ReadonlyMap<string, Evidence[]>;
  noDeal: number;
  /** Half-width of the "accept with conditions" band, as a share of the utility a proposal puts at stake. */
  band: number;
  /** Utility of the status-quo package. */
  statusQuoUtility: number;
}

/** A validated scenario in index form, ready for the engines. */
export interface ScenarioModel {
  scenario: Scenario;
  issues: Issue[];
  issueIndex: ReadonlyMap<string, number>;
  optionIndex: ReadonlyMap<string, number>[];
  /** Status-quo option index per issue. */
  statusQuo: Int32Array;
  /** Actors that have preferences, in scenario order. */
  actors: ActorModel[];
  /** Levers applied so far, with their strengths. */
  appliedLevers: { id: string; strength: number }[];
  /** Per issue, per option: 1 where a settlement may have that option (all 1 when the scenario defines no settlement). */
  settlementOptions: Uint8Array[];
  /** Whether the scenario distinguishes settlements from steps taken while fighting goes on. */
  hasSettlement: boolean;
  /** The answer model's parameters: the scenario's fitted ones, else the published defaults. */
  answerModel: AnswerModelParams;
}

/** Default half-width of the "accept with conditions" band, as a share of what a proposal puts at stake. */
export const DEFAULT_CONDITIONAL_BAND = 0.25;

/** Key of a red line in `redLineEvidence`. */
export const redLineKey = (issueId: string, optionId: string): string => `${issueId}/${optionId}`;

/** Builds the index form of a validated scenario (weights normalised to sum 1). */
export function buildScenarioModel(scenario: Scenario): ScenarioModel {
  const issues = scenario.issues;
  const issueIndex = new Map(issues.map((issue, i) => [issue.id, i]));
  const optionIndex = issues.map((issue) => new Map(issue.options.map((o, j) => [o.id, j])));
  const statusQuo = Int32Array.from(issues, (issue, i) => optionIndex[i]?.get(issue.statusQuo) ?? 0);
  const actors: ActorModel[] = [];
  for (const actor of scenario.actors) {
    const pref = scenario.preferences[actor.id];
    if (!pref) continue;
    const total = issues.reduce((sum, issue) => sum + Math.max(0, pref.weights[issue.id] ?? 0), 0);
    const weights = Float64Array.from(issues, (issue) => Math.max(0, pref.weights[issue.id] ?? 0) / total);
    const values = issues.map((issue) => Float64Array.from(issue.options, (o) => pref.values[issue.id]?.[o.id] ?? 0));
    const redLines = issues.map((issue) => new Uint8Array(issue.options.length));
    const redLineEvidence = new Map<string, Evidence[]>();
    for (const line of pref.redLines) {
      const i = issueIndex.get(line.issue);
      const j = i === undefined ? undefined : optionIndex[i]?.get(line.option);
      if (i === undefined || j === undefined) continue;
      redLines[i]![j] = line.absolute ? 2 : 1;
      redLineEvidence.set(redLineKey(line.issue, line.option), line.evidence);
    }
    actors.push({
      actor,
      weights,
      values,
      redLines,
      redLineEvidence,
      noDeal: pref.noDeal,
      band: pref.conditionalBand ?? DEFAULT_CONDITIONAL_BAND,
      statusQuoUtility: utilityOf({ weights, values }, statusQuo),
    });
  }
  const requires = scenario.settlement?.requires ?? {};
  const settlementOptions = issues.map((issue) =>
    Uint8Array.from(issue.options, (o) => (requires[issue.id] ? Number(requires[issue.id]!.includes(o.id)) : 1)),
  );
  return {
    scenario,
    issues,
    issueIndex,
    optionIndex,
    statusQuo,
    actors,
    appliedLevers: [],
    settlementOptions,
    hasSettlement: scenario.settlement !== undefined,
    answerModel: scenario.answerModel
      ? {
          scale: scenario.answerModel.scale,
          redLinePenalty: scenario.answerModel.redLinePenalty,
          shift: scenario.answerModel.shift,
          bandFactor: scenario.answerModel.bandFactor,
          adversaryDevaluation: scenario.answerModel.adversaryDevaluation,
          partnerEngagement: scenario.answerModel.partnerEngagement,
          leverageWeight: scenario.answerModel.leverageWeight,
          holdOutPenalty: scenario.answerModel.holdOutPenalty,
        }
      : { ...DEFAULT_ANSWER_MODEL },
  };
}

export type { LeverUse } from '../levers/validate';

/**
 * Returns a model with levers applied: each shifts its target's walk-away value and option values
 * by its effect times the strength. Unknown ids and strengths outside [0, maxStrength] are input errors.
 * @example applyLevers(model, [{ id: 'secondary_sanctions', strength: 1 }])
 */
export function applyLevers(model: ScenarioModel, uses: readonly LeverUse[]): ScenarioModel {
  if (uses.length === 0) return model;
  const actors = model.actors.map((a) => ({ ...a, values: a.values.map((v) => v.slice()) }));
  validateLeverUses(model, uses);
  for (const use of uses) {
    const lever = model.scenario.levers.find((l) => l.id === use.id)!;
    const target = actors.find((a) => a.actor.id === lever.target);
    if (!target) continue;
    target.noDeal += lever.effect.noDealShift * use.strength;
    for (const shift of lever.effect.valueShifts) {
      const i = model.issueIndex.get(shift.issue);
      const j = i === undefined ? undefined : model.optionIndex[i]?.get(shift.option);
      if (i === undefined || j === undefined) continue;
      target.values[i]![j]! += shift.shift * use.strength;
    }
  }
  for (const a of actors) a.statusQuoUtility = utilityOf(a, model.statusQuo);
  return { ...model, actors, appliedLevers: [...model.appliedLevers, ...uses] };
}

/**
 * Turns issue → option terms into a package (option index per issue); unnamed issues stay at the status quo.
 * @example resolveTerms(model, { ceasefire: 'energy' })
 */
export function resolveTerms(model: ScenarioModel, terms: Readonly<Record<string, string>>): Int32Array {
  const pkg = model.statusQuo.slice();
  for (const [issueId, optionId] of Object.entries(terms)) {
    const i = model.issueIndex.get(issueId);
    if (i === undefined)
      throw new EntenteError(
        'UNKNOWN_ISSUE',
        `No issue has id "${issueId}"; use one of: ${model.issues.map((x) => x.id).join(', ')}.`,
      );
    const j = model.optionIndex[i]?.get(optionId);
    if (j === undefined)
      throw new EntenteError(
        'UNKNOWN_OPTION',
        `Issue "${issueId}" has no option "${optionId}"; use one of: ${model.issues[i]!.options.map((o) => o.id).join(', ')}.`,
      );
    pkg[i] = j;
  }
  return pkg;
}

/** True when a package meets the scenario's settlement terms (always true when it defines none). */
export function isSettlement(model: ScenarioModel, pkg: Int32Array): boolean {
  for (let i = 0; i < pkg.length; i++) if (!model.settlementOptions[i]![pkg[i]!]) return false;
  return true;
}

/** The utility of a package to an actor (additive: Σ weight × value). */
export function utilityOf(actor: Pick<ActorModel, 'weights' | 'values'>, pkg: Int32Array): number {
  let u = 0;
  for (let i = 0; i < pkg.length; i++) u += actor.weights[i]! * actor.values[i]![pkg[i]!]!;
  return u;
}

/** The issues where a package breaks the actor's red lines. */
export function brokenRedLines(actor: ActorModel, pkg: Int32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < pkg.length; i++) if (actor.redLines[i]![pkg[i]!]) out.push(i);
  return out;
}

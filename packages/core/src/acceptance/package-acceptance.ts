import {
  type ActorModel,
  brokenRedLines,
  isSettlement,
  type ScenarioModel,
  utilityOf,
} from '../scenario/scenario-model';
import { defaultSpaceParties } from '../scenario/scenario-space';
import type { ZoneMode } from '../space/types';
import {
  type AnswerDrivers,
  type AnswerFeatures,
  type AnswerProbabilities,
  answerDrivers,
  answerProbabilities,
  mostProbableAnswer,
} from './answer-probabilities';
import { type AnswerRule, isYes, type PredictedAnswer } from './answer-rule';
import { exactActorTable, exactUtilityOf } from './exact-utility';
import { meetsReference, zoneModeFor } from './zone-rule';

/** How one party stands on a package: its predicted answer and whether it meets the zone's test. */
export interface PartyAcceptance {
  actor: string;
  utility: number;
  /** What the package is weighed against: walking away (a settlement) or today (a step). */
  reference: 'walk_away' | 'status_quo';
  referenceValue: number;
  /** utility − referenceValue (float, for display; the zone test uses exact values). */
  margin: number;
  /** Utility the package puts at stake: Σ weight × (best − worst value) over the issues it changes. */
  stakes: number;
  /** Half-width of the "accept with conditions" band (share × stakes). */
  band: number;
  /** Issue indices where the package crosses the party's red lines. */
  redLines: number[];
  rule: AnswerRule;
  /** The most probable answer. */
  answer: PredictedAnswer;
  /** The answer model's probabilities (they sum to 1). */
  probabilities: AnswerProbabilities;
  /** The stake-scaled standing, red-line penalty and cut-points that drove the answer. */
  drivers: AnswerDrivers;
  /** What the answer model read from the package (for fitting and backtests). */
  features: AnswerFeatures;
  /** Margin ≥ 0 exactly (> 0 for steps) and no red line of its own crossed: the party's part of the zone test. */
  inZone: boolean;
}

/** Why a package outside the zone is still "accepted with conditions" by a party. */
export interface ConditionalOutsideZone {
  actor: string;
  margin: number;
  band: number;
}

/** Both verdicts on a package for the negotiating parties: their answers and whether it lies in the zone. */
export interface PackageAcceptance {
  kind: 'settlement' | 'step';
  /** The zone's test: margin ≥ 0 (`weak`, settlements) or > 0 (`strict`, steps). */
  zoneMode: ZoneMode;
  /** The parties whose agreement the zone needs. */
  parties: string[];
  /** Every party in the zone: no red line crossed and its margin meets the zone's test. */
  inZone: boolean;
  /** Each party's predicted answer. */
  answers: Record<string, PredictedAnswer>;
  /** Every party answers yes, with or without conditions. */
  everyPartySaysYes: boolean;
  /** Parties that say yes with conditions although their margin fails the zone's test (negative, or zero for a step). */
  conditionalOutsideZone: ConditionalOutsideZone[];
  /** One sentence when the answers and the zone disagree; null when they do not. */
  note: string | null;
}

/** Names the reason for an answer: a crossed red line explains a rejection before the margin does. */
function ruleOf(answer: PredictedAnswer, redLineCrossed: boolean): AnswerRule {
  if (answer === 'rejected') return redLineCrossed ? 'red_line' : 'below_reference';
  return answer === 'accepted' ? 'above_reference' : 'near_reference';
}

/** Issues the package moves away from the status quo. */
export function changedIssues(model: ScenarioModel, pkg: Int32Array): Set<string> {
  const out = new Set<string>();
  model.issues.forEach((issue, i) => {
    if (pkg[i] !== model.statusQuo[i]) out.add(issue.id);
  });
  return out;
}

/**
 * What who proposed means to a party: a key partner's plan, or an offer made only by other
 * negotiating parties (a party's own proposal, or a mediator's, is neither).
 */
export function proposerFeatures(
  model: ScenarioModel,
  actorId: string,
  proposers: readonly string[] | undefined,
): { adversaryOffer: number; partnerOffer: number } {
  if (!proposers || proposers.length === 0 || proposers.includes(actorId))
    return { adversaryOffer: 0, partnerOffer: 0 };
  const actor = model.scenario.actors.find((a) => a.id === actorId);
  const partner = proposers.some((p) => actor?.partners.includes(p));
  const roleOf = (id: string) => model.scenario.actors.find((a) => a.id === id)?.role;
  const adversary = !partner && proposers.every((p) => roleOf(p) === 'party');
  return { adversaryOffer: adversary ? 1 : 0, partnerOffer: partner ? 1 : 0 };
}

/** What a step does to the party's position away from the table, and whether it holds out for more. */
function awayFromTable(
  model: ScenarioModel,
  actor: ActorModel,
  pkg: Int32Array,
  changed: ReadonlySet<string>,
  settlement: boolean,
): { leverage: number; holdOut: number } {
  const pref = model.scenario.preferences[actor.actor.id];
  // A settlement ends the contest away from the table, so leverage and holding out only weigh on steps.
  if (!pref || (settlement && model.hasSettlement)) return { leverage: 0, holdOut: 0 };
  let leverage = 0;
  for (const issueId of changed) {
    const i = model.issueIndex.get(issueId)!;
    leverage += pref.leverage[issueId]?.[model.issues[i]!.options[pkg[i]!]!.id] ?? 0;
  }
  return { leverage, holdOut: pref.holdsOut && model.hasSettlement ? 1 : 0 };
}

/**
 * One party's answer and zone test on a package: THE definition every caller uses.
 * @example partyAcceptance(model, model.actors[0]!, pkg)
 */
export function partyAcceptance(
  model: ScenarioModel,
  actor: ActorModel,
  pkg: Int32Array,
  changed: ReadonlySet<string> = changedIssues(model, pkg),
  settlement = isSettlement(model, pkg),
  proposers?: readonly string[],
): PartyAcceptance {
  const utility = utilityOf(actor, pkg);
  const referenceValue = settlement ? actor.noDeal : actor.statusQuoUtility;
  const margin = utility - referenceValue;
  let stakes = 0;
  model.issues.forEach((issue, i) => {
    if (!changed.has(issue.id)) return;
    const values = actor.values[i]!;
    stakes += actor.weights[i]! * (Math.max(...values) - Math.min(...values));
  });
  const band = actor.band * stakes;
  const redLines = brokenRedLines(actor, pkg);
  const absolute = redLines.filter((i) => actor.redLines[i]![pkg[i]!] === 2).length;
  const features = {
    margin,
    stakes,
    bandShare: actor.band,
    softRedLines: redLines.length - absolute,
    absoluteRedLines: absolute,
    ...proposerFeatures(model, actor.actor.id, proposers),
    ...awayFromTable(model, actor, pkg, changed, settlement),
  };
  const probabilities = answerProbabilities(features, model.answerModel);
  const answer = mostProbableAnswer(probabilities);
  const rule = ruleOf(answer, redLines.length > 0);
  const table = exactActorTable(model, actor);
  const mode = zoneModeFor(model.hasSettlement ? (settlement ? 'settlement' : 'step') : 'all');
  const meets = meetsReference(exactUtilityOf(table, pkg), settlement ? table.walkAway : table.today, mode);
  return {
    actor: actor.actor.id,
    utility,
    reference: settlement ? 'walk_away' : 'status_quo',
    referenceValue,
    margin,
    stakes,
    band,
    redLines,
    rule,
    answer,
    probabilities,
    drivers: answerDrivers(features, model.answerModel),
    features,
    inZone: meets && redLines.length === 0,
  };
}

const fmt = (x: number) => (x >= 0 ? `+${x.toFixed(3)}` : x.toFixed(3));

/**
 * Sums up the parties' standings into the package's two verdicts, and says why when every party
 * says yes but the package is outside the zone.
 */
export function combineAcceptance(
  model: ScenarioModel,
  pkg: Int32Array,
  standings: readonly Pick<PartyAcceptance, 'actor' | 'answer' | 'inZone' | 'margin' | 'band'>[],
  parties: readonly string[] = defaultSpaceParties(model),
): PackageAcceptance {
  const settlement = isSettlement(model, pkg);
  const kind = settlement ? 'settlement' : 'step';
  const zoneMode = zoneModeFor(model.hasSettlement ? kind : 'all');
  const mine = parties.map((id) => standings.find((s) => s.actor === id)).filter((s) => s !== undefined);
  const inZone = mine.length > 0 && mine.every((s) => s.inZone);
  const everyPartySaysYes = mine.length > 0 && mine.every((s) => isYes(s.answer));
  const conditionalOutsideZone = mine
    .filter((s) => s.answer === 'accepted_with_conditions' && !s.inZone)
    .map((s) => ({ actor: s.actor, margin: s.margin, band: s.band }));
  const against = kind === 'settlement' ? 'its walk-away value' : 'today';
  const note =
    everyPartySaysYes && !inZone
      ? `Every party (${mine.map((s) => s.actor).join(', ')}) would say yes, but the package is outside the zone: ${conditionalOutsideZone
          .map(
            (c) =>
              `${c.actor} is ${zoneMode === 'strict' && c.margin >= 0 ? 'no better off than' : 'below'} ${against} (margin ${fmt(c.margin)}, within its band ±${c.band.toFixed(3)}, so it asks for conditions)`,
          )
          .join('; ')}.`
      : null;
  return {
    kind,
    zoneMode,
    parties: mine.map((s) => s.actor),
    inZone,
    answers: Object.fromEntries(standings.map((s) => [s.actor, s.answer])),
    everyPartySaysYes,
    conditionalOutsideZone,
    note,
  };
}

/**
 * Both verdicts on a package: each party's predicted answer, and whether it lies in the zone.
 * @example packageAcceptance(model, resolveTerms(model, { ceasefire: 'full' })).inZone
 */
export function packageAcceptance(
  model: ScenarioModel,
  pkg: Int32Array,
  parties: readonly string[] = defaultSpaceParties(model),
): PackageAcceptance & { standings: PartyAcceptance[] } {
  const changed = changedIssues(model, pkg);
  const settlement = isSettlement(model, pkg);
  const wanted = new Set(parties);
  const standings = model.actors
    .filter((a) => wanted.has(a.actor.id))
    .map((a) => partyAcceptance(model, a, pkg, changed, settlement));
  return { ...combineAcceptance(model, pkg, standings, parties), standings };
}

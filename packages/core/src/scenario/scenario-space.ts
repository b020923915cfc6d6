import { exactActorTable } from '../acceptance/exact-utility';
import { EntenteError } from '../errors';
import type { AdditiveSpace, ExactContributions, SpaceLever } from '../space/types';
import type { ActorModel, ScenarioModel } from './scenario-model';

/** Which actors count as negotiating parties in the agreement space. */
export function defaultSpaceParties(model: ScenarioModel): string[] {
  const parties = model.actors.filter((a) => a.actor.role === 'party').map((a) => a.actor.id);
  // With fewer than two modelled parties the space says nothing; fall back to every actor with preferences.
  return parties.length >= 2 ? parties : model.actors.map((a) => a.actor.id);
}

/**
 * The party's numbers as exact rationals, taken from the acceptance module's table (raw weight ÷
 * Σ weights × value), so that the space's zone and each package's `inZone` are decided on the same numbers.
 */
function exactContributions(
  model: ScenarioModel,
  actor: ActorModel,
  optionsOf: number[][],
  stepReservation: boolean,
): ExactContributions {
  const table = exactActorTable(model, actor);
  return {
    denominator: table.denominator,
    contributions: optionsOf.map((options, i) => options.map((j) => table.cells[i]![j]!)),
    reservation: stepReservation ? table.today : table.walkAway,
  };
}

/** Which issues are open for negotiation: all, or a named subset (the others stay at the status quo). */
function openIssues(model: ScenarioModel, issueIds: readonly string[] | undefined): boolean[] {
  if (!issueIds) return model.issues.map(() => true);
  const unknown = issueIds.filter((id) => !model.issueIndex.has(id));
  if (unknown.length > 0)
    throw new EntenteError(
      'UNKNOWN_ISSUE',
      `No issue has id ${unknown.map((u) => `"${u}"`).join(', ')}; use some of: ${model.issues.map((i) => i.id).join(', ')}.`,
    );
  if (issueIds.length === 0)
    throw new EntenteError('EMPTY_ISSUE_SET', 'The issue subset is empty; name at least one issue.');
  const keep = new Set(issueIds);
  return model.issues.map((issue) => keep.has(issue.id));
}

/** Options of issue i in the space: all when open, only the status quo when fixed; then kept to settlements or steps. */
function spaceOptions(model: ScenarioModel, open: boolean[], i: number, kind: PackageKind | undefined): number[] {
  const base = open[i] ? model.issues[i]!.options.map((_, j) => j) : [model.statusQuo[i]!];
  const allowed = model.settlementOptions[i]!;
  const restricted = allowed.every((x) => x === 1);
  if (!kind || restricted) return base;
  const kept = base.filter((j) => (kind === 'settlement' ? allowed[j] === 1 : allowed[j] === 0));
  if (kept.length === 0)
    throw new EntenteError(
      'SETTLEMENT_ISSUE_FIXED',
      `Issue "${model.issues[i]!.id}" is kept at its status quo, which a settlement excludes; add it to the negotiated issues.`,
    );
  return kept;
}

/** Settlements end the fighting (weighed against walking away); steps are taken while it goes on (weighed against today). */
export type PackageKind = 'settlement' | 'step';

/** Options for turning a scenario into an agreement space. */
export interface ScenarioSpaceOptions {
  /** Actors whose agreement is needed (default: the actors with role `party`). */
  parties?: readonly string[];
  /** Issues open for negotiation (default: all); the others stay at the status quo. */
  issues?: readonly string[];
  /**
   * Keep only settlements (the settlement issues at their settlement options, reservations = walk-away
   * values) or only steps (settlement issues short of them, reservations = today's utility).
   * Without it: every package, weighed against the walk-away values.
   */
  kind?: PackageKind;
}

/**
 * Turns a scenario into the additive space the agreement-space engine works on: option ids as
 * labels, weight × value contributions, red lines as forbidden options, walk-away values as
 * reservations. Issues outside `issues` keep only their status-quo option.
 * @example analyzeSpace(buildScenarioSpace(model, { issues: ['ceasefire'] }))
 */
export function buildScenarioSpace(model: ScenarioModel, options: ScenarioSpaceOptions = {}): AdditiveSpace {
  const ids = options.parties ?? defaultSpaceParties(model);
  const open = openIssues(model, options.issues);
  const parties = ids.map((id) => {
    const actor = model.actors.find((a) => a.actor.id === id);
    if (!actor) {
      const known = model.actors.map((a) => a.actor.id).join(', ');
      throw new EntenteError('UNKNOWN_PARTY', `"${id}" is not an actor with preferences; use one of: ${known}.`);
    }
    const optionsOf = model.issues.map((_, i) => spaceOptions(model, open, i, options.kind));
    return {
      id,
      reservation: options.kind === 'step' ? actor.statusQuoUtility : actor.noDeal,
      contributions: model.issues.map((_, i) =>
        Float64Array.from(optionsOf[i]!, (j) => actor.values[i]![j]! * actor.weights[i]!),
      ),
      exact: exactContributions(model, actor, optionsOf, options.kind === 'step'),
      forbidden: model.issues.map((_, i) =>
        Uint8Array.from(spaceOptions(model, open, i, options.kind), (j) => actor.redLines[i]![j]!),
      ),
    };
  });
  return {
    issues: model.issues.map((issue, i) => {
      const opts = spaceOptions(model, open, i, options.kind);
      return {
        id: issue.id,
        options: opts.map((j) => issue.options[j]!.id),
        statusQuo: Math.max(0, opts.indexOf(model.statusQuo[i]!)),
      };
    }),
    parties,
  };
}

/** The scenario's levers on the same space (value shifts weighted by the target's issue weight); levers on non-parties are left out. */
export function buildSpaceLevers(model: ScenarioModel, options: ScenarioSpaceOptions = {}): SpaceLever[] {
  const parties = new Set(options.parties ?? defaultSpaceParties(model));
  const open = openIssues(model, options.issues);
  return model.scenario.levers.flatMap((lever) => {
    const target = model.actors.find((a) => a.actor.id === lever.target);
    if (!target || !parties.has(lever.target)) return [];
    const contributionShifts = lever.effect.valueShifts.flatMap((s) => {
      const issue = model.issueIndex.get(s.issue)!;
      const option = spaceOptions(model, open, issue, options.kind).indexOf(model.optionIndex[issue]!.get(s.option)!);
      return option < 0 ? [] : [{ issue, option, delta: s.shift * target.weights[issue]! }];
    });
    return [
      {
        id: lever.id,
        maxStrength: lever.maxStrength,
        effects: [{ party: lever.target, reservationShift: lever.effect.noDealShift, contributionShifts }],
      },
    ];
  });
}

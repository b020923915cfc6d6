import { EntenteError } from '../errors';
import type { AdditiveSpace, SpaceLever } from '../space/types';
import type { ScenarioModel } from './scenario-model';

/** Which actors count as negotiating parties in the agreement space. */
export function defaultSpaceParties(model: ScenarioModel): string[] {
  const parties = model.actors.filter((a) => a.actor.role === 'party').map((a) => a.actor.id);
  // With fewer than two modelled parties the space says nothing; fall back to every actor with preferences.
  return parties.length >= 2 ? parties : model.actors.map((a) => a.actor.id);
}

/**
 * Turns a scenario into the additive space the agreement-space engine works on: option ids as
 * labels, weight × value contributions, red lines as forbidden options, walk-away values as reservations.
 * @example analyzeSpace(buildScenarioSpace(model))
 */
export function buildScenarioSpace(model: ScenarioModel, options: { parties?: readonly string[] } = {}): AdditiveSpace {
  const ids = options.parties ?? defaultSpaceParties(model);
  const parties = ids.map((id) => {
    const actor = model.actors.find((a) => a.actor.id === id);
    if (!actor) {
      const known = model.actors.map((a) => a.actor.id).join(', ');
      throw new EntenteError('UNKNOWN_PARTY', `"${id}" is not an actor with preferences; use one of: ${known}.`);
    }
    return {
      id,
      reservation: actor.noDeal,
      contributions: model.issues.map((_, i) => actor.values[i]!.map((v) => v * actor.weights[i]!)),
      forbidden: actor.redLines.map((mask) => mask.slice()),
    };
  });
  return {
    issues: model.issues.map((issue, i) => ({ id: issue.id, options: issue.options.map((o) => o.id), statusQuo: model.statusQuo[i]! })),
    parties,
  };
}

/** The scenario's levers in the engine's form (value shifts weighted by the target's issue weight). */
export function buildSpaceLevers(model: ScenarioModel): SpaceLever[] {
  return model.scenario.levers.flatMap((lever) => {
    const target = model.actors.find((a) => a.actor.id === lever.target);
    if (!target) return [];
    return [
      {
        id: lever.id,
        maxStrength: lever.maxStrength,
        effects: [
          {
            party: lever.target,
            reservationShift: lever.effect.noDealShift,
            contributionShifts: lever.effect.valueShifts.map((s) => {
              const issue = model.issueIndex.get(s.issue)!;
              return { issue, option: model.optionIndex[issue]!.get(s.option)!, delta: s.shift * target.weights[issue]! };
            }),
          },
        ],
      },
    ];
  });
}

/** Restricts a model to a subset of issues: the others are fixed at the status quo (kept as one-option issues). */
export function restrictToIssues(space: AdditiveSpace, issueIds: readonly string[] | undefined): AdditiveSpace {
  if (!issueIds) return space;
  const known = new Set(space.issues.map((i) => i.id));
  const unknown = issueIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new EntenteError('UNKNOWN_ISSUE', `No issue has id ${unknown.map((u) => `"${u}"`).join(', ')}; use some of: ${[...known].join(', ')}.`);
  const keep = new Set(issueIds);
  return {
    issues: space.issues.map((issue) => (keep.has(issue.id) ? issue : { ...issue, options: [issue.options[issue.statusQuo]!], statusQuo: 0 })),
    parties: space.parties.map((p) => ({
      ...p,
      contributions: p.contributions.map((c, i) => (keep.has(space.issues[i]!.id) ? c : Float64Array.of(c[space.issues[i]!.statusQuo]!))),
      ...(p.forbidden
        ? { forbidden: p.forbidden.map((f, i) => (keep.has(space.issues[i]!.id) ? f : Uint8Array.of(f[space.issues[i]!.statusQuo]!))) }
        : {}),
    })),
  };
}

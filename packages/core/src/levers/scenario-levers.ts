import { isYes } from '../acceptance/answer-rule';
import { partyAcceptance } from '../acceptance/package-acceptance';
import { zoneModeFor } from '../acceptance/zone-rule';
import { applyLevers, type ScenarioModel } from '../scenario/scenario-model';
import { buildScenarioSpace, defaultSpaceParties, type ScenarioSpaceOptions } from '../scenario/scenario-space';
import { prepareSpace } from '../space/prepared';
import { countZone, zoneExists } from '../space/zone';
import { type LeverCandidate, type SmallestLeverSetOptions, smallestLeverSets } from './smallest-sets';

/** A lever combination that opens a zone, with the size of the zone it opens. */
export interface OpeningCombination {
  levers: { id: string; strength: number }[];
  totalStrength: number;
  zoneCount: number;
}

export interface OpeningLeversResult {
  /** True when the zone is already open without levers. */
  alreadyOpen: boolean;
  /** Every combination of the fewest levers that opens a zone, each at its smallest strength, by total strength. */
  combinations: OpeningCombination[];
}

/** The scenario's levers that act on one of the given actors. */
function candidatesOn(model: ScenarioModel, actors: readonly string[]): LeverCandidate[] {
  const on = new Set(actors);
  return model.scenario.levers.filter((l) => on.has(l.target)).map((l) => ({ id: l.id, maxStrength: l.maxStrength }));
}

/**
 * The smallest lever combinations that open a zone in a scenario space (settlements, steps or all,
 * as `scope.kind` says): each candidate is applied to the scenario and the zone re-counted exactly.
 * @example openingLeverSets(model, { kind: 'settlement' })
 */
export function openingLeverSets(
  model: ScenarioModel,
  scope: ScenarioSpaceOptions = {},
  options: SmallestLeverSetOptions = {},
): OpeningLeversResult {
  const mode = zoneModeFor(scope.kind ?? 'all');
  const prepared = (uses: { id: string; strength: number }[]) =>
    prepareSpace(buildScenarioSpace(applyLevers(model, uses), scope));
  const parties = scope.parties ?? defaultSpaceParties(model);
  const found = smallestLeverSets(candidatesOn(model, parties), (uses) => zoneExists(prepared(uses), mode), options);
  return {
    alreadyOpen: found.alreadyOpen,
    combinations: found.sets.map((set) => ({ ...set, zoneCount: countZone(prepared(set.levers), mode) })),
  };
}

/**
 * Single levers that would turn a party's rejection of a package into at least a conditional yes,
 * each at the smallest strength found (within its maxStrength), by strength.
 * @example leversToClose(model, 'russia', pkg)
 */
export function leversToClose(
  model: ScenarioModel,
  actorId: string,
  pkg: Int32Array,
  options: SmallestLeverSetOptions = {},
): { id: string; strength: number; maxStrength: number }[] {
  const saysYes = (m: ScenarioModel) => {
    const actor = m.actors.find((a) => a.actor.id === actorId);
    return actor !== undefined && isYes(partyAcceptance(m, actor, pkg).answer);
  };
  const found = smallestLeverSets(candidatesOn(model, [actorId]), (uses) => saysYes(applyLevers(model, uses)), {
    maxLevers: 1,
    ...options,
  });
  return found.sets.map((set) => {
    const use = set.levers[0]!;
    return { ...use, maxStrength: model.scenario.levers.find((l) => l.id === use.id)!.maxStrength };
  });
}

import { EntenteError } from '../errors';
import { compareDates, isAfter } from './partial-date';
import { applyLevers, buildScenarioModel, type ScenarioModel } from './scenario-model';
import type { Change, Preference, Scenario } from './schema';

/** The changes in force on `date`: those whose date begins on or before it, oldest first. */
export function changesInForce(scenario: Scenario, date: string): Change[] {
  return scenario.changes
    .map((change, index) => ({ change, index }))
    .filter(({ change }) => !isAfter(change.date, date))
    .sort((a, b) => compareDates(a.change.date, b.change.date) || a.index - b.index)
    .map(({ change }) => change);
}

function applyToPreference(pref: Preference, change: Change): Preference {
  const removed = new Set(change.removeRedLines.map((r) => `${r.issue}/${r.option}`));
  return {
    ...pref,
    weights: { ...pref.weights, ...change.weights },
    values: Object.fromEntries(
      Object.keys({ ...pref.values, ...change.values }).map((issue) => [
        issue,
        { ...pref.values[issue], ...change.values?.[issue] },
      ]),
    ),
    noDeal: change.noDeal ?? pref.noDeal,
    ...(change.conditionalBand !== undefined ? { conditionalBand: change.conditionalBand } : {}),
    redLines: [...pref.redLines.filter((r) => !removed.has(`${r.issue}/${r.option}`)), ...change.addRedLines],
  };
}

/**
 * The scenario as it stood on `date`: every dated change up to that day applied to the preferences
 * and the status quo, so a proposal is weighed with the stances in force when it was made.
 * @example scenarioAsOf(scenario, '2025-05-16').preferences.ukraine.noDeal
 */
export function scenarioAsOf(scenario: Scenario, date: string): Scenario {
  if (isAfter(date, scenario.asOf))
    throw new EntenteError(
      'INVALID_DATE',
      `--as-of ${date} is after the scenario's asOf ${scenario.asOf}: the scenario says nothing about later dates.`,
    );
  const changes = changesInForce(scenario, date);
  if (changes.length === 0) return scenario;
  const preferences = { ...scenario.preferences };
  let issues = scenario.issues;
  for (const change of changes) {
    if (change.actor !== undefined && preferences[change.actor])
      preferences[change.actor] = applyToPreference(preferences[change.actor]!, change);
    if (change.statusQuo) {
      const moved = change.statusQuo;
      issues = issues.map((issue) => (moved[issue.id] ? { ...issue, statusQuo: moved[issue.id]! } : issue));
    }
  }
  return { ...scenario, preferences, issues };
}

/**
 * The model with the stances in force on `date` (levers already applied are applied again); a date
 * after the scenario's `asOf` is an error unless `clamp`, which then uses `asOf` (a later record).
 */
export function modelAsOf(model: ScenarioModel, date: string | undefined, clamp = false): ScenarioModel {
  const scenario = model.scenario;
  if (date === undefined || scenario.changes.length === 0) {
    if (date !== undefined && !clamp) scenarioAsOf(scenario, date);
    return model;
  }
  const at = clamp && isAfter(date, scenario.asOf) ? scenario.asOf : date;
  if (isAfter(at, scenario.asOf)) scenarioAsOf(scenario, at);
  // Dates with the same changes in force share one model: a backtest asks for many dates.
  const key = changesInForce(scenario, at)
    .map((c) => scenario.changes.indexOf(c))
    .join(',');
  let cache = modelsAsOf.get(model);
  if (!cache) {
    cache = new Map();
    modelsAsOf.set(model, cache);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const rebuilt = buildScenarioModel(scenarioAsOf(scenario, at));
  const levered = model.appliedLevers.length > 0 ? applyLevers(rebuilt, model.appliedLevers) : rebuilt;
  // The parent's scenario stays the reference, so ids, proposals and the answer model are unchanged.
  const dated = { ...levered, scenario, answerModel: model.answerModel };
  cache.set(key, dated);
  return dated;
}

const modelsAsOf = new WeakMap<ScenarioModel, Map<string, ScenarioModel>>();

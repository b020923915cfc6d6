import type { AnswerProbabilities } from '../acceptance/answer-probabilities';
import { mostProbableAnswer } from '../acceptance/answer-probabilities';
import type { PredictedAnswer } from '../acceptance/answer-rule';
import type { SeededRandom } from '../random/seeded-random';
import { modelAsOf } from './as-of';
import { evaluatePackage } from './evaluate-proposal';
import { applyLevers, buildScenarioModel, type LeverUse, resolveTerms, type ScenarioModel } from './scenario-model';
import type { Scenario } from './schema';

/** One uncertain figure of a party's preferences. */
export interface UncertainInput {
  actor: string;
  /** `weights.<issue>`, `values.<issue>.<option>` or `noDeal`. */
  path: string;
  value: number;
  range: readonly [number, number];
}

/** An uncertain figure whose low or high end alone changes a party's answer. */
export interface AnswerFlip {
  actor: string;
  input: string;
  at: 'low' | 'high';
  value: number;
  answer: PredictedAnswer;
  /** The answer with every figure at its stated value. */
  pointAnswer: PredictedAnswer;
}

/** Answers integrated over the ranges of the uncertain figures. */
export interface UncertainAnswers {
  draws: number;
  inputs: UncertainInput[];
  actors: { actor: string; probabilities: AnswerProbabilities; answer: PredictedAnswer }[];
  flips: AnswerFlip[];
}

/** Every ranged figure of the scenario's preferences. */
export function uncertainInputs(scenario: Scenario): UncertainInput[] {
  const out: UncertainInput[] = [];
  for (const [actor, pref] of Object.entries(scenario.preferences)) {
    const r = pref.ranges;
    if (!r) continue;
    for (const [issue, range] of Object.entries(r.weights))
      out.push({ actor, path: `weights.${issue}`, value: pref.weights[issue] ?? 0, range });
    for (const [issue, options] of Object.entries(r.values))
      for (const [option, range] of Object.entries(options))
        out.push({ actor, path: `values.${issue}.${option}`, value: pref.values[issue]?.[option] ?? 0, range });
    if (r.noDeal) out.push({ actor, path: 'noDeal', value: pref.noDeal, range: r.noDeal });
  }
  return out;
}

/** The scenario with some uncertain figures set to other values. */
function withFigures(scenario: Scenario, set: ReadonlyMap<UncertainInput, number>): Scenario {
  const preferences = { ...scenario.preferences };
  for (const [input, x] of set) {
    const pref = preferences[input.actor]!;
    const [kind, issue, option] = input.path.split('.');
    if (kind === 'weights') preferences[input.actor] = { ...pref, weights: { ...pref.weights, [issue!]: x } };
    else if (kind === 'values')
      preferences[input.actor] = {
        ...pref,
        values: { ...pref.values, [issue!]: { ...pref.values[issue!], [option!]: x } },
      };
    else preferences[input.actor] = { ...pref, noDeal: x };
  }
  return { ...scenario, preferences };
}

/** A triangular draw on [lo, hi] with its mode at the stated value. */
function triangular(random: SeededRandom, lo: number, mode: number, hi: number): number {
  if (hi <= lo) return lo;
  const u = random.next();
  const c = (mode - lo) / (hi - lo);
  return u < c ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/**
 * Each party's answer probabilities averaged over seeded draws of the uncertain figures (triangular,
 * peaked at the stated value), and the figures whose low or high end alone would flip an answer.
 */
export function uncertainAnswers(
  model: ScenarioModel,
  terms: Readonly<Record<string, string>>,
  options: {
    draws: number;
    random: SeededRandom;
    asOf?: string | undefined;
    levers?: readonly LeverUse[];
    proposers?: readonly string[] | undefined;
    signal?: AbortSignal;
  },
): UncertainAnswers | null {
  const inputs = uncertainInputs(model.scenario);
  if (inputs.length === 0) return null;
  const evaluateWith = (set: ReadonlyMap<UncertainInput, number>) => {
    const rebuilt = { ...buildScenarioModel(withFigures(model.scenario, set)), answerModel: model.answerModel };
    const dated = applyLevers(modelAsOf(rebuilt, options.asOf, true), options.levers ?? []);
    return evaluatePackage(dated, resolveTerms(dated, terms), undefined, { proposers: options.proposers });
  };
  const point = evaluateWith(new Map());
  const sums = new Map(point.actors.map((a) => [a.actor, { accepted: 0, accepted_with_conditions: 0, rejected: 0 }]));
  for (let d = 0; d < options.draws; d++) {
    options.signal?.throwIfAborted();
    const set = new Map(inputs.map((i) => [i, triangular(options.random, i.range[0], i.value, i.range[1])]));
    for (const a of evaluateWith(set).actors) {
      const s = sums.get(a.actor)!;
      s.accepted += a.probabilities.accepted;
      s.accepted_with_conditions += a.probabilities.accepted_with_conditions;
      s.rejected += a.probabilities.rejected;
    }
  }
  const actors = [...sums].map(([actor, s]) => {
    const n = Math.max(1, options.draws);
    const probabilities = {
      accepted: s.accepted / n,
      accepted_with_conditions: s.accepted_with_conditions / n,
      rejected: s.rejected / n,
    };
    return { actor, probabilities, answer: mostProbableAnswer(probabilities) };
  });
  const flips: AnswerFlip[] = [];
  const pointAnswer = new Map(point.actors.map((a) => [a.actor, a.answer]));
  for (const input of inputs)
    for (const at of ['low', 'high'] as const) {
      const value = at === 'low' ? input.range[0] : input.range[1];
      for (const a of evaluateWith(new Map([[input, value]])).actors)
        if (a.answer !== pointAnswer.get(a.actor))
          flips.push({
            actor: a.actor,
            input: `${input.actor}.${input.path}`,
            at,
            value,
            answer: a.answer,
            pointAnswer: pointAnswer.get(a.actor)!,
          });
    }
  return { draws: options.draws, inputs, actors, flips };
}

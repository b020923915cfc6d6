import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { createRandom } from '../random/seeded-random';
import { parseScenarioText } from './parse-scenario';
import { buildScenarioModel } from './scenario-model';
import { uncertainAnswers } from './uncertain-answers';

describe('uncertain preference figures', () => {
  it('are written as {value, range} and land in the preference ranges', () => {
    const s = randomScenario(createRandom(2), { actors: 2, issues: 2, proposals: 0 });
    const raw = JSON.parse(JSON.stringify(s));
    raw.preferences.p0.noDeal = { value: 0.5, range: [0.3, 0.7] };
    raw.preferences.p0.weights.i0 = { value: 2, range: [1, 3] };
    const { scenario, issues } = parseScenarioText(JSON.stringify(raw), { file: 's.json' });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(scenario!.preferences.p0!.noDeal).toBe(0.5);
    expect(scenario!.preferences.p0!.ranges).toEqual({ weights: { i0: [1, 3] }, values: {}, noDeal: [0.3, 0.7] });
    raw.preferences.p0.noDeal = { value: 0.9, range: [0.3, 0.7] };
    const bad = parseScenarioText(JSON.stringify(raw), { file: 's.json' });
    expect(bad.issues.map((i) => i.code)).toContain('VALUE_OUTSIDE_RANGE');
  });

  it('integrate the answer over seeded draws and name the figure that flips an answer', () => {
    const s = randomScenario(createRandom(8), { actors: 2, issues: 3, proposals: 0 });
    const terms = { i0: s.issues[0]!.options[1]!.id };
    const model = buildScenarioModel(s);
    // The party's utility of the terms: a walk-away range straddling it must flip its answer at one end.
    const p0 = model.actors[0]!;
    const u = p0.weights.reduce((sum, w, i) => sum + w * p0.values[i]![i === 0 ? 1 : 0]!, 0);
    s.preferences.p0!.ranges = { weights: {}, values: {}, noDeal: [Math.max(0, u - 0.5), Math.min(1, u + 0.5)] };
    s.preferences.p0!.noDeal = u + 0.2 > 1 ? u - 0.2 : u + 0.2;
    s.preferences.p0!.ranges.noDeal = [
      Math.min(s.preferences.p0!.noDeal, u - 0.3),
      Math.max(s.preferences.p0!.noDeal, u + 0.3),
    ];
    const run = (seed: number) =>
      uncertainAnswers(buildScenarioModel(s), terms, { draws: 100, random: createRandom(seed) })!;
    const a = run(1);
    expect(run(1)).toEqual(a);
    for (const x of a.actors) {
      const p = x.probabilities;
      expect(p.accepted + p.accepted_with_conditions + p.rejected).toBeCloseTo(1, 12);
    }
    expect(a.flips.some((f) => f.input === 'p0.noDeal' && f.actor === 'p0')).toBe(true);
    expect(a.inputs).toHaveLength(1);
  });

  it('give nothing when no figure is uncertain', () => {
    const s = randomScenario(createRandom(3), { actors: 2, issues: 2, proposals: 0 });
    expect(uncertainAnswers(buildScenarioModel(s), {}, { draws: 10, random: createRandom(1) })).toBeNull();
  });
});

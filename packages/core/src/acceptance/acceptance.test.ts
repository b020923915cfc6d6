import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { createRandom } from '../random/seeded-random';
import { allPackages } from '../scenario/all-packages.test-helper';
import { analyzeScenarioSpace } from '../scenario/analyze-scenario-space';
import { evaluatePackage } from '../scenario/evaluate-proposal';
import { buildScenarioModel, isSettlement, resolveTerms, type ScenarioModel } from '../scenario/scenario-model';
import { buildScenarioSpace } from '../scenario/scenario-space';
import type { Scenario } from '../scenario/schema';
import { answerRule } from './answer-rule';
import { packageAcceptance } from './package-acceptance';
import { judgeOutcomes, scenarioPackagePoints } from './package-points';

/** A random scenario in which only option o1 of issue i0 ends the fighting. */
function settlementScenario(seed: number): Scenario {
  const s = randomScenario(createRandom(seed), { actors: 2 + (seed % 2), issues: 3 });
  return { ...s, settlement: { description: '', requires: { i0: ['o1'] }, evidence: [] } };
}

const countInZone = (m: ScenarioModel, kind: 'settlement' | 'step', open?: readonly string[]) =>
  [...allPackages(m, open)]
    .filter((pkg) => (isSettlement(m, pkg) ? 'settlement' : 'step') === kind)
    .filter((pkg) => packageAcceptance(m, pkg).inZone).length;

describe('the zone of the acceptance module and of the space engine', () => {
  it('count the same packages on random scenarios, settlements and steps', () => {
    for (let seed = 0; seed < 30; seed++) {
      const m = buildScenarioModel(settlementScenario(seed));
      const result = analyzeScenarioSpace(m, { openingLevers: false, partialDealSize: 1 });
      expect(result.mode).toBe('settlement');
      expect(result.analysis.zone.count).toBe(countInZone(m, 'settlement'));
      expect(result.steps!.zone.count).toBe(countInZone(m, 'step'));
      // Issue i0 kept at its status quo: only steps are on the table.
      const open = ['i1', 'i2'];
      const steps = analyzeScenarioSpace(m, { issues: open, openingLevers: false, partialDealSize: 1 });
      expect(steps.mode).toBe('steps');
      expect(steps.analysis.zone.count).toBe(countInZone(m, 'step', open));
    }
  });

  it('count the same packages without a settlement (every package against walking away)', () => {
    for (let seed = 100; seed < 120; seed++) {
      const m = buildScenarioModel(randomScenario(createRandom(seed), { issues: 3 }));
      expect(analyzeScenarioSpace(m, { openingLevers: false }).analysis.zone.count).toBe(countInZone(m, 'settlement'));
    }
  });

  it('decides exact ties exactly: weights 1:1:1 and a walk-away value on the sum', () => {
    const s = randomScenario(createRandom(7), { actors: 2, issues: 3 });
    const p0 = s.preferences.p0!;
    p0.weights = { i0: 1, i1: 1, i2: 1 };
    for (const issue of s.issues) for (const o of issue.options) p0.values[issue.id]![o.id] = 0.1;
    p0.values.i0!.o1 = 0.4;
    // (0.4 + 0.1 + 0.1) / 3 = 0.2 exactly, which floats compute as 0.19999999999999998.
    p0.noDeal = 0.2;
    p0.redLines = [];
    const m = buildScenarioModel(s);
    const standing = packageAcceptance(m, resolveTerms(m, { i0: 'o1' })).standings.find((x) => x.actor === 'p0')!;
    expect(standing.inZone).toBe(true);
  });
});

describe('answers and zone never silently contradict', () => {
  it('says why when every party says yes but the package is outside the zone', () => {
    let seen = 0;
    for (let seed = 0; seed < 40; seed++) {
      const m = buildScenarioModel(settlementScenario(seed));
      for (const pkg of allPackages(m)) {
        const ev = evaluatePackage(m, pkg);
        const yes = ev.actors.every((a) => a.answer !== 'rejected');
        for (const a of ev.actors) if (a.inZone) expect(a.answer).not.toBe('rejected');
        if (yes && !ev.inZone) {
          seen++;
          expect(ev.acceptance.note).toMatch(/outside the zone/);
          const named = ev.acceptance.conditionalOutsideZone.map((c) => c.actor);
          expect(named.length).toBeGreaterThan(0);
          for (const id of named) {
            const a = ev.actors.find((x) => x.actor === id)!;
            expect(a.answer).toBe('accepted_with_conditions');
            expect(a.inZone).toBe(false);
            expect(ev.acceptance.note).toContain(id);
          }
        } else expect(ev.acceptance.note).toBeNull();
      }
    }
    // The random scenarios do produce such packages, so the check above is exercised.
    expect(seen).toBeGreaterThan(0);
  });

  it('keeps the answer rule: red line, above the band, within it, below it', () => {
    expect(answerRule(0.9, 0.05, true)).toBe('red_line');
    expect(answerRule(0.051, 0.05, false)).toBe('above_reference');
    expect(answerRule(-0.05, 0.05, false)).toBe('near_reference');
    expect(answerRule(-0.0501, 0.05, false)).toBe('below_reference');
  });
});

describe('package points', () => {
  it('carry the same flags as evaluating each package, sampled or not', () => {
    const m = buildScenarioModel(settlementScenario(3));
    const space = buildScenarioSpace(m, { kind: 'step' });
    const all = scenarioPackagePoints(m, space, 1_000_000);
    const sample = scenarioPackagePoints(m, space, 5);
    expect(all.sampled).toBe(false);
    expect(sample.sampled).toBe(true);
    expect(sample.outcomes.length).toBeLessThanOrEqual(5);
    for (const points of [all, sample, judgeOutcomes(m, space, [0])])
      points.outcomes.forEach((outcome, t) => {
        const terms = Object.fromEntries(
          space.issues.map((issue, i) => {
            const stride = space.issues.slice(i + 1).reduce((acc, x) => acc * x.options.length, 1);
            return [issue.id, issue.options[Math.floor(outcome / stride) % issue.options.length]!];
          }),
        );
        const ev = evaluatePackage(m, resolveTerms(m, terms));
        expect(points.inZone[t]).toBe(ev.inZone ? 1 : 0);
        space.parties.forEach((p, k) => {
          const a = ev.actors.find((x) => x.actor === p.id)!;
          expect(points.answers[k]![t]).toBe(a.answer);
          expect(points.utilities[k]![t]).toBeCloseTo(a.utility, 12);
        });
      });
    expect(all.inZone.reduce((a, b) => a + b, 0)).toBe(countInZone(m, 'step'));
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backtest } from './backtest';
import { evaluatePackage, predictAnswer } from './evaluate-proposal';
import { loadScenarioText } from './parse-scenario';
import { applyLevers, buildScenarioModel, resolveTerms } from './scenario-model';
import type { Scenario } from './schema';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const scenario = loadScenarioText(readFileSync(path.join(fixtures, 'river-dispute.yaml'), 'utf8'));
const model = buildScenarioModel(scenario);
const verdict = (terms: Record<string, string>, m = model) => {
  const ev = evaluatePackage(m, resolveTerms(m, terms));
  return Object.fromEntries(ev.actors.map((a) => [a.actor, a]));
};

describe('predictAnswer', () => {
  it('rejects on a red line whatever the margin', () => {
    expect(predictAnswer(0.9, 0.05, true)).toBe('red_line');
  });
  it('accepts above the band, accepts with conditions inside it, rejects below it', () => {
    expect(predictAnswer(0.051, 0.05, false)).toBe('above_reference');
    expect(predictAnswer(0.05, 0.05, false)).toBe('near_reference');
    expect(predictAnswer(0, 0.05, false)).toBe('near_reference');
    expect(predictAnswer(-0.05, 0.05, false)).toBe('near_reference');
    expect(predictAnswer(-0.0501, 0.05, false)).toBe('below_reference');
  });
});

describe('evaluatePackage', () => {
  it('computes additive utilities with normalised weights (hand-checked)', () => {
    // north weights 3:1:1 -> 0.6/0.2/0.2; split=0.5, full=0.6, joint=0.4 -> 0.30+0.12+0.08 = 0.50
    // south weights 2:2:1 -> 0.4/0.4/0.2; split=0.7, full=1, joint=0.8 -> 0.28+0.40+0.16 = 0.84
    const v = verdict({ water: 'split', truce: 'full', bridge: 'joint' });
    expect(v.north!.utility).toBeCloseTo(0.5, 12);
    expect(v.south!.utility).toBeCloseTo(0.84, 12);
    expect(v.north!.margin).toBeCloseTo(-0.2, 12);
    expect(v.north!.answer).toBe('rejected');
    expect(v.south!.answer).toBe('accepted');
    expect(v.north!.decisive.slice(0, 2)).toEqual(['water', 'bridge']);
    expect(v.north!.explanation).toMatch(/Water share/);
  });

  it('leaves issues not named at the status quo', () => {
    const ev = evaluatePackage(model, resolveTerms(model, { truce: 'partial' }));
    expect(ev.terms).toEqual({ water: 'north_all', truce: 'partial', bridge: 'north' });
    expect(ev.changed).toEqual(['truce']);
    // south: 0.4*0 + 0.4*0.5 + 0.2*0 = 0.2 = its walk-away value -> inside the band
    expect(ev.actors.find((a) => a.actor === 'south')!.answer).toBe('accepted_with_conditions');
  });

  it('names the clause that breaks a red line and rejects', () => {
    const v = verdict({ water: 'south_all', truce: 'full' });
    expect(v.north!.redLinesBroken.map((r) => `${r.issue}=${r.option}`)).toEqual(['water=south_all']);
    expect(v.north!.redLinesBroken[0]!.evidence[0]!.quote).toMatch(/never give up/);
    expect(v.north!.answer).toBe('rejected');
    expect(v.north!.explanation).toMatch(/red line/);
  });

  it('applies levers to the target only, scaled by strength', () => {
    const before = verdict({ truce: 'partial' });
    const after = verdict({ truce: 'partial' }, applyLevers(model, [{ id: 'broker_aid', strength: 2 }]));
    expect(after.south!.noDeal).toBeCloseTo(before.south!.noDeal + 0.2, 12);
    expect(after.north!.noDeal).toBe(before.north!.noDeal);
    expect(after.south!.answer).toBe('rejected');
  });

  it('throws a clear input error for unknown terms and levers', () => {
    expect(() => resolveTerms(model, { water: 'none' })).toThrow(/has no option "none"/);
    expect(() => resolveTerms(model, { rivers: 'split' })).toThrow(/No issue has id "rivers"/);
    expect(() => applyLevers(model, [{ id: 'nope', strength: 1 }])).toThrow(/No lever has id "nope"/);
  });

  it('gives the same verdicts when actors are relabelled and reordered', () => {
    const rename: Record<string, string> = { north: 'alpha', south: 'beta', broker: 'gamma' };
    const relabelled: Scenario = JSON.parse(
      JSON.stringify(scenario, (key, value) =>
        typeof value === 'string' && rename[value] && key !== 'option' && key !== 'id' && key !== 'statusQuo'
          ? rename[value]
          : value,
      ),
    );
    relabelled.actors = relabelled.actors.map((a) => ({ ...a, id: rename[a.id]! })).reverse();
    relabelled.preferences = Object.fromEntries(Object.entries(scenario.preferences).map(([k, v]) => [rename[k]!, v]));
    const m2 = buildScenarioModel(relabelled);
    for (const terms of [{ truce: 'partial' }, { water: 'split', truce: 'full', bridge: 'joint' }]) {
      const a = verdict(terms);
      const b = verdict(terms, m2);
      for (const [id, other] of Object.entries(rename)) {
        if (!a[id]) continue;
        expect(b[other]!.utility).toBeCloseTo(a[id]!.utility, 12);
        expect(b[other]!.answer).toBe(a[id]!.answer);
      }
    }
  });
});

describe('backtest', () => {
  it('scores every observed response and reports accuracy per actor and issue', () => {
    const result = backtest(model);
    expect(result.scored).toBe(4);
    // The dam truce leaves south exactly at its walk-away value: the model says "with conditions", it said yes.
    expect(result.comparisons.filter((c) => !c.match).map((c) => `${c.proposal}/${c.actor}`)).toEqual([
      'dam_truce/south',
    ]);
    expect(result.accuracy).toBeCloseTo(0.75, 12);
    expect(result.directionAccuracy).toBe(1);
    expect(result.byActor.north).toMatchObject({ scored: 2, correct: 2 });
    expect(result.byIssue.water).toMatchObject({ scored: 2, correct: 2 });
    // Three of the four observed answers are "accepted".
    expect(result.baseline).toEqual({ answer: 'accepted', accuracy: 0.75 });
  });

  it('skips responses it cannot score and says why', () => {
    const s: Scenario = structuredClone(scenario);
    s.proposals[0]!.responses.broker = { response: 'accepted', evidence: s.proposals[0]!.evidence };
    s.proposals[1]!.responses.north!.response = 'no_response';
    const result = backtest(buildScenarioModel(s));
    expect(result.scored).toBe(3);
    expect(result.skipped.map((x) => x.actor).sort()).toEqual(['broker', 'north']);
  });
});

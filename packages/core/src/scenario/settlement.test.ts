import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeScenarioSpace } from './analyze-scenario-space';
import { backtest } from './backtest';
import { evaluatePackage } from './evaluate-proposal';
import { loadScenarioText, parseScenarioText } from './parse-scenario';
import { buildScenarioModel, resolveTerms, utilityOf } from './scenario-model';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const base = readFileSync(path.join(fixtures, 'river-dispute.yaml'), 'utf8');
const withSettlement = `${base}settlement:\n  description: A full truce ends the fighting.\n  requires: { truce: [full] }\n`;
const model = buildScenarioModel(loadScenarioText(withSettlement));

describe('settlements and steps', () => {
  it('weighs a step against today and a settlement against walking away', () => {
    const step = evaluatePackage(model, resolveTerms(model, { truce: 'partial' }));
    expect(step.kind).toBe('step');
    const north = step.actors.find((a) => a.actor === 'north')!;
    // today: 0.6*1 + 0.2*0.5 + 0.2*1 = 0.9; with the dam truce 0.96
    expect(north.reference).toBe('status_quo');
    expect(north.referenceValue).toBeCloseTo(0.9, 12);
    expect(north.margin).toBeCloseTo(0.06, 12);
    const deal = evaluatePackage(model, resolveTerms(model, { water: 'split', truce: 'full', bridge: 'joint' }));
    expect(deal.kind).toBe('settlement');
    expect(deal.actors[0]!.reference).toBe('walk_away');
    expect(deal.actors[0]!.referenceValue).toBe(0.7);
  });

  it('scales the conditional band with what the proposal puts at stake', () => {
    const ev = evaluatePackage(model, resolveTerms(model, { truce: 'partial' }));
    const south = ev.actors.find((a) => a.actor === 'south')!;
    expect(south.stakes).toBeCloseTo(0.4, 12); // weight 0.4 × (1 − 0)
    expect(south.band).toBeCloseTo(0.1, 12); // default share 0.25
    expect(south.answer).toBe('accepted'); // 0.2 above today, beyond the band
  });

  it('reproduces both recorded answers to the dam truce once it counts as a step', () => {
    expect(backtest(model).accuracy).toBe(1);
  });

  it('splits the agreement space into settlements and steps, each matching brute force', () => {
    const result = analyzeScenarioSpace(model);
    expect(result.mode).toBe('settlement');
    let settlements = 0;
    let steps = 0;
    for (let w = 0; w < 3; w++)
      for (let t = 0; t < 3; t++)
        for (let b = 0; b < 2; b++) {
          const pkg = Int32Array.of(w, t, b);
          const ok = (ref: (a: (typeof model.actors)[number]) => number, strict: boolean) =>
            model.actors.every((a) => {
              const u = utilityOf(a, pkg);
              const redLine = a.redLines.some((mask, i) => mask[pkg[i]!] === 1);
              return !redLine && (strict ? u > ref(a) + 1e-12 : u >= ref(a) - 1e-12);
            });
          if (t === 2 && ok((a) => a.noDeal, false)) settlements++;
          if (t !== 2 && ok((a) => a.statusQuoUtility, true)) steps++;
        }
    expect(result.analysis.zone.count).toBe(settlements);
    expect(result.steps?.zone.count).toBe(steps);
    expect(result.steps?.partialDeals.map((d) => d.issues.join('+'))).toContain('truce');
  });

  it('rejects a settlement that the status quo already meets, or that names unknown options', () => {
    const sq = parseScenarioText(`${base}settlement:\n  requires: { truce: [none, full] }\n`);
    expect(sq.issues.map((i) => i.code)).toContain('SETTLEMENT_IS_STATUS_QUO');
    const unknown = parseScenarioText(`${base}settlement:\n  requires: { truce: [forever] }\n`);
    expect(unknown.issues.map((i) => i.code)).toContain('UNKNOWN_OPTION');
  });
});

describe('settlement definition', () => {
  it('is decided by exactly one issue', () => {
    const two = parseScenarioText(`${base}settlement:\n  requires: { truce: [full], water: [split] }\n`);
    expect(two.issues.map((i) => i.code)).toContain('SETTLEMENT_TOO_MANY_ISSUES');
  });
});

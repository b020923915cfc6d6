import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leversToClose } from '../levers/scenario-levers';
import { evaluatePackage } from '../scenario/evaluate-proposal';
import { loadScenarioText } from '../scenario/parse-scenario';
import { applyLevers, buildScenarioModel, resolveTerms } from '../scenario/scenario-model';
import { analyzeScenario } from './analyze-scenario';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '../scenario/fixtures/river-dispute.yaml');
// A lever on Northland that lowers its walk-away value and makes the joint bridge less painful.
const text = readFileSync(fixture, 'utf8').replace(
  'levers:\n',
  `levers:
  - id: pressure_north
    name: Pressure on Northland
    holder: broker
    target: north
    effect: { noDealShift: -0.1, valueShifts: [{ issue: bridge, option: joint, shift: 0.2 }] }
    maxStrength: 2
    evidence: [{ source: bulletin, quote: "The Broker promised aid" }]
`,
);
const model = buildScenarioModel(loadScenarioText(text));

describe('leversToClose', () => {
  it('finds the strength at which a rejection turns into at least a conditional yes, and no less', () => {
    const pkg = resolveTerms(model, { water: 'split', truce: 'full', bridge: 'joint' });
    const [found] = leversToClose(model, 'north', pkg);
    expect(found?.id).toBe('pressure_north');
    const answerAt = (strength: number) =>
      evaluatePackage(applyLevers(model, [{ id: 'pressure_north', strength }]), pkg).actors.find(
        (a) => a.actor === 'north',
      )!.answer;
    expect(answerAt(0)).toBe('rejected');
    expect(answerAt(found!.strength)).not.toBe('rejected');
    expect(answerAt(found!.strength * 0.99)).toBe('rejected');
  });

  it('is reported for each recorded rejection in the analysis', () => {
    const grand = analyzeScenario(model).proposals.find((p) => p.proposal === 'grand_bargain')!;
    expect(grand.toClose.find((c) => c.actor === 'north')?.levers.map((l) => l.id)).toEqual(['pressure_north']);
  });
});

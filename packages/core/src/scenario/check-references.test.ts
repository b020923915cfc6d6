import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluatePackage } from './evaluate-proposal';
import { parseScenarioText } from './parse-scenario';
import { buildScenarioModel, resolveTerms } from './scenario-model';

const fixture = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/river-dispute.yaml'),
  'utf8',
);
const codes = (text: string) => parseScenarioText(text).issues.map((i) => `${i.severity} ${i.code}`);

describe('red lines on the status quo', () => {
  // Southland refuses to leave the river all in Northland's hands (today's situation).
  const text = fixture.replace(
    '    noDeal: 0.2\n',
    '    noDeal: 0.2\n    redLines: [{ issue: water, option: north_all, evidence: [{ source: bulletin, quote: "Southland is losing ground" }] }]\n',
  );

  it('are valid, and make every package that keeps the status quo on that issue a refusal', () => {
    expect(text).not.toBe(fixture);
    const parsed = parseScenarioText(text);
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const model = buildScenarioModel(parsed.scenario!);
    const keep = evaluatePackage(model, resolveTerms(model, { truce: 'full' }));
    expect(keep.actors.find((a) => a.actor === 'south')?.redLinesBroken.map((r) => r.option)).toEqual(['north_all']);
    const change = evaluatePackage(model, resolveTerms(model, { water: 'split', truce: 'full' }));
    expect(change.actors.find((a) => a.actor === 'south')?.redLinesBroken).toEqual([]);
  });
});

describe('preference warnings', () => {
  it('flag a status quo worth far more than walking away, without making the scenario invalid', () => {
    expect(codes(fixture)).not.toContain('warning STATUS_QUO_FAR_ABOVE_WALK_AWAY');
    // Northland's status quo is worth 0.84 (water 1, truce 0.5, bridge 1 at weights 3:1:1).
    const low = fixture.replace('noDeal: 0.7', 'noDeal: 0.5');
    const parsed = parseScenarioText(low);
    expect(parsed.scenario).toBeDefined();
    const warning = parsed.issues.find((i) => i.code === 'STATUS_QUO_FAR_ABOVE_WALK_AWAY');
    expect(warning?.severity).toBe('warning');
    expect(warning?.path).toEqual(['preferences', 'north', 'noDeal']);
    expect(warning?.message).toContain('0.900');
  });

  it('flag a red line on the option the party values most', () => {
    expect(codes(fixture)).not.toContain('warning RED_LINE_ON_FAVOURITE');
    const odd = fixture.replace(
      'water: { north_all: 1, split: 0.5, south_all: 0 }',
      'water: { north_all: 0.2, split: 0.5, south_all: 1 }',
    );
    expect(codes(odd)).toContain('warning RED_LINE_ON_FAVOURITE');
  });
});

describe('vocabulary', () => {
  it('is an optional scenario key naming what a party does without a deal', () => {
    const text = fixture.replace(/^issues:/m, 'vocabulary: { noDeal: staying on strike }\nissues:');
    expect(parseScenarioText(text).scenario?.vocabulary?.noDeal).toBe('staying on strike');
    const bad = fixture.replace(/^issues:/m, 'vocabulary: { walkAway: x }\nissues:');
    expect(parseScenarioText(bad).scenario).toBeUndefined();
  });
});

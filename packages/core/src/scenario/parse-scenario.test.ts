import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './parse-scenario';
import { scenarioJsonSchema } from './schema';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

/** The 1-based line of the first occurrence of `marker` in a text: where the mistake was written. */
function lineOf(text: string, marker: string): number {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in fixture`);
  return text.slice(0, at).split('\n').length;
}

describe('parseScenarioText', () => {
  it('accepts the valid fixture and fills defaults', () => {
    const { scenario, issues } = parseScenarioText(read('river-dispute.yaml'), { file: 'river-dispute.yaml' });
    expect(issues).toEqual([]);
    expect(scenario?.schema).toBe('entente-scenario/1');
    expect(scenario?.actors.find((a) => a.id === 'broker')?.aliases).toEqual([]);
    expect(scenario?.preferences.north?.redLines).toHaveLength(1);
  });

  it('accepts JSON as well as YAML', () => {
    const { scenario } = parseScenarioText(read('river-dispute.yaml'));
    const again = parseScenarioText(JSON.stringify(scenario));
    expect(again.issues).toEqual([]);
    expect(again.scenario).toEqual(scenario);
  });

  // Each broken file differs from the valid fixture by one mistake; the marker is the text of that mistake.
  const cases: [file: string, code: string, marker: string, pathTail: string][] = [
    ['unknown-issue-in-terms.yaml', 'UNKNOWN_ISSUE', 'truse', 'terms.truse'],
    ['option-of-other-issue.yaml', 'OPTION_OF_OTHER_ISSUE', 'truce: split', 'terms.truce'],
    ['duplicate-actor.yaml', 'DUPLICATE_ID', '- id: south\n    name: The Broker', 'actors.2.id'],
    ['negative-weight.yaml', 'NEGATIVE_WEIGHT', 'water: -3', 'weights.water'],
    ['zero-weights.yaml', 'WEIGHTS_NOT_POSITIVE', 'water: 0, truce: 0', 'south.weights'],
    ['value-out-of-range.yaml', 'VALUE_OUT_OF_RANGE', 'north: 1.5', 'bridge.north'],
    ['missing-evidence.yaml', 'MISSING_EVIDENCE', 'noDealEvidence: []', 'south.noDealEvidence'],
    ['future-date.yaml', 'DATE_AFTER_AS_OF', '2024-09-20', 'proposals.1.date'],
    ['unknown-source.yaml', 'UNKNOWN_SOURCE', 'bulletn', 'evidence.0.source'],
    ['unknown-field.yaml', 'UNKNOWN_FIELD', 'power: 3', 'actors.2.power'],
    ['missing-value.yaml', 'MISSING_VALUE', 'truce: { none: 0, full: 1 }', 'south.values.truce'],
    ['bad-date.yaml', 'INVALID_FORMAT', '30/06/2024', 'asOf'],
    ['yaml-syntax.yaml', 'YAML_SYNTAX', '[unclosed', ''],
  ];
  it.each(cases)('%s is reported as %s at the line of the mistake', (file, code, marker, pathTail) => {
    const text = read(`broken/${file}`);
    const { scenario, issues } = parseScenarioText(text, { file });
    expect(scenario).toBeUndefined();
    const found = issues.find((i) => i.code === code);
    expect(found, JSON.stringify(issues)).toBeDefined();
    expect(found!.file).toBe(file);
    expect(found!.path.join('.').endsWith(pathTail)).toBe(true);
    const expected = lineOf(text, marker);
    // A syntax error may be detected on the line after the unclosed token.
    if (code === 'YAML_SYNTAX') expect(found!.line).toBeGreaterThanOrEqual(expected);
    else expect(found!.line).toBe(expected);
    expect(found!.column).toBeGreaterThan(0);
    expect(found!.message.length).toBeGreaterThan(10);
  });

  it('reports every problem at once', () => {
    const text = read('river-dispute.yaml')
      .replace('truce: partial }', 'truce: partal }')
      .replace('water: 3,', 'water: -3,');
    const codes = parseScenarioText(text)
      .issues.map((i) => i.code)
      .sort();
    expect(codes).toEqual(['NEGATIVE_WEIGHT', 'UNKNOWN_OPTION']);
  });

  it('reports duplicate keys with a position', () => {
    const issues = parseScenarioText('id: a\nid: b\n').issues;
    expect(issues[0]).toMatchObject({ code: 'DUPLICATE_KEY', line: 2 });
  });

  it('rejects a document that is not a mapping', () => {
    expect(parseScenarioText('- 1\n- 2\n').issues[0]?.code).toBe('NOT_A_SCENARIO');
  });

  it('exports a JSON Schema naming every section', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    for (const key of ['actors', 'issues', 'preferences', 'levers', 'proposals', 'events', 'sources', 'notes'])
      expect(schema.properties).toHaveProperty(key);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'asOf', 'actors', 'issues']));
  });
});

describe('the gmcr section of a scenario', () => {
  const base = read('river-dispute.yaml');
  const section = (statement: string, actor = 'north') => `${base}
gmcr:
  decisionMakers:
    - id: n
      actor: ${actor}
      options:
        - { id: attack, label: Attack the dams }
    - id: s
      actor: south
      options:
        - { id: concede, label: Concede the bridge }
  preferences:
    n: ["${statement}", "attack"]
    s: ["!attack", "!concede"]
  statusQuo: [attack]
`;

  it('is validated with the rest of the scenario', () => {
    const { scenario, issues } = parseScenarioText(section('concede'));
    expect(issues).toEqual([]);
    expect(scenario?.gmcr?.decisionMakers).toHaveLength(2);
  });

  it('reports a statement naming an unknown option at its line', () => {
    const text = section('surrender');
    const { issues } = parseScenarioText(text);
    const found = issues.find((i) => i.path[0] === 'gmcr');
    expect(found?.code).toMatch(/GMCR/);
    expect(found?.line).toBe(lineOf(text, '["surrender"'));
  });

  it('reports a status quo that the section itself rules out', () => {
    const text = section('concede').replace(
      '  statusQuo: [attack]\n',
      '  infeasible: ["attack & concede"]\n  statusQuo: [attack, concede]\n',
    );
    const found = parseScenarioText(text).issues.find((i) => i.code === 'GMCR_STATUS_QUO_INFEASIBLE');
    expect(found?.path).toEqual(['gmcr', 'statusQuo']);
    expect(found?.line).toBe(lineOf(text, 'statusQuo: [attack, concede]'));
  });

  it('reports a decision maker tied to an unknown actor', () => {
    const { issues } = parseScenarioText(section('concede', 'eastland'));
    expect(issues.map((i) => i.code)).toContain('UNKNOWN_ACTOR');
  });
});

describe('dates', () => {
  it('rejects a day that does not exist', () => {
    const text = read('river-dispute.yaml').replace('asOf: 2024-06-30', 'asOf: 2024-06-31');
    expect(parseScenarioText(text).issues.map((i) => i.message)).toContain('This day does not exist in that month.');
    const leap = read('river-dispute.yaml').replace('asOf: 2024-06-30', 'asOf: 2024-02-29');
    expect(parseScenarioText(leap).issues.filter((i) => i.code === 'INVALID')).toEqual([]);
  });
});

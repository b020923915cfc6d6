import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EntenteError } from '../errors';
import { loadForecastSource } from './load-case';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const refDir = path.resolve(repoRoot, '../shared/reference/forecasting');
const present = existsSync(path.join(refDir, 'cases', 'FORMAT.md'));
if (!present) console.warn(`[forecast reference] ${refDir} not found: reference inputs skipped.`);

const CASE = {
  format: 'negotiation-case/1',
  id: 'tiny',
  title: 'Tiny',
  dimensions: [{ id: 'd0', name: 'scale', min: 0, max: 100 }],
  actors: [
    { id: 'a', name: 'A', capability: { equal: 1, votes: 3 }, positions: [10], saliences: [0.5] },
    { id: 'b', name: 'B', capability: { equal: 1, votes: 1 }, positions: [null], saliences: [null] },
  ],
  outcome: { value: 40 },
};

/** The error a load throws, for its code, message and issue position. */
function failure(name: string, text: string): EntenteError {
  try {
    loadForecastSource({ name, text });
  } catch (e) {
    if (e instanceof EntenteError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('forecast inputs', () => {
  it('reads a negotiation case with a chosen capability variant and missing values', () => {
    const [c] = loadForecastSource({ name: 'tiny.json', text: JSON.stringify(CASE) }, { capability: 'votes' });
    expect(c!.capability).toEqual(Float64Array.of(3, 1));
    expect(Number.isNaN(c!.positions[0]![1]!)).toBe(true);
    expect(c!.salience[0]![1]).toBe(0);
    expect(c!.outcome).toBe(40);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const e = failure('bad.json', '{\n  "format": "negotiation-case/1",\n  "id": }');
    expect(e.code).toBe('FORECAST_MALFORMED_INPUT');
    expect(e.issues[0]).toMatchObject({ file: 'bad.json', line: 3, column: 9 });
  });

  it('reports a schema error at the offending value', () => {
    const text = JSON.stringify({ ...CASE, actors: [{ ...CASE.actors[0], saliences: [2] }] }, null, 2);
    const e = failure('bad.json', text);
    expect(e.message).toContain('actors.0.saliences.0');
    const line = text.split('\n').findIndex((l) => l.trim() === '2') + 1;
    expect(e.issues[0]!.line).toBe(line);
  });

  it('reads JSONL one case per line and reports errors on the right line', () => {
    const line = JSON.stringify(CASE);
    expect(loadForecastSource({ name: 'x.jsonl', text: `${line}\n${line.replace('tiny', 'two')}\n` })).toHaveLength(2);
    const e = failure('x.jsonl', `${line}\n${line}\n{"format": 1}\n`);
    expect(e.issues[0]!.line).toBe(3);
  });

  it('reads KTAB CSV with and without the final comma, and locates a bad number', () => {
    const body = 'A, first, 10, 20, 50,\nB, second, 5, 80, 30,\n';
    const withComma = loadForecastSource({
      name: 'k.csv',
      text: `s,"d",2,1,\nActor,Description,Power,P,S,\n${body}`,
    })[0]!;
    const without = loadForecastSource({
      name: 'k.csv',
      text: `s,"d",2,1\nActor,Description,Power,P,S\n${body.replace(/,\n/g, '\n')}`,
    })[0]!;
    expect(withComma.positions[0]).toEqual(Float64Array.of(20, 80));
    expect(withComma.salience[0]).toEqual(Float64Array.of(0.5, 0.3));
    expect(without.positions).toEqual(withComma.positions);
    const e = failure('k.csv', 's,d,2,1,\nActor,Description,Power,P,S,\nA, x, 10, 20, 50,\nB, y, 5, abc, 30,\n');
    expect(e.issues[0]).toMatchObject({ line: 4, column: 10 });
  });

  it('reads KTAB XML', () => {
    const xml =
      '<Scenario><name>X</name><desc>D</desc><Dimensions><dName>P1</dName></Dimensions><Actors>' +
      '<Actor><name>A</name><description>a</description><capability>2</capability><Position><dCoord>30</dCoord></Position><Salience><dSal>40</dSal></Salience></Actor>' +
      '</Actors></Scenario>';
    const c = loadForecastSource({ name: 'x.xml', text: xml })[0]!;
    expect(c.dimensions[0]!.id).toBe('P1');
    expect(c.positions[0]![0]).toBe(30);
    expect(c.salience[0]![0]).toBeCloseTo(0.4, 12);
    expect(failure('x.xml', xml.replace('<dCoord>30</dCoord>', '<dCoord></dCoord>')).code).toBe(
      'FORECAST_MALFORMED_INPUT',
    );
  });

  it('reads a scenario: option positions, preferred options, weights and capabilities', () => {
    const file = path.join(repoRoot, 'scenarios/port-strike/scenario.yaml');
    const c = loadForecastSource({ name: file, text: readFileSync(file, 'utf8') })[0]!;
    expect(c.dimensions.length).toBeGreaterThan(0);
    expect(c.dimensions[0]!.options!.length).toBeGreaterThan(1);
    for (const [d, dim] of c.dimensions.entries())
      for (const v of c.positions[d]!) if (Number.isFinite(v)) expect(dim.options!.map((o) => o.position)).toContain(v);
  });

  it.skipIf(!present)('reads every KTAB input of the reference data', () => {
    const dir = path.join(refDir, 'data', 'ktab');
    for (const f of ['dummyData_3Dim.csv', 'dummyData_3Dim-no-final-comma.csv', 'dummyData_3Dim.xml']) {
      const c = loadForecastSource({ name: f, text: readFileSync(path.join(dir, f), 'utf8') })[0]!;
      expect(c.actors).toHaveLength(7);
      expect(c.positions[0]![0]).toBe(75.79);
    }
    const a80 = loadForecastSource({
      name: 'a.csv',
      text: readFileSync(path.join(dir, 'dummyData-a080.csv'), 'utf8'),
    })[0]!;
    expect(a80.actors).toHaveLength(80);
  });

  it.skipIf(!present)('reads the 364 DEU III issues', () => {
    const file = path.join(refDir, 'cases', 'deu3-issues.jsonl');
    const cases = loadForecastSource({ name: file, text: readFileSync(file, 'utf8') });
    expect(cases).toHaveLength(364);
    expect(cases.filter((c) => c.outcome !== undefined)).toHaveLength(353);
  });
});

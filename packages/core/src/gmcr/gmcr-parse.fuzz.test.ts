import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  expectSuccessOrInputError,
  FUZZ_RUNS,
  forbidNodeWarnings,
  mutatedJson,
  mutatedText,
} from '../fuzz.test-helper';
import { analyzeGmcr, modelFromDocument } from './analyze';
import { compileModel } from './compile';
import { parseDocumentSource } from './gmcr-engine';
import { prisonersDilemmaCase } from './test-support';

const here = path.dirname(fileURLToPath(import.meta.url));
const scenarioYaml = readFileSync(path.join(here, 'fixtures/example-scenario.yaml'), 'utf8');

/** The same game as a gmcr-py save file, with prioritised statements and one infeasible state. */
const gmcrPyDoc = {
  program: 'gmcr-py',
  version: '0.3.15',
  options: [
    { name: 'Defect A', permittedDirection: 'both' },
    { name: 'Defect B', permittedDirection: 'fwd' },
    { name: 'Walk out', permittedDirection: 'back' },
  ],
  decisionMakers: [
    { name: 'A', options: [0, 2], preferences: [[[1, 'N']], [[0, 'Y']]] },
    { name: 'B', options: [1], preferences: [[[0, 'N']], { compound: true, members: [[[1, 'Y']], [[2, 'N']]] }] },
  ],
  infeasibles: [
    [
      [0, 'Y'],
      [2, 'Y'],
    ],
  ],
};

/**
 * What the engine does with a file, up to the analysis: read, recognise, compile, and analyse when the
 * model is small enough to do so in milliseconds (the engine's own size limits are another test's concern).
 */
function readGmcr(name: string, text: string): void {
  expectSuccessOrInputError(() => {
    const { model } = modelFromDocument(parseDocumentSource({ name, text }), { file: name });
    if (model.options.length > 8) return;
    compileModel(model);
    return analyzeGmcr(model, { explainLimit: 16 });
  });
}

/** The example scenario with its first USSR statement replaced. */
const withStatement = (statement: string) => {
  const text = scenarioYaml.replace(
    '      - "!escalate"\n      - "(air_strike',
    `      - "${statement}"\n      - "(air_strike`,
  );
  expect(text).not.toBe(scenarioYaml);
  return text;
};

const caseDoc = prisonersDilemmaCase();
const asJsonFile = (name: string) => (doc: unknown) => readGmcr(name, JSON.stringify(doc) ?? 'null');

describe('GMCR readers under fuzzing', () => {
  forbidNodeWarnings();

  it('regression (fuzz seed): an unknown YAML tag is read without a printed warning', () => {
    expect(parseDocumentSource({ name: 'x.yaml', text: '!W' })).toBe('');
  });

  it('reads the three unmutated documents (the generators start from valid input)', () => {
    for (const [name, text] of [
      ['case.json', JSON.stringify(caseDoc)],
      ['save.gmcr', JSON.stringify(gmcrPyDoc)],
      ['scenario.yaml', scenarioYaml],
    ] as const)
      expect(modelFromDocument(parseDocumentSource({ name, text })).model.options.length).toBeGreaterThan(1);
  });

  it.each([
    ['parentheses', `${'('.repeat(10_000)}withdraw${')'.repeat(10_000)}`],
    ['negations', `${'!'.repeat(10_000)}withdraw`],
    ['IF chains', `${'IF withdraw THEN '.repeat(5_000)}withdraw`],
    ['=> chains', `${'withdraw => '.repeat(5_000)}withdraw`],
  ])(
    'regression (fuzz seed): a statement nested 5,000+ deep by %s is an input error, not a stack overflow',
    (_, statement) => {
      const text = withStatement(statement);
      expect(() => modelFromDocument(parseDocumentSource({ name: 's.yaml', text }))).toThrow(/nests deeper than 200/);
      expectSuccessOrInputError(() => modelFromDocument(parseDocumentSource({ name: 's.yaml', text })));
    },
  );

  it('still reads a statement nested 150 deep', () => {
    const statement = `${'('.repeat(75)}${'!'.repeat(75)}withdraw${')'.repeat(75)}`;
    expect(
      modelFromDocument(parseDocumentSource({ name: 's.yaml', text: withStatement(statement) })).model,
    ).toBeDefined();
  });

  it('answers generated preference statements (operators, nesting, repetition) with an input error or a model', () => {
    const token = fc.constantFrom(
      '(',
      ')',
      '!',
      '-',
      '&',
      '|',
      '&&',
      'IF',
      'THEN',
      '=>',
      'not',
      'withdraw',
      'x',
      'true',
    );
    const statement = fc
      .tuple(fc.array(token, { maxLength: 12 }), fc.integer({ min: 1, max: 2_000 }), fc.array(token, { maxLength: 4 }))
      .map(([unit, times, tail]) => `${unit.join(' ').repeat(times)} ${tail.join(' ')}`.replaceAll('"', ''));
    fc.assert(
      fc.property(statement, (st) => readGmcr('scenario.yaml', withStatement(st))),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers a mutated scenario gmcr section (YAML text) with an input error or a model', async () => {
    fc.assert(
      fc.property(mutatedText(scenarioYaml), (text) => readGmcr('scenario.yaml', text)),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers structurally mutated gmcr-case/1, gmcr-py and scenario documents likewise', () => {
    const scenarioDoc = parseYaml(scenarioYaml) as unknown;
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedJson(caseDoc).map((d) => ['case.json', d] as const),
          mutatedJson(gmcrPyDoc).map((d) => ['save.gmcr', d] as const),
          mutatedJson(scenarioDoc).map((d) => ['scenario.json', d] as const),
        ),
        ([name, doc]) => asJsonFile(name)(doc),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers mutated JSON text and random strings with an input error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedText(JSON.stringify(caseDoc, null, 1)),
          mutatedText(JSON.stringify(gmcrPyDoc, null, 1)),
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        fc.constantFrom('case.json', 'save.gmcr', 'x.yml', 'noext'),
        (text, name) => readGmcr(name, text),
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { EntenteError } from '../errors';
import { modelFromDocument } from './analyze';
import { compileModel } from './compile';
import { parseGmcrSection } from './scenario-section';
import { prisonersDilemmaCase } from './test-support';

/** Runs `fn`, expecting an input EntenteError; returns it. */
function failure(fn: () => unknown): EntenteError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EntenteError);
    expect((e as EntenteError).kind).toBe('input');
    return e as EntenteError;
  }
  throw new Error('expected a failure');
}

const pdCase = prisonersDilemmaCase;
const compileDoc = (doc: unknown) => compileModel(modelFromDocument(doc).model);

describe('inconsistent GMCR inputs', () => {
  it('accepts the sound case', () => {
    expect(compileDoc(pdCase()).stateCount).toBe(4);
  });
  it('an option owned by no DM', () => {
    const doc = pdCase();
    doc.decisionMakers[1]!.options = [];
    const e = failure(() => compileDoc(doc));
    expect(e.issues[0]).toMatchObject({ code: 'GMCR_OPTION_WITHOUT_OWNER', path: ['options', 1] });
    expect(e.message).toMatch(/owned by no decision maker/);
  });
  it('a ranking that omits a feasible state', () => {
    const doc = pdCase();
    doc.preferences[1]!.ranking = [[2], [0], [3]];
    const e = failure(() => compileDoc(doc));
    expect(e.issues[0]).toMatchObject({ code: 'GMCR_RANKING_OMITS_STATE', path: ['preferences', 1, 'ranking'] });
  });
  it('a ranking that repeats a state', () => {
    const doc = pdCase();
    doc.preferences[0]!.ranking = [[1], [0, 1], [3], [2]];
    const e = failure(() => compileDoc(doc));
    expect(e.issues[0]).toMatchObject({
      code: 'GMCR_RANKING_REPEATS_STATE',
      path: ['preferences', 0, 'ranking', 1, 1],
    });
  });
  it('a condition naming an unknown option', () => {
    const doc = pdCase();
    doc.infeasibleConditions = [{ allOf: [{ option: 7, taken: true }] }];
    const e = failure(() => compileDoc(doc));
    expect(e.issues[0]).toMatchObject({ code: 'GMCR_UNKNOWN_OPTION', path: ['infeasibleConditions', 0] });
  });
  it('an infeasible status quo', () => {
    const e = failure(() =>
      compileModel(
        parseGmcrSection({
          decisionMakers: [
            {
              id: 'p',
              options: [
                { id: 'a', label: 'A' },
                { id: 'b', label: 'B' },
              ],
            },
          ],
          mutuallyExclusive: [['a', 'b']],
          preferences: { p: ['a'] },
          statusQuo: ['a', 'b'],
        }),
      ),
    );
    expect(e.issues[0]).toMatchObject({ code: 'GMCR_STATUS_QUO_INFEASIBLE', path: ['gmcr', 'statusQuo'] });
  });
  it('a structurally malformed document, with the path of the problem', () => {
    const doc = pdCase() as Record<string, unknown>;
    (doc.options as { reversibility: string }[])[0]!.reversibility = 'sideways';
    const e = failure(() => compileDoc(doc));
    expect(e.code).toBe('GMCR_CASE_INVALID');
    expect(e.issues[0]!.path).toEqual(['options', 0, 'reversibility']);
  });
  it('unknown option in a scenario statement, with the statement path', () => {
    const e = failure(() =>
      parseGmcrSection({
        decisionMakers: [{ id: 'p', options: [{ id: 'a', label: 'A' }] }],
        preferences: { p: ['a', '!nope'] },
      }),
    );
    expect(e.issues[0]).toMatchObject({ code: 'GMCR_BAD_STATEMENT', path: ['gmcr', 'preferences', 'p', 1] });
    expect(e.issues[0]!.message).toMatch(/unknown option 'nope'/);
  });
  it('an unrecognised document', () => {
    expect(failure(() => modelFromDocument({ hello: 1 })).code).toBe('GMCR_UNKNOWN_INPUT');
  });
  it('gmcr-py save file: option of no DM and bad manual ranking', () => {
    const save = {
      options: [
        { name: 'x', permittedDirection: 'both' },
        { name: 'y', permittedDirection: 'both' },
      ],
      decisionMakers: [{ name: 'A', options: [0], preferences: [] }],
      infeasibles: [],
    };
    expect(failure(() => modelFromDocument(save)).issues[0]).toMatchObject({
      code: 'GMCR_OPTION_WITHOUT_OWNER',
      path: ['options', 1],
    });
    const manual = {
      ...save,
      useManualPreferenceRanking: true,
      decisionMakers: [
        { name: 'A', options: [0], preferenceRanking: [1, 2, 3, 4] },
        { name: 'B', options: [1], preferenceRanking: [1, [2, 3], 9] },
      ],
    };
    expect(failure(() => modelFromDocument(manual)).issues[0]).toMatchObject({
      code: 'GMCR_RANKING_UNKNOWN_STATE',
      path: ['decisionMakers', 1, 'preferenceRanking', 2, 0],
    });
  });
});

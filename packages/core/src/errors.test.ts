import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode, errorCodeSpec, isErrorCode } from './error-codes';
import { EntenteError, isEntenteError } from './errors';
import { readGeniusDomain } from './genius';
import { modelFromDocument, parseGmcrSection, parseStatement } from './gmcr';
import { loadScenarioText } from './scenario';
import { type AdditiveSpace, applySpaceLevers, closestAcceptable } from './space';
import { fromNumber } from './space/rational';

const entries = Object.entries(ERROR_CODES) as [ErrorCode, (typeof ERROR_CODES)[ErrorCode]][];

describe('ERROR_CODES', () => {
  it.each(entries)('%s is consistent with its kind', (code, spec) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    if (spec.kind === 'input') {
      expect(spec.exitCode).toBe(2);
      expect(spec.httpStatus).toBeGreaterThanOrEqual(400);
      expect(spec.httpStatus).toBeLessThan(500);
    } else {
      expect(spec.kind).toBe('internal');
      expect(spec.exitCode).toBe(1);
      expect(spec.httpStatus).toBeGreaterThanOrEqual(500);
      expect(spec.httpStatus).toBeLessThan(600);
    }
    expect(spec.hint).toMatch(/^\S.*[.)]$/);
  });

  it('treats too-large inputs as input errors: 413 for bodies, 422 for work', () => {
    const tooLarge = entries.filter(([code]) => code.endsWith('_TOO_LARGE'));
    expect(tooLarge.map(([code]) => code)).toEqual(
      expect.arrayContaining(['SPACE_TOO_LARGE', 'GMCR_COALITION_TOO_LARGE', 'BODY_TOO_LARGE']),
    );
    for (const [code, spec] of tooLarge) {
      expect(spec.kind).toBe('input');
      expect(spec.httpStatus).toBe(code === 'BODY_TOO_LARGE' ? 413 : 422);
    }
  });

  it('maps "no such thing" codes to 404 and answers internal for unregistered codes', () => {
    for (const code of ['SCENARIO_NOT_FOUND', 'UNKNOWN_PROPOSAL', 'UNKNOWN_JOB', 'UNKNOWN_DOCUMENT'] as const)
      expect(ERROR_CODES[code].httpStatus).toBe(404);
    expect(isErrorCode('UNKNOWN_LEVER')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(errorCodeSpec('NO_SUCH_CODE')).toBe(ERROR_CODES.INTERNAL);
  });
});

describe('EntenteError', () => {
  it('takes kind, HTTP status and exit code from the registry and keeps details, issues and cause', () => {
    const cause = new Error('root');
    const issue = { code: 'X', path: ['a'], message: 'm', severity: 'error' as const };
    const e = new EntenteError('SPACE_TOO_LARGE', 'too big', { details: { n: 1 }, issues: [issue], cause });
    expect([e.kind, e.httpStatus, e.exitCode]).toEqual(['input', 422, 2]);
    expect(e.hint).toBe(ERROR_CODES.SPACE_TOO_LARGE.hint);
    expect(e.details).toEqual({ n: 1 });
    expect(e.issues).toEqual([issue]);
    expect(e.cause).toBe(cause);
    const internal = new EntenteError('DATABASE_FAILED', 'boom');
    expect([internal.kind, internal.httpStatus, internal.exitCode]).toEqual(['internal', 500, 1]);
  });

  it('makes an unregistered code a type error', () => {
    // @ts-expect-error: 'NOT_REGISTERED' is not a key of ERROR_CODES (tsc fails if this line compiles).
    const e = new EntenteError('NOT_REGISTERED', 'x');
    expect(e.kind).toBe('internal');
  });
});

/** Runs `fn`, expecting an EntenteError whose code is registered; returns it. */
function thrown(fn: () => unknown): EntenteError {
  try {
    fn();
  } catch (error) {
    expect(isEntenteError(error)).toBe(true);
    const e = error as EntenteError;
    expect(isErrorCode(e.code)).toBe(true);
    return e;
  }
  throw new Error('expected a failure');
}

const twoIssues: AdditiveSpace = {
  issues: [
    { id: 'a', options: ['x', 'y'], statusQuo: 0 },
    { id: 'b', options: ['x', 'y'], statusQuo: 0 },
  ],
  parties: [{ id: 'A', reservation: 0, contributions: [Float64Array.of(0, 1), Float64Array.of(0, 1)] }],
};

describe('bad inputs raise registered input errors', () => {
  it.each<[string, () => unknown, ErrorCode]>([
    ['a scenario that is not YAML', () => loadScenarioText('title: [unclosed'), 'SCENARIO_INVALID'],
    ['an unknown GMCR document', () => modelFromDocument({ hello: 1 }), 'GMCR_UNKNOWN_INPUT'],
    ['an empty Genius domain', () => readGeniusDomain('  '), 'GENIUS_INVALID'],
    ['malformed Genius XML', () => readGeniusDomain('<negotiation_template><x>'), 'XML_MALFORMED'],
    ['an infinite number', () => fromNumber(Number.POSITIVE_INFINITY), 'INVALID_NUMBER'],
    [
      'a lever beyond its maxStrength',
      () => applySpaceLevers(twoIssues, [{ lever: { id: 'l', maxStrength: 2, effects: [] }, strength: 3 }]),
      'LEVER_STRENGTH_OUT_OF_RANGE',
    ],
    ['an unknown proposer', () => closestAcceptable(twoIssues, [0, 0], { proposer: 'Z' }), 'UNKNOWN_PARTY'],
  ])('%s', (_, fn, code) => {
    const e = thrown(fn);
    expect(e.code).toBe(code);
    expect(e.kind).toBe('input');
    expect(e.exitCode).toBe(2);
  });

  it('reports a GMCR statement syntax error as an input error with its position', () => {
    const e = thrown(() => parseStatement('a & (b', (id) => ({ a: 0, b: 1 })[id]));
    expect(e.code).toBe('GMCR_BAD_STATEMENT');
    expect(e.kind).toBe('input');
    expect(e.details).toEqual({ position: 6 });
    expect(e.message).toMatch(/expected '\)'.*at character 7/);
    const section = thrown(() =>
      parseGmcrSection({
        decisionMakers: [{ id: 'p', options: [{ id: 'a', label: 'A' }] }],
        preferences: { p: ['a', 'a &'] },
      }),
    );
    expect(section.issues[0]).toMatchObject({ code: 'GMCR_BAD_STATEMENT', path: ['gmcr', 'preferences', 'p', 1] });
    expect(section.issues[0]!.message).toBe('Statement "a &": unexpected end of statement (at character 4).');
  });
});

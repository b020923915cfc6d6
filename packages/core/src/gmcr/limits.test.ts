import { describe, expect, it } from 'vitest';
import { EntenteError } from '../errors';
import { analyzeGmcr, estimateReportBytes, modelFromDocument } from './analyze';
import { compileModel, enumerateStates } from './compile';
import { compileExpr } from './expr';
import { GMCR_LIMITS } from './limits';
import { parseGmcrSection } from './scenario-section';
import { mulberry32, syntheticModel } from './synthetic';
import type { Expr } from './types';

/** Runs `fn` (sync or async), expecting an input EntenteError; returns it. */
async function failure(fn: () => unknown): Promise<EntenteError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EntenteError);
    expect((e as EntenteError).kind).toBe('input');
    return e as EntenteError;
  }
  throw new Error('expected a failure');
}

/** A prisoners' dilemma as a gmcr-case/1 document, with the given option and DM names. */
const pdCase = (optionName: string, dmName: string) => ({
  format: 'gmcr-case/1',
  options: [
    { id: 0, name: `${optionName} A`, dm: 0, reversibility: 'both' },
    { id: 1, name: `${optionName} B`, dm: 1, reversibility: 'both' },
  ],
  decisionMakers: [
    { id: 0, name: `${dmName} A`, options: [0] },
    { id: 1, name: `${dmName} B`, options: [1] },
  ],
  states: [0, 1, 2, 3].map((d) => ({ id: d, decimal: d })),
  preferences: [
    { dm: 0, ranking: [[1], [0], [3], [2]] },
    { dm: 1, ranking: [[2], [0], [3], [1]] },
  ],
});

/** A scenario gmcr: section with `perDm` options for each of `dms` decision makers, all feasible. */
function wideSection(dms: number, perDm: number, exclusive = false) {
  const decisionMakers = Array.from({ length: dms }, (_, d) => ({
    id: `dm${d}`,
    options: Array.from({ length: perDm }, (_, j) => ({ id: `o${d}_${j}`, label: `Option ${j} of ${d}` })),
  }));
  return {
    decisionMakers,
    ...(exclusive ? { mutuallyExclusive: decisionMakers.map((dm) => dm.options.map((o) => o.id)) } : {}),
    preferences: Object.fromEntries(decisionMakers.map((dm) => [dm.id, [`${dm.options[0]!.id}`]])),
  };
}

describe('GMCR names are bounded and not repeated in explanations (issue 10, item 6)', () => {
  it('refuses a 10 MB option name at once, with a short message that names the limit', async () => {
    const huge = 'x'.repeat(10_000_000);
    const e = await failure(() => analyzeGmcr(modelFromDocument(pdCase(huge, 'P')).model));
    expect(e.code).toBe('GMCR_NAME_TOO_LONG');
    expect(e.httpStatus).toBe(422);
    expect(e.message).toContain(`${GMCR_LIMITS.nameChars} characters`);
    expect(e.message.length).toBeLessThan(400);
    expect(e.issues[0]).toMatchObject({ code: 'GMCR_NAME_TOO_LONG', path: ['options', 0, 'name'] });
    expect(e.issues.every((i) => i.message.length < 400)).toBe(true);
  });

  it('refuses a decision-maker name over the limit in a scenario section, at its path', async () => {
    const section = wideSection(2, 1);
    (section.decisionMakers[1] as { name?: string }).name = 'N'.repeat(GMCR_LIMITS.nameChars + 1);
    const e = await failure(() => compileModel(parseGmcrSection(section)));
    expect(e.code).toBe('GMCR_NAME_TOO_LONG');
    expect(e.issues[0]!.path).toEqual(['gmcr', 'decisionMakers', 1, 'name']);
  });

  it('gives explanations whose text does not grow with the names: names appear once, in the legend', async () => {
    const short = await analyzeGmcr(modelFromDocument(pdCase('D', 'P')).model);
    const longName = 'n'.repeat(GMCR_LIMITS.nameChars - 2);
    const long = await analyzeGmcr(modelFromDocument(pdCase(longName, longName)).model);
    expect(long.explanations!.length).toBeGreaterThan(0);
    expect(long.explanations!.map((e) => e.text)).toEqual(short.explanations!.map((e) => e.text));
    for (const e of long.explanations!) expect(e.text).not.toContain(longName);
    expect(long.refs).toEqual({ decisionMakers: ['DM0', 'DM1'], options: ['o0', 'o1'] });
    // The whole answer holds each long name a bounded number of times (legend, option list), not once per line.
    const json = JSON.stringify(long);
    expect(json.split(longName).length - 1).toBeLessThanOrEqual(4);
  });

  it('cuts explanations at their size limit and says so', async () => {
    // 2048 states, 3 DMs, the four classical concepts: more explanations than the limit.
    const model = syntheticModel({ options: 11, dms: 3, seed: 7 });
    const report = await analyzeGmcr(model, { explainLimit: 2048, concepts: ['nash', 'gmr', 'smr', 'seq'] });
    expect(report.explanations!.length).toBeGreaterThan(100);
    expect(report.explanations!.length).toBeLessThanOrEqual(GMCR_LIMITS.explanations);
    expect(report.explanationsTruncated).toMatch(/at most 5000 explanations and 2000000 characters/);
    const chars = report.explanations!.reduce((n, e) => n + e.text.length, 0);
    expect(chars).toBeLessThanOrEqual(GMCR_LIMITS.explanationChars);
    expect(chars).toBeGreaterThan(GMCR_LIMITS.explanationChars * 0.9);
    // The ones given are the first, in state order: the cut is at the last state explained.
    const last = report.explanations!.at(-1)!.state;
    expect(report.explanationsTruncated).toContain(`stop at state ${last}`);
    // The cut as data, so the workbench asks for the explanations of later states on demand.
    expect(report.explanationsCutAt).toBe(last);
  }, 60_000);
});

describe('the option and state maximum is honest (issue 10, item 7)', () => {
  it('refuses 26 options that leave every state feasible as too many states, before allocating them', async () => {
    const section = wideSection(2, 13);
    const e = await failure(() => analyzeGmcr(parseGmcrSection(section)));
    expect(e.code).toBe('GMCR_TOO_MANY_STATES');
    expect(e.httpStatus).toBe(422);
    expect(e.message).toContain(`at most ${GMCR_LIMITS.states}`);
    expect(e.message).toMatch(/infeasibility conditions/);
  });

  it('analyses 26 options when infeasibility conditions keep the states few', async () => {
    // Two DMs with 13 mutually exclusive options each: 14 × 14 feasible states.
    const report = await analyzeGmcr(parseGmcrSection(wideSection(2, 13, true)), { explainLimit: 0 });
    expect(report.options).toHaveLength(26);
    expect(report.states).toBe(14 * 14);
    expect(report.equilibria.nash.length).toBeGreaterThan(0);
  }, 60_000);

  it('enumerates exactly the states the conditions leave feasible (the mask skip equals brute force)', () => {
    const next = mulberry32(11);
    const pick = (n: number) => next() % n;
    for (let round = 0; round < 40; round++) {
      const model = syntheticModel({ options: 10, dms: 2, seed: round });
      const literal = (): Expr => {
        const o: Expr = { kind: 'option', option: pick(10) };
        return pick(2) === 0 ? o : { kind: 'not', arg: o };
      };
      model.infeasible = Array.from({ length: 1 + pick(6) }, (): Expr => {
        const args = Array.from({ length: 1 + pick(3) }, literal);
        return pick(4) === 0 ? { kind: 'or', args } : { kind: 'and', args };
      });
      const tests = model.infeasible.map(compileExpr);
      const expected = Array.from({ length: 1024 }, (_, d) => d).filter((d) => !tests.some((t) => t(d)));
      expect(Array.from(enumerateStates(model))).toEqual(expected);
    }
  });

  it('refuses more than 26 options and more than 26 decision makers with their own codes', async () => {
    const many = await failure(() => compileModel(parseGmcrSection(wideSection(3, 9))));
    expect(many.code).toBe('GMCR_TOO_MANY_OPTIONS');
    const model = syntheticModel({ options: 2, dms: 1, seed: 1 });
    model.decisionMakers = Array.from({ length: 27 }, (_, d) => ({
      id: `d${d}`,
      name: `d${d}`,
      options: d < 2 ? [d] : [],
      misperceptions: [],
    }));
    const dms = await failure(() => compileModel(model));
    expect(dms.code).toBe('GMCR_TOO_MANY_DMS');
    expect(() => enumerateStates({ ...model, options: Array.from({ length: 27 }, () => model.options[0]!) })).toThrow(
      /at most 26 are supported/,
    );
  });

  it('refuses a synthetic spec too large to generate before generating its rankings', async () => {
    const big = await failure(() => modelFromDocument({ format: 'gmcr-case/1', synthetic: { K: 40, n: 3, seed: 1 } }));
    expect(big.code).toBe('GMCR_TOO_MANY_OPTIONS');
    const states = await failure(() =>
      modelFromDocument({ format: 'gmcr-case/1', synthetic: { K: 24, n: 3, seed: 1 } }),
    );
    expect(states.code).toBe('GMCR_TOO_MANY_STATES');
  });

  it('estimates the size of a report before computing it', async () => {
    const model = syntheticModel({ options: 10, dms: 3, seed: 3 });
    const report = await analyzeGmcr(model, { explainLimit: 0 });
    const actual = JSON.stringify({ stateList: report.stateList, stability: report.stability }).length;
    const estimate = estimateReportBytes(report.states, 10, 3, report.concepts.length);
    expect(estimate).toBeGreaterThan(actual * 0.8);
    expect(estimate).toBeLessThan(actual * 1.5);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EntenteError } from '../errors';
import { analyzeGmcr } from './analyze';
import { parseGmcrCase } from './case-format';
import { compileModel } from './compile';
import { compileExpr, parseStatement } from './expr';
import { parseGmcrSection } from './scenario-section';
import { analyzeStability, equilibriaOf } from './stability';
import { CONCEPTS } from './types';

const REFERENCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/reference/gmcr',
);
const HAS_REFERENCE = existsSync(path.join(REFERENCE_DIR, 'INDEX.json'));

const here = path.dirname(fileURLToPath(import.meta.url));
const example = () => parseYaml(readFileSync(path.join(here, 'fixtures/example-scenario.yaml'), 'utf8'));

describe('statement syntax', () => {
  const ids = ['a', 'b', 'c'];
  const resolve = (id: string) => (ids.includes(id) ? ids.indexOf(id) : undefined);
  const truth = (text: string) => {
    const f = compileExpr(parseStatement(text, resolve));
    return Array.from({ length: 8 }, (_, d) => f(d));
  };
  const bit = (d: number, k: number) => ((d >> k) & 1) === 1;
  it('evaluates and, or, not, implication and parentheses like propositional logic', () => {
    const all = Array.from({ length: 8 }, (_, d) => d);
    expect(truth('a & !b')).toEqual(all.map((d) => bit(d, 0) && !bit(d, 1)));
    expect(truth('a | b & c')).toEqual(all.map((d) => bit(d, 0) || (bit(d, 1) && bit(d, 2))));
    expect(truth('(a | b) & -c')).toEqual(all.map((d) => (bit(d, 0) || bit(d, 1)) && !bit(d, 2)));
    expect(truth('IF a THEN b')).toEqual(all.map((d) => !bit(d, 0) || bit(d, 1)));
    expect(truth('a and not (b or c)')).toEqual(all.map((d) => bit(d, 0) && !(bit(d, 1) || bit(d, 2))));
  });
  it('names the unknown option and the position of a syntax error', () => {
    expect(() => parseStatement('a & zz', resolve)).toThrow(/unknown option 'zz'/);
    expect(() => parseStatement('a & (b', resolve)).toThrow(/expected '\)'/);
    expect(() => parseStatement('IF a b', resolve)).toThrow(/expected 'THEN'/);
  });
  it('conditional statements change the ranking (IF a THEN b holds where a is not taken)', () => {
    const model = parseGmcrSection({
      decisionMakers: [
        {
          id: 'x',
          options: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B' },
          ],
        },
      ],
      preferences: { x: ['IF a THEN b'] },
    });
    const g = compileModel(model);
    // states NN, YN, NY, YY: only YN (a without b) violates the statement.
    expect(Array.from(g.payoffs[0]!)).toEqual([2, 1, 2, 2]);
  });
});

describe('gmcr: scenario section', () => {
  it('parses the example scenario with its status quo', () => {
    const model = parseGmcrSection(example().gmcr);
    expect(model.options.map((o) => o.id)).toEqual(['air_strike', 'blockade', 'withdraw', 'escalate']);
    expect(model.options[0]!.reversibility).toBe('fwd');
    expect(model.statusQuo).toBe(0);
  });

  it.skipIf(!HAS_REFERENCE)('gives the same results as the reference Cuban missile crisis case', () => {
    const ref = JSON.parse(readFileSync(path.join(REFERENCE_DIR, 'cuban_missile_crisis_gmcrpy.json'), 'utf8'));
    const mine = compileModel(parseGmcrSection(example().gmcr));
    const theirs = compileModel(parseGmcrCase(ref));
    expect(Array.from(mine.decimals)).toEqual(Array.from(theirs.decimals));
    expect(mine.payoffs.map((p) => Array.from(p))).toEqual(
      ref.preferences.map((p: { ranking: number[][] }) => {
        const pay = new Array(mine.stateCount);
        for (const [gi, g] of p.ranking.entries()) for (const s of g) pay[s] = p.ranking.length - gi;
        return pay;
      }),
    );
    const t = analyzeStability(mine, 'gmcrpy');
    for (const c of CONCEPTS) expect(equilibriaOf(t[c], mine.stateCount)).toEqual(ref.analysis.equilibria[c]);
  });

  it('runs status-quo analysis from the scenario status quo', async () => {
    const report = await analyzeGmcr(parseGmcrSection(example().gmcr));
    expect(report.statusQuo?.state).toBe(0);
    for (const r of report.statusQuo!.byMoves.reachable.nash) {
      const path = r.path;
      expect(path[0]!.from).toBe(0);
      expect(path.at(-1)!.to).toBe(r.state);
      for (let j = 1; j < path.length; j++) expect(path[j]!.movers[0]).not.toBe(path[j - 1]!.movers[0]);
    }
  });

  it('accepts explicit rankings with ties and reports omissions with a path', () => {
    const base = {
      decisionMakers: [
        { id: 'p', options: [{ id: 'a', label: 'A' }] },
        { id: 'q', options: [{ id: 'b', label: 'B' }] },
      ],
      preferences: { p: ['a'], q: { ranking: ['b', { tie: ['a+b', 'none'] }, 'a'] } },
    };
    const g = compileModel(parseGmcrSection(base));
    expect(Array.from(g.payoffs[1]!)).toEqual([2, 1, 3, 2]);
    const bad = { ...base, preferences: { p: ['a'], q: { ranking: ['b', 'a'] } } };
    try {
      compileModel(parseGmcrSection(bad));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EntenteError);
      const issue = (e as EntenteError).issues[0]!;
      expect(issue.code).toBe('GMCR_RANKING_OMITS_STATE');
      expect(issue.path).toEqual(['gmcr', 'preferences', 'q', 'ranking']);
    }
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BDM_DEFAULTS, bdmRoundQuantities, runBdm } from './bdm';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const caseFile = path.resolve(repoRoot, '../shared/reference/forecasting/cases/bdm-ec-auto-emissions-1994.json');
const present = existsSync(caseFile);
if (!present) console.warn(`[forecast reference] ${caseFile} not found: fixture comparisons skipped.`);

// BDM (1994, p.78) EC emission standards: capability, position (years of delay), salience.
const EC = {
  ids: ['netherlands', 'belgium', 'luxembourg', 'germany', 'france', 'italy', 'uk', 'ireland', 'denmark', 'greece'],
  c: Float64Array.of(0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08),
  x: Float64Array.of(4, 7, 4, 4, 10, 10, 10, 7, 4, 7),
  s: Float64Array.of(0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1, 0.7),
  scale: { min: 4, max: 10 },
};

/** Scholz's win probability summed term by term, the O(n³) way. */
function directWinProb(x: Float64Array, w: Float64Array, i: number, j: number): number {
  if (x[i] === x[j]) return 0;
  let pos = 0;
  let abs = 0;
  for (let k = 0; k < x.length; k++) {
    const a = w[k]! * (Math.abs(x[k]! - x[j]!) - Math.abs(x[k]! - x[i]!));
    pos += Math.max(a, 0);
    abs += Math.abs(a);
  }
  return abs > 0 ? pos / abs : 0.5;
}

const issue = fc.array(
  fc.record({
    x: fc.integer({ min: 0, max: 20 }).map((v) => v * 5),
    c: fc.double({ min: 0.1, max: 10, noNaN: true }),
    s: fc.double({ min: 0.05, max: 1, noNaN: true }),
  }),
  { minLength: 2, maxLength: 8 },
);

describe('BDM challenge model (Scholz et al. 2011 reading)', () => {
  it('reproduces hand-checked round-1 quantities of the EC case', () => {
    const q = bdmRoundQuantities(EC.x, EC.c, EC.s, BDM_DEFAULTS, EC.scale);
    const n = EC.ids.length;
    const at = (a: string, b: string) => EC.ids.indexOf(a) * n + EC.ids.indexOf(b);
    expect(q.winProb[at('netherlands', 'belgium')]).toBeCloseTo(0.366322, 5);
    expect(q.winProb[at('belgium', 'france')]).toBeCloseTo(0.503693, 5);
    expect(q.security[EC.ids.indexOf('uk')]).toBeCloseTo(0.035009, 5);
    expect(q.riskExponent[EC.ids.indexOf('luxembourg')]).toBeCloseTo(0.5, 6);
    expect(q.riskExponent[EC.ids.indexOf('uk')]).toBeCloseTo(2, 6);
    expect(q.eu[at('netherlands', 'belgium')]).toBeCloseTo(0.474173, 5);
    expect(q.eu[at('netherlands', 'uk')]).toBeCloseTo(-0.227259, 5);
  });

  it.skipIf(!present)('matches every formula fixture of the reference case', () => {
    const fx = JSON.parse(readFileSync(caseFile, 'utf8')).expected.formula_fixtures_round1;
    const q = bdmRoundQuantities(EC.x, EC.c, EC.s, BDM_DEFAULTS, EC.scale);
    const n = EC.ids.length;
    const pair = (k: string, sep: string) => k.split(sep).map((id) => EC.ids.indexOf(id)) as [number, number];
    for (const [k, v] of Object.entries<number>(fx.P_i_beats_j)) {
      const [i, j] = pair(k, '>');
      expect(q.winProb[i * n + j], k).toBeCloseTo(v, 5);
    }
    for (const [k, v] of Object.entries<number>(fx.security_sum_r1))
      expect(q.security[EC.ids.indexOf(k)], k).toBeCloseTo(v, 5);
    for (const [k, v] of Object.entries<number>(fx.risk_R)) expect(q.riskR[EC.ids.indexOf(k)], k).toBeCloseTo(v, 5);
    for (const [k, v] of Object.entries<number>(fx.risk_exponent_r))
      expect(q.riskExponent[EC.ids.indexOf(k)], k).toBeCloseTo(v, 5);
    for (const [k, v] of Object.entries<number>(fx.EU_challenge_second_pass)) {
      const [i, j] = pair(k, '->');
      expect(q.eu[i * n + j], k).toBeCloseTo(v, 5);
    }
  });

  it('forecasts the EC case in the published regime (median 8.4–9.9, within a year of the outcome 8.833)', () => {
    const r = runBdm(EC.x, EC.c, EC.s, EC.scale);
    expect(r.forecast).toBeGreaterThanOrEqual(8.4);
    expect(r.forecast).toBeLessThanOrEqual(9.9);
    expect(Math.abs(r.forecast - 8.833)).toBeLessThanOrEqual(1);
    expect(r.medians[0]).toBe(7);
    expect(r.means[0]).toBeCloseTo(7.39, 2);
    // Every move names the challenger whose offer the actor accepted.
    expect(r.moves[0]!.map((m) => [EC.ids[m.actor], EC.ids[m.by], m.kind])).toContainEqual([
      'greece',
      'uk',
      'compromise',
    ]);
  });

  it('with full moves in conflicts, stampedes to a pole as the replications report', () => {
    expect(runBdm(EC.x, EC.c, EC.s, EC.scale, { conflict: 'loser-moves' }).forecast).toBe(10);
  });

  it('computes win probabilities equal to the direct O(n³) sums on small issues', () => {
    fc.assert(
      fc.property(issue, (as) => {
        const x = Float64Array.from(as, (a) => a.x);
        const c = Float64Array.from(as, (a) => a.c);
        const s = Float64Array.from(as, (a) => a.s);
        const w = Float64Array.from(as, (a) => a.c * a.s);
        const q = bdmRoundQuantities(x, c, s, BDM_DEFAULTS, { min: 0, max: 100 });
        const n = x.length;
        if (!(q.range > 0)) return;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++)
            if (i !== j) expect(q.winProb[i * n + j]).toBeCloseTo(directWinProb(x, w, i, j), 9);
      }),
    );
  });

  it('gives the same forecast under relabelling actors and a common rescaling of capabilities', () => {
    fc.assert(
      fc.property(issue, fc.nat(), fc.constantFrom(0.01, 3, 1000), (as, shift, k) => {
        const arr = (f: (a: (typeof as)[number]) => number, list = as) => Float64Array.from(list, f);
        const base = runBdm(
          arr((a) => a.x),
          arr((a) => a.c),
          arr((a) => a.s),
          { min: 0, max: 100 },
        );
        const rot = as.map((_, i) => as[(i + shift) % as.length]!);
        const moved = runBdm(
          arr((a) => a.x, rot),
          arr((a) => a.c, rot),
          arr((a) => a.s, rot),
          { min: 0, max: 100 },
        );
        expect(moved.forecast).toBe(base.forecast);
        const scaled = runBdm(
          arr((a) => a.x),
          arr((a) => a.c * k),
          arr((a) => a.s),
          { min: 0, max: 100 },
        );
        expect(scaled.forecast).toBeCloseTo(base.forecast, 6);
      }),
    );
  });

  it('leaves a consensus where it is', () => {
    const r = runBdm(Float64Array.of(30, 30, 30), Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1), {
      min: 0,
      max: 100,
    });
    expect(r.forecast).toBe(30);
    expect(r.converged).toBe(true);
  });

  it('gives the same forecast, medians and means without recording rounds (the Monte-Carlo path)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 100 }),
            c: fc.integer({ min: 1, max: 10 }),
            s: fc.integer({ min: 1, max: 10 }).map((v) => v / 10),
          }),
          { minLength: 2, maxLength: 12 },
        ),
        (as) => {
          const x = Float64Array.from(as, (a) => a.x);
          const c = Float64Array.from(as, (a) => a.c);
          const s = Float64Array.from(as, (a) => a.s);
          const full = runBdm(x, c, s, { min: 0, max: 100 });
          const lean = runBdm(x, c, s, { min: 0, max: 100 }, {}, false);
          expect(lean.forecast).toBe(full.forecast);
          expect(lean.medians).toEqual(full.medians);
          expect(lean.means).toEqual(full.means);
          expect(lean.rounds).toHaveLength(1);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issueFrom } from './issue-from.test-helper';
import { nashBargaining } from './nash';
import { isBinaryIssue, nashVote, normalCdf, voteForecast, voteMoments } from './vote';

const binaryActors = fc.array(
  fc.record({
    up: fc.boolean(),
    c: fc.integer({ min: 1, max: 20 }),
    s: fc.integer({ min: 1, max: 10 }).map((v) => v / 10),
  }),
  { minLength: 1, maxLength: 10 },
);
type Actor = { up: boolean; c: number; s: number };
const binaryIssue = (as: Actor[], k = 1) =>
  issueFrom(
    as.map((a) => (a.up ? 100 : 0)),
    as.map((a) => a.c * k),
    as.map((a) => a.s),
  );

describe('probabilistic weighted-majority vote on yes/no issues', () => {
  it('recognises yes/no issues: every actor at one end of the scale', () => {
    expect(isBinaryIssue(issueFrom([0, 100, 100], [1, 1, 1], [1, 1, 1]))).toBe(true);
    expect(isBinaryIssue(issueFrom([4, 10], [1, 1], [1, 1], 4, 10))).toBe(true);
    expect(isBinaryIssue(issueFrom([0, 50, 100], [1, 1, 1], [1, 1, 1]))).toBe(false);
    expect(isBinaryIssue(issueFrom([], [], []))).toBe(false);
  });

  it('has the mean and variance of the vote total over all 2^n vote profiles (brute force)', () => {
    fc.assert(
      fc.property(binaryActors, (as) => {
        const w = as.map((a) => a.c * a.s);
        const total = w.reduce((a, b) => a + b, 0);
        // Each actor votes for its own end with probability (1 + s)/2.
        const q = as.map((a) => (a.up ? (1 + a.s) / 2 : (1 - a.s) / 2));
        let m1 = 0;
        let m2 = 0;
        for (let mask = 0; mask < 1 << as.length; mask++) {
          let p = 1;
          let share = 0;
          for (let i = 0; i < as.length; i++) {
            const yes = (mask >> i) & 1;
            p *= yes ? q[i]! : 1 - q[i]!;
            if (yes) share += w[i]! / total;
          }
          m1 += p * share;
          m2 += p * share * share;
        }
        const { mean, variance } = voteMoments(binaryIssue(as));
        expect(mean).toBeCloseTo(m1, 12);
        expect(variance).toBeCloseTo(m2 - m1 * m1, 12);
      }),
    );
  });

  it('is close to the exact probability of a majority for many equal voters (exact binomial)', () => {
    // 15 actors at 100 and 10 at 0, all with salience 0.5: each votes "up" with probability 0.75 or 0.25.
    const up = Array.from({ length: 25 }, (_, i) => i < 15);
    const issue = binaryIssue(up.map((u) => ({ up: u, c: 1, s: 0.5 })));
    // Distribution of the number of "up" votes, by dynamic programming over the voters.
    let dist = [1];
    for (const u of up) {
      const q = u ? 0.75 : 0.25;
      const next = new Array(dist.length + 1).fill(0);
      dist.forEach((p, k) => {
        next[k] += p * (1 - q);
        next[k + 1] += p * q;
      });
      dist = next;
    }
    const exact = dist.slice(13).reduce((a, b) => a + b, 0);
    expect(voteForecast(issue) / 100).toBeCloseTo(exact, 2);
  });

  it('gives the closed form on small cases', () => {
    // Fully salient actors never defect: the heavier end wins for sure; an exact tie is a coin toss.
    expect(voteForecast(issueFrom([0, 100], [1, 3], [1, 1]))).toBe(100);
    expect(voteForecast(issueFrom([0, 100], [3, 1], [1, 1]))).toBe(0);
    expect(voteForecast(issueFrom([0, 100], [1, 1], [1, 1]))).toBe(50);
    // Equal weights, salience 0.5: each holds to its end with probability 0.75, so μ = ½ and P = ½.
    const is = issueFrom([0, 100], [1, 1], [0.5, 0.5]);
    const { mean, variance } = voteMoments(is);
    expect(mean).toBeCloseTo(0.5, 12);
    expect(variance).toBeCloseTo(2 * 0.25 * 0.75 * 0.25, 12);
    expect(voteForecast(is)).toBeCloseTo(50, 4);
    // Unequal: weights 2 (at 100) and 1 (at 0), salience 0.5: μ = (2·0.75 + 0.25)/3, σ² = (4 + 1)·0.1875/9.
    const un = issueFrom([0, 100], [1, 2], [0.5, 0.5]);
    const mu = (2 * 0.75 + 0.25) / 3;
    const sd = Math.sqrt((5 * 0.1875) / 9);
    expect(voteForecast(un)).toBeCloseTo(100 * normalCdf((mu - 0.5) / sd), 9);
    expect(voteForecast(un)).toBeGreaterThan(50);
  });

  it('is invariant under relabelling actors and a common rescaling of capabilities', () => {
    fc.assert(
      fc.property(binaryActors, fc.integer({ min: 2, max: 1000 }), fc.integer(), (as, k, seed) => {
        const base = voteForecast(binaryIssue(as));
        // A seeded shuffle of the actors (Fisher–Yates on an LCG).
        const perm = [...as];
        let h = seed >>> 0;
        for (let i = perm.length - 1; i > 0; i--) {
          h = (Math.imul(h, 1664525) + 1013904223) >>> 0;
          const j = h % (i + 1);
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
        expect(voteForecast(binaryIssue(perm))).toBe(base);
        expect(voteForecast(binaryIssue(as, k))).toBeCloseTo(base, 9);
      }),
    );
  });

  it('is symmetric under mirroring the scale and monotone in each actor’s side', () => {
    fc.assert(
      fc.property(binaryActors, fc.nat(), (as, pick) => {
        const base = voteForecast(binaryIssue(as));
        const mirrored = voteForecast(binaryIssue(as.map((a) => ({ ...a, up: !a.up }))));
        expect(mirrored).toBeCloseTo(100 - base, 6);
        const i = pick % as.length;
        const moved = as.map((a, k) => (k === i ? { ...a, up: true } : a));
        expect(voteForecast(binaryIssue(moved))).toBeGreaterThanOrEqual(base - 1e-9);
      }),
    );
  });

  it('nash_vote: the vote on yes/no issues (sides by the nearer end on draws), the Nash solution elsewhere', () => {
    const inside = issueFrom([0, 60, 100], [2, 1, 1], [1, 0.5, 0.3]);
    expect(nashVote(inside)).toBe(nashBargaining(inside));
    const yesNo = issueFrom([0, 100, 100], [2, 1, 1], [0.6, 0.5, 0.3]);
    expect(nashVote(yesNo)).toBe(voteForecast(yesNo));
    // A Monte-Carlo draw moves positions off the ends; it keeps the coded issue's reading.
    const drawn = issueFrom([7, 91, 96], [2, 1, 1], [0.6, 0.5, 0.3]);
    expect(nashVote(drawn, true)).toBe(voteForecast(yesNo));
    expect(nashVote(drawn, false)).toBe(nashBargaining(drawn));
  });

  it('computes the normal CDF to better than 1e-6', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 6);
    expect(normalCdf(3) + normalCdf(-3)).toBeCloseTo(1, 12);
  });
});

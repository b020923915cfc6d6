import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issueFrom } from './issue-from.test-helper';
import { nashBargaining } from './nash';
import type { Issue1D } from './types';

const objective = (is: Issue1D, t: number) =>
  Array.from(is.x).reduce((a, xi, i) => {
    const d = Math.max(xi - is.min, is.max - xi);
    return a + is.c[i]! * is.s[i]! * Math.log(Math.max(1 - Math.abs(t - xi) / d, 1e-300));
  }, 0);
const actors = fc.array(
  fc.record({
    x: fc.integer({ min: 0, max: 100 }),
    c: fc.integer({ min: 1, max: 20 }),
    s: fc.integer({ min: 1, max: 10 }).map((v) => v / 10),
  }),
  { minLength: 1, maxLength: 10 },
);

describe('Nash bargaining solution on one scale', () => {
  it('gives the weighted mean when two camps sit at the two ends of the scale', () => {
    expect(nashBargaining(issueFrom([0, 100], [1, 3], [1, 1]))).toBeCloseTo(75, 9);
    expect(nashBargaining(issueFrom([0, 100, 100], [1, 1, 2], [0.5, 0.5, 0.5]))).toBeCloseTo(75, 9);
  });

  it('differs from the weighted mean inside the scale (the far end is each actor’s disagreement point)', () => {
    // On [0, 50]: maximise log(1 − t/100) + log(t/50); d/dt = −1/(100 − t) + 1/t > 0, so t = 50.
    expect(nashBargaining(issueFrom([0, 50], [1, 1], [1, 1]))).toBe(50);
    // Actors at 0 (weight 2), 60 and 100 (weight 1): on (0, 60) the first-order condition is
    // 2/(100 − t) = 1/t + 1/t, so t = 50, where the weighted mean is 40.
    expect(nashBargaining(issueFrom([0, 60, 100], [2, 1, 1], [1, 1, 1]))).toBeCloseTo(50, 9);
    // Equal weights: the slope changes sign at 60 itself (−1/40 − 1/60 + 1/60 < 0 < −1/40 + 2/60).
    expect(nashBargaining(issueFrom([0, 60, 100], [1, 1, 1], [1, 1, 1]))).toBeCloseTo(60, 9);
  });

  it('maximises the weighted Nash product (brute force over a 0.01 grid)', () => {
    fc.assert(
      fc.property(actors, (as) => {
        const is = issueFrom(
          as.map((a) => a.x),
          as.map((a) => a.c),
          as.map((a) => a.s),
        );
        const v = nashBargaining(is);
        let best = Number.NEGATIVE_INFINITY;
        for (let k = 0; k <= 10000; k++) best = Math.max(best, objective(is, k / 100));
        expect(objective(is, v)).toBeGreaterThanOrEqual(best - 1e-9);
        expect(v).toBeGreaterThanOrEqual(Math.min(...is.x));
        expect(v).toBeLessThanOrEqual(Math.max(...is.x));
      }),
    );
  });

  it('is invariant under relabelling actors and a common rescaling of capabilities', () => {
    fc.assert(
      fc.property(actors, fc.integer({ min: 2, max: 1000 }), (as, k) => {
        const base = nashBargaining(
          issueFrom(
            as.map((a) => a.x),
            as.map((a) => a.c),
            as.map((a) => a.s),
          ),
        );
        const rev = [...as].reverse();
        const relabelled = nashBargaining(
          issueFrom(
            rev.map((a) => a.x),
            rev.map((a) => a.c),
            rev.map((a) => a.s),
          ),
        );
        const scaled = nashBargaining(
          issueFrom(
            as.map((a) => a.x),
            as.map((a) => a.c * k),
            as.map((a) => a.s),
          ),
        );
        expect(relabelled).toBe(base);
        expect(scaled).toBeCloseTo(base, 9);
      }),
    );
  });

  it('works on any scale (only positions relative to its ends matter)', () => {
    const a = nashBargaining(issueFrom([0, 20, 100], [1, 2, 1], [1, 0.5, 0.3]));
    const b = nashBargaining(issueFrom([4, 5.2, 10], [1, 2, 1], [1, 0.5, 0.3], 4, 10));
    expect(4 + (a / 100) * 6).toBeCloseTo(b, 9);
  });
});

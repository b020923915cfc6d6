import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedMean, weightedMedian } from './baselines';

const actors = fc.array(
  fc.record({
    x: fc.integer({ min: 0, max: 100 }),
    w: fc.double({ min: 0.01, max: 10, noNaN: true }),
  }),
  { minLength: 1, maxLength: 12 },
);
const cost = (m: number, xs: number[], ws: number[]) => xs.reduce((a, x, i) => a + ws[i]! * Math.abs(x - m), 0);

describe('compromise model and weighted median', () => {
  it('computes the capability×salience-weighted mean', () => {
    expect(weightedMean([0, 100], [1, 3])).toBe(75);
    expect(weightedMean([10], [0])).toBeNaN();
  });

  it('takes the lower position when the cumulative weight reaches exactly half', () => {
    expect(weightedMedian([0, 100], [1, 1])).toBe(0);
    expect(weightedMedian([100, 40, 0], [1, 1, 1])).toBe(40);
    expect(weightedMedian([0, 40, 100], [1, 1, 5])).toBe(100);
  });

  it('minimises the weighted absolute distance (brute force over every point of the scale)', () => {
    fc.assert(
      fc.property(actors, (as) => {
        const xs = as.map((a) => a.x);
        const ws = as.map((a) => a.w);
        const m = weightedMedian(xs, ws);
        let best = Number.POSITIVE_INFINITY;
        for (let p = 0; p <= 100; p++) best = Math.min(best, cost(p, xs, ws));
        expect(cost(m, xs, ws)).toBeLessThanOrEqual(best * (1 + 1e-12) + 1e-9);
      }),
    );
  });

  it('is invariant under relabelling actors and a common rescaling of capabilities', () => {
    fc.assert(
      fc.property(actors, fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.nat(), (as, k, shift) => {
        const xs = as.map((a) => a.x);
        const ws = as.map((a) => a.w);
        const rot = (v: number[]) => v.map((_, i) => v[(i + shift) % v.length]!);
        expect(weightedMedian(rot(xs), rot(ws))).toBe(weightedMedian(xs, ws));
        expect(weightedMean(rot(xs), rot(ws))).toBe(weightedMean(xs, ws));
        expect(
          weightedMedian(
            xs,
            ws.map((w) => w * k),
          ),
        ).toBe(weightedMedian(xs, ws));
        expect(
          weightedMean(
            xs,
            ws.map((w) => w * k),
          ),
        ).toBeCloseTo(weightedMean(xs, ws), 9);
      }),
    );
  });
});

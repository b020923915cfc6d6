import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/seeded-random';
import { calibrateConformal, conformalHalfWidth, conformalInterval } from './predictive';

describe('split-conformal predictive intervals', () => {
  it('takes the ⌈(n + 1)·level⌉-th smallest absolute error as the half-width', () => {
    // Errors 1…9 (n = 9): level 0.8 → ⌈8⌉ = 8th smallest; 0.5 → 5th; 0.95 → ⌈9.5⌉ = 10 > n → unbounded.
    const cal = calibrateConformal([0, 0, 0, 0, 0, 0, 0, 0, 0], [9, -8, 7, -6, 5, -4, 3, -2, 1]);
    expect(conformalHalfWidth(cal, 0.8)).toBe(8);
    expect(conformalHalfWidth(cal, 0.5)).toBe(5);
    expect(conformalHalfWidth(cal, 0.95)).toBe(Number.POSITIVE_INFINITY);
    expect(conformalInterval(50, cal, 0.8, 0, 100)).toEqual([42, 58]);
    // Clipped to the scale.
    expect(conformalInterval(3, cal, 0.8, 0, 100)).toEqual([0, 11]);
    expect(conformalInterval(3, cal, 0.95, 0, 100)).toEqual([0, 100]);
  });

  it('skips pairs without a finite forecast or outcome', () => {
    expect(Array.from(calibrateConformal([1, Number.NaN, 3], [2, 5, 1]).errors)).toEqual([1, 2]);
  });

  it('covers a new exchangeable outcome with the nominal probability', () => {
    // 19 calibration errors + 1 test error from the same skewed distribution: P(cover) = ⌈20·0.8⌉/20 = 0.8 exactly.
    const rng = createRandom(7);
    const reps = 4000;
    let inside = 0;
    for (let r = 0; r < reps; r++) {
      const draw = () => (rng.next() < 0.3 ? 40 * rng.next() : 5 * rng.next() - 2);
      const forecasts = Array.from({ length: 19 }, () => 50);
      const cal = calibrateConformal(
        forecasts,
        forecasts.map((f) => f + draw()),
      );
      const outcome = 50 + draw();
      const [lo, hi] = conformalInterval(50, cal, 0.8, 0, 100);
      if (outcome >= lo && outcome <= hi) inside++;
    }
    expect(inside / reps).toBeGreaterThan(0.77);
    expect(inside / reps).toBeLessThan(0.83);
  });
});

import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { binomialLower, binomialUpper, estimateFrontierSize } from './frontier-estimate';

describe('binomial bounds (Clopper–Pearson)', () => {
  it('match closed forms at the ends and bracket the observed share', () => {
    // 0 of n: the upper bound solves (1 − p)^n = alpha; n of n: the lower bound solves p^n = alpha.
    expect(binomialUpper(0, 100, 0.05)).toBeCloseTo(1 - 0.05 ** (1 / 100), 9);
    expect(binomialLower(100, 100, 0.05)).toBeCloseTo(0.05 ** (1 / 100), 9);
    expect(binomialLower(0, 100, 0.05)).toBe(0);
    expect(binomialUpper(100, 100, 0.05)).toBe(1);
    const lo = binomialLower(30, 1000, 1e-6);
    const hi = binomialUpper(30, 1000, 1e-6);
    expect(lo).toBeGreaterThan(0.005);
    expect(lo).toBeLessThan(0.03);
    expect(hi).toBeGreaterThan(0.03);
    expect(hi).toBeLessThan(0.07);
  });
});

describe('estimateFrontierSize', () => {
  // A synthetic frontier: candidate (i, j) is on it when (i * 7 + j * 13) mod 100 < share.
  const make = (share: number, limit: number, seed = 1) =>
    estimateFrontierSize({
      countA: 1000,
      countB: 1000,
      onFrontier: (i, j) => (i * 7 + j * 13) % 100 < share,
      limit,
      rng: createRandom(seed),
    });

  it('says above when the true size (20% of 10^6) is far over the limit, with bounds around it', () => {
    const est = make(20, 100_000);
    expect(est.verdict).toBe('above');
    expect(est.lower).toBeGreaterThan(100_000);
    expect(est.lower).toBeLessThanOrEqual(200_000);
    expect(est.upper).toBeGreaterThanOrEqual(200_000);
    expect(est.candidates).toBe(1_000_000);
    expect(est.samples).toBeLessThan(2048);
  });

  it('says within when the true size (1% of 10^6) is far under the limit', () => {
    const est = make(1, 100_000);
    expect(est.verdict).toBe('within');
    expect(est.upper).toBeLessThanOrEqual(100_000);
  });

  it('stays unsure (so the caller computes exactly) when the true size sits at the limit', () => {
    for (const seed of [1, 2, 3]) {
      const est = make(10, 100_000, seed);
      expect(est.verdict).toBe('unsure');
      expect(est.samples).toBe(2048);
    }
  });
});

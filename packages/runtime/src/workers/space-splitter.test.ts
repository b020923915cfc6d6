import { type AdditiveSpace, analyzeSpaceSplit, createRandom, EntenteError } from '@entente/core';
import { describe, expect, it } from 'vitest';
import { createSpaceSplitter } from './space-splitter';

/** 8 parties on the flagship's 14 issue sizes (199,065,600 packages), values on a 1e-2 grid. */
function eightParties(): AdditiveSpace {
  const rng = createRandom(18);
  const radices = [4, 5, 3, 4, 4, 4, 6, 4, 4, 4, 3, 3, 3, 5];
  return {
    issues: radices.map((r, i) => ({
      id: `i${i}`,
      options: Array.from({ length: r }, (_, j) => `o${j}`),
      statusQuo: 0,
    })),
    parties: Array.from({ length: 8 }, (_, p) => ({
      id: `p${p}`,
      reservation: 0,
      contributions: radices.map((r) => Float64Array.from({ length: r }, () => rng.int(10_001) / 100)),
    })),
  };
}

describe('space splitter on worker threads', () => {
  it('passes a slice’s FRONTIER_TOO_LARGE back with its code and estimate, not as a bare Error', async () => {
    const splitter = createSpaceSplitter(2);
    try {
      const run = analyzeSpaceSplit(eightParties(), splitter, { parts: 2, partialDeals: false });
      await expect(run).rejects.toBeInstanceOf(EntenteError);
      await run.catch((e: EntenteError) => {
        expect(e.code).toBe('FRONTIER_TOO_LARGE');
        expect(e.message).toContain('limit of 100,000 packages');
        expect((e.details as { estimate: { lower: number } }).estimate.lower).toBeGreaterThan(100_000);
      });
    } finally {
      await splitter.close();
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntenteError } from '../errors';
import { createRandom } from '../random';
import { bruteForce, randomSpace } from './brute-force.test-helper';
import { frontierOfOutcomes, MAX_FRONTIER_POINTS, paretoFrontier } from './frontier';
import type { FrontierSizeEstimate } from './frontier-estimate';
import { paretoFrontierReference } from './frontier-reference';
import { prepareSpace } from './prepared';
import type { AdditiveSpace } from './types';

const asc = (xs: number[]) => xs.slice().sort((a, b) => a - b);

/** A seeded space on a grid of hundredths (ties common), `parties` × `radices`. */
function gridSpace(seed: number, parties: number, radices: number[], grid = 31): AdditiveSpace {
  const rng = createRandom(seed);
  return {
    issues: radices.map((r, i) => ({
      id: `i${i}`,
      options: Array.from({ length: r }, (_, j) => `o${j}`),
      statusQuo: 0,
    })),
    parties: Array.from({ length: parties }, (_, p) => ({
      id: `p${p}`,
      reservation: 0,
      contributions: radices.map((r) => Float64Array.from({ length: r }, () => rng.int(grid) / 100)),
    })),
  };
}

describe('n-party frontier (k-d tree merge)', () => {
  it('equals the brute force on random spaces of 3 to 6 parties, ties, red lines and caps included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 3, max: 6 }),
        fc.boolean(),
        fc.boolean(),
        (seed, parties, redLines, caps) => {
          const space = randomSpace(seed, {
            parties: [parties, parties],
            issues: [2, 5],
            options: [2, 4],
            redLines: redLines ? 0.15 : 0,
            caps,
          });
          expect(paretoFrontier(prepareSpace(space)).outcomes).toEqual(asc(bruteForce(space).frontier));
        },
      ),
      { numRuns: 150, seed: 16 },
    );
  });

  it('keeps every exact tie: coarse grids make many packages equal for every party', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 3, max: 5 }), (seed, parties) => {
        // Values in {0, 0.01, 0.02}: sums collide often, and 0.1-style decimals would split them in floats.
        const space = gridSpace(seed, parties, [3, 3, 2, 3], 3);
        const bf = bruteForce(space);
        const got = paretoFrontier(prepareSpace(space)).outcomes;
        expect(got).toEqual(asc(bf.frontier));
        expect(
          frontierOfOutcomes(
            prepareSpace(space),
            bf.u.map((_, o) => o),
          ),
        ).toEqual(asc(bf.frontier));
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('agrees with the previous engine on a larger 4-party space (9,216 packages)', () => {
    const space = gridSpace(3, 4, [4, 4, 3, 4, 3, 4, 4], 31);
    const ps = prepareSpace(space);
    const got = paretoFrontier(ps);
    const ref = paretoFrontierReference(ps);
    expect(got.outcomes).toEqual(ref.outcomes);
    expect(got.exact).toEqual(ref.exact);
    expect(got.outcomes.length).toBeGreaterThan(50);
  });

  it('reports progress by candidate packages, rising, many times per issue', () => {
    const space = gridSpace(5, 6, Array(10).fill(3), 101);
    const reports: [number, number][] = [];
    paretoFrontier(prepareSpace(space), { onProgress: (done, total) => reports.push([done, total]) });
    expect(reports.length).toBeGreaterThan(space.issues.length + 5);
    for (let t = 1; t < reports.length; t++) expect(reports[t]![0]).toBeGreaterThan(reports[t - 1]![0]);
    expect(reports.at(-1)).toEqual([10_000, 10_000]);
  });

  it('stops with CANCELLED when the signal aborts mid-way', () => {
    const space = gridSpace(5, 5, Array(9).fill(3), 101);
    const controller = new AbortController();
    let calls = 0;
    const run = () =>
      paretoFrontier(prepareSpace(space), {
        signal: controller.signal,
        onProgress: () => {
          if (++calls === 3) controller.abort();
        },
      });
    expect(run).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    expect(calls).toBe(3);
  });

  it('refuses with FRONTIER_TOO_LARGE, naming the limit, when the frontier outgrows it', () => {
    const space = gridSpace(5, 6, Array(8).fill(3), 101);
    const full = paretoFrontier(prepareSpace(space)).outcomes.length;
    expect(full).toBeGreaterThan(200);
    try {
      paretoFrontier(prepareSpace(space), { maxPoints: 200 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EntenteError);
      expect((e as EntenteError).code).toBe('FRONTIER_TOO_LARGE');
      expect((e as EntenteError).message).toContain('limit of 200 packages');
    }
    expect(paretoFrontier(prepareSpace(space), { maxPoints: full }).outcomes.length).toBe(full);
    expect(MAX_FRONTIER_POINTS).toBeGreaterThanOrEqual(100_000);
  });

  it('refuses from a sample estimate whose bounds hold the true size, and never refuses a frontier that fits', () => {
    const space = gridSpace(5, 6, Array(8).fill(3), 101);
    const full = paretoFrontier(prepareSpace(space)).outcomes.length;
    let refusedEarly = 0;
    for (const limit of [Math.floor(full / 8), Math.floor(full / 4)]) {
      try {
        paretoFrontier(prepareSpace(space), { maxPoints: limit });
        expect.unreachable();
      } catch (e) {
        expect((e as EntenteError).code).toBe('FRONTIER_TOO_LARGE');
        const est = ((e as EntenteError).details as { estimate?: FrontierSizeEstimate } | undefined)?.estimate;
        if (!est) continue;
        refusedEarly++;
        expect(est.lower).toBeGreaterThan(limit);
        expect(est.lower).toBeLessThanOrEqual(full);
        expect(est.upper).toBeGreaterThanOrEqual(full);
      }
    }
    expect(refusedEarly).toBeGreaterThan(0);
    expect(paretoFrontier(prepareSpace(space), { maxPoints: full }).outcomes.length).toBe(full);
  });

  it('refuses 8 parties on the flagship-sized space (199,065,600 packages) at once, naming limit, estimate and ways out', () => {
    const space = gridSpace(18, 8, [4, 5, 3, 4, 4, 4, 6, 4, 4, 4, 3, 3, 3, 5], 10_001);
    expect(prepareSpace(space).total).toBe(199_065_600);
    let progress = 0;
    try {
      paretoFrontier(prepareSpace(space), { onProgress: (done) => (progress = done) });
      expect.unreachable();
    } catch (e) {
      const err = e as EntenteError;
      expect(err.code).toBe('FRONTIER_TOO_LARGE');
      const est = (err.details as { estimate: FrontierSizeEstimate; limit: number }).estimate;
      expect((err.details as { limit: number }).limit).toBe(MAX_FRONTIER_POINTS);
      expect(est.verdict).toBe('above');
      expect(est.lower).toBeGreaterThan(MAX_FRONTIER_POINTS);
      expect(err.message).toContain('limit of 100,000 packages');
      expect(err.message).toContain(`about ${Math.round(est.estimate).toLocaleString('en')} packages`);
      expect(err.message).toMatch(/fewer parties or an issue subset.*partial deals/);
    }
    // Refused halfway through the issues: the second half was estimated, not merged.
    expect(progress).toBeLessThanOrEqual(1000 * 8);
  });
});

import { describe, expect, it } from 'vitest';
import { bruteForce, randomSpace } from './brute-force.test-helper';
import { searchPartialDeals } from './partial';
import { prepareSpace } from './prepared';
import type { AdditiveSpace } from './types';

/** Three parties, `m` issues of two options; option 1 of every issue helps everyone a little. */
function ladder(m: number): AdditiveSpace {
  return {
    issues: Array.from({ length: m }, (_, i) => ({ id: `i${i}`, options: ['keep', 'move'], statusQuo: 0 })),
    parties: ['a', 'b', 'c'].map((id, p) => ({
      id,
      reservation: 0,
      contributions: Array.from({ length: m }, (_, i) => Float64Array.from([0, 0.01 * (1 + ((i + p) % 3))])),
    })),
  };
}

describe('partial deals: coverage and exact ranking', () => {
  it('says how many subsets it left out, and is complete when every subset is searched', () => {
    const ps = prepareSpace(ladder(5));
    const some = searchPartialDeals(ps, { maxSize: 2, limit: 1000 });
    // 31 subsets: 15 of size ≤ 2 searched, then the greedy path tries 3 + 2 + 1 larger ones.
    expect(some.search).toMatchObject({ subsets: 31, searched: 21, notSearched: 10, tooLarge: 0, cutByLimit: 0 });
    expect(some.search.truncated).toBe(true);
    const all = searchPartialDeals(ps, { maxSize: 5, limit: 1000 });
    expect(all.search).toMatchObject({ subsets: 31, searched: 31, notSearched: 0, truncated: false });
    expect(all.deals).toHaveLength(31);
  });

  it('counts subsets above maxPackages and deals cut by the limit', () => {
    const ps = prepareSpace(ladder(4));
    const r = searchPartialDeals(ps, { maxSize: 4, maxPackages: 4, limit: 3 });
    // Subsets of 3 and 4 issues have 8 and 16 packages.
    expect(r.search.tooLarge).toBe(5);
    expect(r.search.searched).toBe(10);
    expect(r.deals).toHaveLength(3);
    expect(r.search.cutByLimit).toBe(7);
    expect(r.search.truncated).toBe(true);
  });

  it('ranks by the exact joint gain: sums that differ only in floats tie and fall back to fewer issues', () => {
    // 0.1 + 0.2 and 0.3 differ in floats (0.30000000000000004) but are equal gains.
    const space: AdditiveSpace = {
      issues: ['x', 'y', 'z'].map((id) => ({ id, options: ['keep', 'move'], statusQuo: 0 })),
      parties: [
        {
          id: 'a',
          reservation: 0,
          contributions: [
            [0, 0.1],
            [0, 0.2],
            [0, 0.3],
          ].map((r) => Float64Array.from(r)),
        },
        {
          id: 'b',
          reservation: 0,
          contributions: [
            [0, 0],
            [0, 0],
            [0, 0],
          ].map((r) => Float64Array.from(r)),
        },
      ],
    };
    const r = searchPartialDeals(prepareSpace(space), { maxSize: 2, limit: 100 });
    const order = r.deals.map((d) => d.issues.join('+'));
    // Greedy growth adds x+y+z (0.6); then y+z 0.5, x+z 0.4, and z ties x+y at exactly 0.3: fewer issues first.
    expect(order).toEqual(['x+y+z', 'y+z', 'x+z', 'z', 'x+y', 'y', 'x']);
    expect(r.deals[3]!.jointGain).toBe(r.deals[4]!.jointGain);
  });

  it('finds, for every searched subset, the best joint gain of the brute force', () => {
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const space = randomSpace(seed, { parties: [3, 4], issues: [3, 4], caps: seed % 2 === 0 });
      const bf = bruteForce(space);
      const r = searchPartialDeals(prepareSpace(space), { maxSize: space.issues.length, limit: 1000 });
      expect(r.search.truncated).toBe(false);
      for (const d of r.deals) {
        const subset = new Set(d.issueIndices);
        let best = Number.NEGATIVE_INFINITY;
        for (let o = 0; o < bf.total; o++) {
          const digits = bf.decode(o);
          if (digits.some((x, i) => !subset.has(i) && x !== space.issues[i]!.statusQuo)) continue;
          const okLines = digits.every(
            (x, i) => !subset.has(i) || space.parties.every((p) => p.forbidden?.[i]?.[x] !== 1),
          );
          if (!okLines || !bf.u[o]!.every((v, p) => v >= bf.reservation(p))) continue;
          best = Math.max(
            best,
            bf.u[o]!.reduce((acc, v, p) => acc + v - bf.reservation(p), 0),
          );
        }
        expect(Math.round(d.jointGain * 100)).toBe(best);
      }
    }
  });
});

import type { SeededRandom } from '../random/seeded-random';
import { enumeratedTable } from './enumerated-table';
import { negmasNormalise, type RawProfile } from './raw-profile';
import type { NegotiationTable, PackageId } from './types';

/** A small random domain: raw additive profiles over a few issues, for tests. */
export interface RandomDomain {
  radices: number[];
  sides: RawProfile[];
}

export function randomDomain(
  rng: SeededRandom,
  parties: number,
  options: { reservations?: boolean } = {},
): RandomDomain {
  const radices = Array.from({ length: 2 + rng.int(3) }, () => 2 + rng.int(4));
  const sides = Array.from({ length: parties }, () => ({
    weights: radices.map(() => 1 + rng.int(9)),
    evaluations: radices.map((r) => Array.from({ length: r }, () => rng.int(11))),
    reservation: options.reservations ? rng.int(60) : 0,
  }));
  return { radices, sides };
}

export function tableOfDomain(d: RandomDomain, order: 'stable' | 'numpy' = 'stable'): NegotiationTable {
  return enumeratedTable(
    d.radices.map((r, i) => ({ id: `i${i}`, options: Array.from({ length: r }, (_, j) => `o${j}`) })),
    d.sides.map((_, k) => `p${k}`),
    negmasNormalise(d.sides),
    order,
  );
}

/** The table with some packages forbidden to one party (its red lines), offers skipping them by a scan. */
export function withRedLines(
  table: NegotiationTable,
  party: number,
  forbidden: ReadonlySet<PackageId>,
): NegotiationTable {
  return {
    ...table,
    crossesRedLine: (p, pkg) => p === party && forbidden.has(pkg),
    bestAtOrAbove(p, level, hi) {
      if (p !== party) return table.bestAtOrAbove(p, level, hi);
      let best: PackageId | null = null;
      for (let pkg = 0; pkg < table.size; pkg++) {
        const u = table.utility(p, pkg);
        if (forbidden.has(pkg) || u < level || u > hi) continue;
        if (best === null || u < table.utility(p, best)) best = pkg;
      }
      return best;
    },
  };
}

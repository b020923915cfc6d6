/**
 * Test helpers: random small spaces whose contributions are whole hundredths (so exact ties are
 * common and float sums would split some of them), and brute-force answers on integer hundredths.
 */
import { createRandom, type SeededRandom } from '../random';
import type { AdditiveSpace } from './types';

export interface RandomSpaceOptions {
  issues?: [number, number];
  options?: [number, number];
  parties?: [number, number];
  redLines?: number;
  caps?: boolean;
}

const between = (rng: SeededRandom, [lo, hi]: [number, number]) => lo + rng.int(hi - lo + 1);

/** A random space; contributions are multiples of 0.01 up to 0.3, reservations multiples of 0.01. */
export function randomSpace(seed: number, o: RandomSpaceOptions = {}): AdditiveSpace {
  const rng = createRandom(seed);
  const m = between(rng, o.issues ?? [2, 4]);
  const radices = Array.from({ length: m }, () => between(rng, o.options ?? [2, 4]));
  const k = between(rng, o.parties ?? [2, 4]);
  return {
    issues: radices.map((r, i) => ({
      id: `i${i}`,
      options: Array.from({ length: r }, (_, j) => `o${j}`),
      statusQuo: rng.int(r),
    })),
    parties: Array.from({ length: k }, (_, p) => {
      const contributions = radices.map((r) => Float64Array.from({ length: r }, () => rng.int(31) / 100));
      const best = contributions.reduce((acc, row) => acc + Math.max(...row), 0);
      const worst = contributions.reduce((acc, row) => acc + Math.min(...row), 0);
      const reservation = Math.round((worst + (best - worst) * (0.3 + 0.6 * rng.next())) * 100) / 100;
      const forbidden =
        (o.redLines ?? 0) > 0
          ? radices.map((r) => Uint8Array.from({ length: r }, () => (rng.next() < (o.redLines ?? 0) ? 1 : 0)))
          : undefined;
      const cap = o.caps && rng.next() < 0.5 ? Math.round((worst + (best - worst) * 0.8) * 100) / 100 : undefined;
      return {
        id: `p${p}`,
        reservation,
        contributions,
        ...(forbidden ? { forbidden } : {}),
        ...(cap !== undefined ? { cap } : {}),
      };
    }),
  };
}

const hundredths = (x: number) => Math.round(x * 100);

/** Brute-force facts about every package, in integer hundredths. */
export function bruteForce(space: AdditiveSpace) {
  const radices = space.issues.map((i) => i.options.length);
  const total = radices.reduce((a, b) => a * b, 1);
  const decode = (o: number) => {
    const d: number[] = [];
    for (let i = radices.length - 1; i >= 0; i--) {
      d[i] = o % radices[i]!;
      o = Math.floor(o / radices[i]!);
    }
    return d;
  };
  const all = Array.from({ length: total }, (_, o) => o);
  const utility = (o: number, p: number) => {
    const party = space.parties[p]!;
    const d = decode(o);
    const s = d.reduce((acc, x, i) => acc + hundredths(party.contributions[i]![x]!), 0);
    return party.cap === undefined ? s : Math.min(s, hundredths(party.cap));
  };
  const reservation = (p: number) => hundredths(space.parties[p]!.reservation);
  const acceptable = (o: number) => {
    const d = decode(o);
    return space.parties.every((party) => d.every((x, i) => party.forbidden?.[i]?.[x] !== 1));
  };
  const k = space.parties.length;
  const u = all.map((o) => Array.from({ length: k }, (_, p) => utility(o, p)));
  const dominates = (a: number[], b: number[]) => a.every((x, p) => x >= b[p]!) && a.some((x, p) => x > b[p]!);
  const acc = all.filter(acceptable);
  const frontier = acc.filter((x) => !acc.some((y) => dominates(u[y]!, u[x]!)));
  const inZone = (o: number, strict: boolean) =>
    acceptable(o) && u[o]!.every((v, p) => (strict ? v > reservation(p) : v >= reservation(p)));
  return { radices, total, decode, u, utility, reservation, acceptable, frontier, inZone, dominates, k };
}

import type { LeverUse } from './validate';

/** A lever the search may use, up to its strongest credible use. */
export interface LeverCandidate {
  id: string;
  maxStrength: number;
}

export interface SmallestLeverSetOptions {
  /** Strength grid as fractions of each lever's maxStrength (default 0.25, 0.5, 0.75, 1). */
  grid?: readonly number[];
  /** Largest lever set tried (default 3). */
  maxLevers?: number;
  /** Bisection stops when the bracket is narrower than this share of the strength found (default 0.001; 0 keeps the grid point). */
  tolerance?: number;
}

/** A lever set that passes the test, each lever at the smallest strength found. */
export interface LeverSet {
  levers: LeverUse[];
  totalStrength: number;
}

export interface SmallestLeverSetsResult {
  /** True when the test already passes without levers. */
  alreadyOpen: boolean;
  /** Every passing set of the smallest size, by total strength (empty when no set up to maxLevers passes). */
  sets: LeverSet[];
}

function* subsets(n: number, size: number, start = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === size) {
    yield prefix.slice();
    return;
  }
  for (let i = start; i <= n - (size - prefix.length); i++) {
    prefix.push(i);
    yield* subsets(n, size, i + 1, prefix);
    prefix.pop();
  }
}

/** Every tuple of grid fractions for `size` levers. */
function gridTuples(grid: readonly number[], size: number): number[][] {
  let tuples: number[][] = [[]];
  for (let t = 0; t < size; t++) tuples = tuples.flatMap((tuple) => grid.map((g) => [...tuple, g]));
  return tuples;
}

/** The largest decimal step not above `x` (1, 0.1, 0.01, …), for printing strengths that read well. */
const decimalStep = (x: number) => 10 ** Math.floor(Math.log10(x));

/**
 * THE search for "the smallest lever set that makes `test` pass" (opens a zone, closes a party's
 * gap). It assumes nothing about how levers act: sets are tried by increasing size; for each set,
 * the grid tuples by increasing total strength until one passes; then each lever's strength is
 * lowered by bisection towards the grid point below, keeping only strengths the test confirms.
 * Every strength reported has been re-evaluated by `test`.
 * @example smallestLeverSets([{ id: 'sanctions', maxStrength: 3 }], (uses) => zoneOpens(uses))
 */
export function smallestLeverSets(
  candidates: readonly LeverCandidate[],
  test: (uses: LeverUse[]) => boolean,
  options: SmallestLeverSetOptions = {},
): SmallestLeverSetsResult {
  if (test([])) return { alreadyOpen: true, sets: [] };
  const grid = [...new Set(options.grid ?? [0.25, 0.5, 0.75, 1])].filter((g) => g > 0).sort((a, b) => a - b);
  const maxLevers = Math.min(options.maxLevers ?? 3, candidates.length);
  const tolerance = options.tolerance ?? 0.001;
  for (let size = 1; size <= maxLevers; size++) {
    const tuples = gridTuples(grid, size);
    const sets: LeverSet[] = [];
    for (const idx of subsets(candidates.length, size)) {
      const levers = idx.map((i) => candidates[i]!);
      const usesOf = (strengths: number[]) => levers.map((l, t) => ({ id: l.id, strength: strengths[t]! }));
      const strengthsOf = (tuple: number[]) => tuple.map((g, t) => g * levers[t]!.maxStrength);
      const total = (tuple: number[]) => strengthsOf(tuple).reduce((a, b) => a + b, 0);
      let bestTotal = Number.POSITIVE_INFINITY;
      const passing: number[][] = [];
      for (const tuple of [...tuples].sort((a, b) => total(a) - total(b))) {
        if (total(tuple) > bestTotal + 1e-12) break;
        if (!test(usesOf(strengthsOf(tuple)))) continue;
        bestTotal = total(tuple);
        passing.push(tuple);
      }
      for (const tuple of passing) {
        const strengths = strengthsOf(tuple);
        if (tolerance > 0)
          levers.forEach((lever, t) => {
            const below = grid.filter((g) => g < tuple[t]!).pop() ?? 0;
            let lo = below * lever.maxStrength;
            let hi = strengths[t]!;
            const at = (s: number) => test(usesOf(strengths.map((x, u) => (u === t ? s : x))));
            // The bracket is narrowed relative to the strength found, so small strengths stay precise.
            const floor = 1e-9 * lever.maxStrength;
            while (hi - lo > Math.max(tolerance * hi, floor)) {
              const mid = (lo + hi) / 2;
              if (at(mid)) hi = mid;
              else lo = mid;
            }
            // A round figure just above the bracket reads better, when the test confirms it.
            const step = decimalStep(Math.max(tolerance * hi, floor));
            const round = Number((Math.ceil(hi / step - 1e-9) * step).toFixed(12));
            strengths[t] = round <= strengths[t]! && at(round) ? round : hi;
          });
        sets.push({ levers: usesOf(strengths), totalStrength: strengths.reduce((a, b) => a + b, 0) });
      }
    }
    if (sets.length > 0) {
      sets.sort(
        (a, b) =>
          a.totalStrength - b.totalStrength ||
          a.levers
            .map((l) => l.id)
            .join('+')
            .localeCompare(b.levers.map((l) => l.id).join('+')),
      );
      return { alreadyOpen: false, sets };
    }
  }
  return { alreadyOpen: false, sets: [] };
}

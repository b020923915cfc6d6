import { runSmp } from './ktab/run-smp';
import type { SmpInput, SmpOptions, SmpResult } from './ktab/types';
import type { ForecastCase } from './types';

/** Whether the SMP runner is built in (worker threads get KTAB draws only when it is). */
export const KTAB_AVAILABLE = true;

/** The bridge to the KTAB Spatial Model of Politics in `./ktab/` (deterministic defaults). */
export function runKtabModel(input: SmpInput, options: Pick<SmpOptions, 'finalOnly'> = {}): SmpResult {
  return runSmp(input, options);
}

/**
 * A whole case as one SMP input: the SMP is a vector model, so every dimension is solved jointly.
 * Actors take part when they have a position on every dimension, positive capability and some salience;
 * positions are mapped to KTAB's 0–100 scale.
 */
export function ktabInputOf(c: ForecastCase): { input: SmpInput; actors: number[] } {
  const actors: number[] = [];
  for (let i = 0; i < c.actors.length; i++) {
    const complete = c.positions.every((p) => Number.isFinite(p[i]!));
    const total = c.salience.reduce((a, s) => a + s[i]!, 0);
    if (complete && total > 0 && c.capability[i]! > 0) actors.push(i);
  }
  const to100 = (d: number, v: number) => {
    const { min, max } = c.dimensions[d]!;
    return ((v - min) / (max - min)) * 100;
  };
  return {
    actors,
    input: {
      actors: actors.map((i) => c.actors[i]!.id),
      capability: Float64Array.from(actors, (i) => c.capability[i]!),
      dimensions: c.dimensions.map((d) => d.id),
      positions: c.positions.map((p, d) => Float64Array.from(actors, (i) => to100(d, p[i]!))),
      salience: c.salience.map((s) => Float64Array.from(actors, (i) => s[i]!)),
      ...(c.accommodation ? { accommodation: subMatrix(c.accommodation, c.actors.length, actors) } : {}),
    },
  };
}

function subMatrix(a: Float64Array, n: number, keep: number[]): Float64Array {
  const m = keep.length;
  const out = new Float64Array(m * m);
  keep.forEach((i, r) => {
    keep.forEach((j, k) => {
      out[r * m + k] = a[i * n + j]!;
    });
  });
  return out;
}

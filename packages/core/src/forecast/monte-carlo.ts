import type { Issue1D } from './types';

/** How uncertain each input is: half-widths of the range around the coded value. */
export interface Uncertainty {
  /** Position half-width, in points of a 0–100 scale (rescaled to the dimension's scale). */
  position: number;
  /** Salience half-width, on the 0–1 scale. */
  salience: number;
  /** Capability half-width, as a fraction of the actor's capability. */
  capability: number;
  /** The shape of each range: triangular with its mode at the coded value, or uniform. */
  distribution: 'triangular' | 'uniform';
}

export const DEFAULT_UNCERTAINTY: Uncertainty = {
  position: 10,
  salience: 0.1,
  capability: 0.2,
  distribution: 'triangular',
};

/**
 * A draw's seed from the run's seed and the draw's coordinates (a 32-bit mix), so a draw gives the
 * same numbers whichever thread computes it and in whatever order.
 */
export function drawSeed(seed: number, ...coords: number[]): number {
  let h = (seed ^ 0x85ebca6b) >>> 0;
  for (const c of coords) h = mix(h, c);
  return h;
}

/** The range of one input of one actor, clipped to what the input allows. */
export function inputRange(
  issue: Issue1D,
  i: number,
  input: 'position' | 'salience' | 'capability',
  u: Uncertainty,
): [number, number, number] {
  if (input === 'position') {
    const h = (u.position * (issue.max - issue.min)) / 100;
    const v = issue.x[i]!;
    return [Math.max(issue.min, v - h), v, Math.min(issue.max, v + h)];
  }
  if (input === 'salience') {
    const v = issue.s[i]!;
    return [Math.max(0, v - u.salience), v, Math.min(1, v + u.salience)];
  }
  const v = issue.c[i]!;
  return [Math.max(0, v * (1 - u.capability)), v, v * (1 + u.capability)];
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A 32-bit digest of an actor's inputs, so its random stream follows the actor, not its index. */
function actorKey(issue: Issue1D, i: number): number {
  let h = 0x811c9dc5;
  for (const v of [issue.x[i]!, issue.s[i]!, issue.c[i]!]) {
    bits[0] = v;
    h = Math.imul(h ^ words[0]!, 0x01000193) >>> 0;
    h = Math.imul(h ^ words[1]!, 0x01000193) >>> 0;
  }
  return h;
}

/** Per-actor stream keys: the input digest plus the rank among actors with identical inputs. */
function actorKeys(issue: Issue1D): Uint32Array {
  const n = issue.x.length;
  const keys = new Uint32Array(n);
  const seen = new Map<number, number>();
  // Identical actors are interchangeable, so numbering them in any order gives the same draws.
  for (let i = 0; i < n; i++) {
    const k = actorKey(issue, i);
    const dup = seen.get(k) ?? 0;
    seen.set(k, dup + 1);
    keys[i] = drawSeed(k, dup);
  }
  return keys;
}

/** One step of `drawSeed`'s mix, so a prefix of the coordinates can be mixed once and reused. */
function mix(h: number, c: number): number {
  h = Math.imul(h ^ (c >>> 0), 0x9e3779b1) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h;
}

/** One value from [lo, hi] with mode m, given a uniform u (the inverse CDF). */
function fromUniform(u: number, lo: number, m: number, hi: number, uniform: boolean): number {
  if (hi <= lo) return m;
  if (uniform) return lo + u * (hi - lo);
  return u < (m - lo) / (hi - lo)
    ? lo + Math.sqrt(u * (hi - lo) * (m - lo))
    : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - m));
}

/**
 * Runs `model` on `draws` perturbed copies; the i-th draw's numbers depend only on (seed, coords, i).
 * Each actor draws from its own stream, keyed by (seed, coords, draw, actor key), so relabelling
 * actors leaves every draw unchanged. The perturbed copy's arrays are reused from draw to draw (no
 * allocation per draw), so `model` must not keep the issue it is given.
 */
export function monteCarlo(
  issue: Issue1D,
  model: (issue: Issue1D) => number,
  draws: number,
  seed: number,
  coords: readonly number[],
  u: Uncertainty,
  first = 0,
): Float64Array {
  const n = issue.x.length;
  const keys = actorKeys(issue);
  // Each actor's three ranges, computed once for all draws: [lo, mode, hi] × (position, salience, capability).
  const ranges = new Float64Array(9 * n);
  for (let i = 0; i < n; i++) {
    ranges.set(inputRange(issue, i, 'position', u), 9 * i);
    ranges.set(inputRange(issue, i, 'salience', u), 9 * i + 3);
    ranges.set(inputRange(issue, i, 'capability', u), 9 * i + 6);
  }
  const uniform = u.distribution === 'uniform';
  let prefix = (seed ^ 0x85ebca6b) >>> 0;
  for (const c of coords) prefix = mix(prefix, c);
  const x = new Float64Array(n);
  const s = new Float64Array(n);
  const c = new Float64Array(n);
  const drawn: Issue1D = { ...issue, x, s, c };
  const out = new Float64Array(draws);
  for (let k = 0; k < draws; k++) {
    const atDraw = mix(prefix, first + k);
    for (let i = 0; i < n; i++) {
      // The same generator as createRandom (seeded-random.ts), inlined: three numbers per actor, no closure.
      let state = ((mix(atDraw, keys[i]!) | 0) ^ 0x9e3779b9) >>> 0;
      const at = 9 * i;
      for (let v = 0; v < 3; v++) {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const value = fromUniform(
          ((t ^ (t >>> 14)) >>> 0) / 4294967296,
          ranges[at + 3 * v]!,
          ranges[at + 3 * v + 1]!,
          ranges[at + 3 * v + 2]!,
          uniform,
        );
        if (v === 0) x[i] = value;
        else if (v === 1) s[i] = value;
        else c[i] = value;
      }
    }
    out[k] = model(drawn);
  }
  return out;
}

/** The q-quantile of values (linear interpolation between order statistics); NaNs are ignored. */
export function quantile(values: Float64Array, q: number): number {
  const v = values.filter(Number.isFinite).sort();
  if (v.length === 0) return Number.NaN;
  const h = (v.length - 1) * q;
  const lo = Math.floor(h);
  return v[lo]! + (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!) * (h - lo);
}

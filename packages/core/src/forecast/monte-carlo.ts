import { createRandom, type SeededRandom } from '../random/seeded-random';
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
  for (const c of coords) {
    h = Math.imul(h ^ (c >>> 0), 0x9e3779b1) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
  }
  return h;
}

/** One value from a range [lo, hi] with mode m. */
function sample(rng: SeededRandom, lo: number, m: number, hi: number, shape: Uncertainty['distribution']): number {
  const u = rng.next();
  if (hi <= lo) return m;
  if (shape === 'uniform') return lo + u * (hi - lo);
  const f = (m - lo) / (hi - lo);
  return u < f ? lo + Math.sqrt(u * (hi - lo) * (m - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - m));
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

/**
 * A perturbed copy of an issue for one Monte-Carlo draw. Each actor draws from its own stream,
 * keyed by (seed, coords, draw, actor key), so relabelling actors leaves every draw unchanged.
 */
function drawIssue(
  issue: Issue1D,
  u: Uncertainty,
  seed: number,
  coords: readonly number[],
  draw: number,
  keys: Uint32Array = actorKeys(issue),
): Issue1D {
  const n = issue.x.length;
  const x = new Float64Array(n);
  const s = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rng = createRandom(drawSeed(seed, ...coords, draw, keys[i]!));
    const [pl, pm, ph] = inputRange(issue, i, 'position', u);
    x[i] = sample(rng, pl, pm, ph, u.distribution);
    const [sl, sm, sh] = inputRange(issue, i, 'salience', u);
    s[i] = sample(rng, sl, sm, sh, u.distribution);
    const [cl, cm, ch] = inputRange(issue, i, 'capability', u);
    c[i] = sample(rng, cl, cm, ch, u.distribution);
  }
  return { ...issue, x, s, c };
}

/** Runs `model` on `draws` perturbed copies; the i-th draw's numbers depend only on (seed, coords, i). */
export function monteCarlo(
  issue: Issue1D,
  model: (issue: Issue1D) => number,
  draws: number,
  seed: number,
  coords: readonly number[],
  u: Uncertainty,
  first = 0,
): Float64Array {
  const keys = actorKeys(issue);
  const out = new Float64Array(draws);
  for (let k = 0; k < draws; k++) out[k] = model(drawIssue(issue, u, seed, coords, first + k, keys));
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

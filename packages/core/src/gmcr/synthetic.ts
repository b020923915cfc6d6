import type { GmcrModel } from './types';

/** The mulberry32 generator (uint32 outputs), as the reference synthetic suite specifies it. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Parameters of a synthetic conflict (reference spec `gmcr-synthetic/1`). */
export interface SyntheticSpec {
  options: number;
  dms: number;
  seed: number;
}

/**
 * Strict random rankings (most preferred first) of all 2^K states, one per DM, drawn by
 * Fisher-Yates from one mulberry32 stream in DM order.
 */
export function syntheticRankings(spec: SyntheticSpec): Uint32Array[] {
  const next = mulberry32(spec.seed);
  const size = 2 ** spec.options;
  const out: Uint32Array[] = [];
  for (let d = 0; d < spec.dms; d++) {
    const arr = new Uint32Array(size);
    for (let i = 0; i < size; i++) arr[i] = i;
    for (let i = size - 1; i >= 1; i--) {
      const j = Math.floor((next() * (i + 1)) / 4294967296);
      const tmp = arr[i]!;
      arr[i] = arr[j]!;
      arr[j] = tmp;
    }
    out.push(arr);
  }
  return out;
}

/** Which DM owns each option: floor(K/n) consecutive options each, the first K mod n DMs one extra. */
export function syntheticOwners(spec: SyntheticSpec): number[] {
  const owners: number[] = [];
  const base = Math.floor(spec.options / spec.dms);
  const extra = spec.options % spec.dms;
  for (let d = 0; d < spec.dms; d++) for (let j = 0; j < base + (d < extra ? 1 : 0); j++) owners.push(d);
  return owners;
}

/** The synthetic conflict as a model: all states feasible, all options reversible, strict rankings. */
export function syntheticModel(spec: SyntheticSpec): GmcrModel {
  const owners = syntheticOwners(spec);
  const rankings = syntheticRankings(spec);
  return {
    title: `synthetic: ${spec.dms} DMs, ${spec.options} options, seed ${spec.seed}`,
    options: owners.map((dm, k) => ({ id: `o${k}`, name: `o${k}`, dm, reversibility: 'both' })),
    decisionMakers: rankings.map((_, d) => ({
      id: `DM${d}`,
      name: `DM${d}`,
      options: owners.flatMap((o, k) => (o === d ? [k] : [])),
      misperceptions: [],
    })),
    infeasible: [],
    preferences: rankings.map((order) => ({ kind: 'strictOrder', order })),
  };
}

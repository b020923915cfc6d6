import { describe, expect, it } from 'vitest';
import { statesInKeyOrder } from './sim-moves';

/** The order a comparison sort gives: by key, ties by state id. */
function byComparison(keys: ArrayLike<number>): number[] {
  return Array.from({ length: keys.length }, (_, s) => s).sort((a, b) => keys[a]! - keys[b]! || a - b);
}

/** A small deterministic generator (xorshift), so a failure reproduces. */
function generator(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('statesInKeyOrder (the plan sorts by radix)', () => {
  it('orders signed payoffs with ties by state id, across both 16-bit passes', () => {
    const next = generator(7);
    for (const spread of [3, 1000, 2 ** 20, 2 ** 30]) {
      const keys = Int32Array.from({ length: 5000 }, () => Math.floor((next() - 0.5) * spread));
      let low = 0;
      for (const k of keys) low = Math.min(low, k);
      expect(Array.from(statesInKeyOrder(keys, low, new Int32Array(keys.length)))).toEqual(byComparison(keys));
    }
  });

  it('orders unsigned decimals up to 2^32 - 1 (permuted decimals)', () => {
    const next = generator(11);
    const keys = Uint32Array.from({ length: 3000 }, () => Math.floor(next() * 2 ** 32));
    keys[0] = 2 ** 32 - 1;
    keys[1] = 0;
    expect(Array.from(statesInKeyOrder(keys, 0, new Int32Array(keys.length)))).toEqual(byComparison(keys));
  });

  it('returns the identity for sorted keys and handles no states', () => {
    expect(Array.from(statesInKeyOrder(Uint32Array.of(1, 5, 9, 70000), 0, new Int32Array(4)))).toEqual([0, 1, 2, 3]);
    expect(statesInKeyOrder(new Int32Array(0), 0, new Int32Array(0)).length).toBe(0);
  });
});

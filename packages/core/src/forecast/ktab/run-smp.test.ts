import { describe, expect, it } from 'vitest';
import { EntenteError } from '../../errors';
import { createRandom } from '../../random';
import { interpolateBargain } from './bargain';
import { buildModel, SMP_DEFAULTS } from './model';
import { probCondorcet } from './pce';
import { runSmp } from './run-smp';
import type { SmpInput } from './types';

/** A random issue set with generic (tie-free) positions, saliences and capabilities. */
function randomInput(seed: number, n: number, dims: number): SmpInput {
  const rng = createRandom(seed);
  const salience = Array.from({ length: dims }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const raw = Array.from({ length: dims }, () => 0.1 + rng.next());
    const total = raw.reduce((a, b) => a + b, 0);
    const overall = 0.5 + 0.45 * rng.next();
    raw.forEach((v, d) => {
      salience[d]![i] = Math.round((overall * v * 10000) / total) / 10000;
    });
  }
  return {
    actors: Array.from({ length: n }, (_, i) => `a${i}`),
    capability: Float64Array.from({ length: n }, () => 10 + Math.round(190 * rng.next())),
    dimensions: Array.from({ length: dims }, (_, d) => `d${d}`),
    positions: Array.from({ length: dims }, () =>
      Float64Array.from({ length: n }, () => Math.round(10000 * rng.next()) / 100),
    ),
    salience,
  };
}

function permute(input: SmpInput, order: number[]): SmpInput {
  return {
    actors: order.map((i) => input.actors[i]!),
    capability: Float64Array.from(order, (i) => input.capability[i]!),
    dimensions: input.dimensions,
    positions: input.positions.map((p) => Float64Array.from(order, (i) => p[i]!)),
    salience: input.salience.map((s) => Float64Array.from(order, (i) => s[i]!)),
  };
}

describe('runSmp', () => {
  it.each([
    [11, 9, 1],
    [12, 7, 3],
  ])('is invariant under relabelling actors (seed %i, %i actors, %i dims)', (seed, n, dims) => {
    const input = randomInput(seed, n, dims);
    const order = createRandom(seed + 1).shuffle(Array.from({ length: n }, (_, i) => i));
    const a = runSmp(input);
    const b = runSmp(permute(input, order));
    expect(a.rounds.length).toBeGreaterThan(2);
    expect(b.rounds).toHaveLength(a.rounds.length);
    for (const [t, round] of a.rounds.entries()) {
      order.forEach((from, to) => {
        for (let d = 0; d < dims; d++)
          expect(b.rounds[t]!.positions[d]![to]).toBeCloseTo(round.positions[d]![from]!, 9);
        // Win probabilities group positions within 0.1 around the first actor met (as KTAB does), so
        // the group's representative, and the 5th decimal, may depend on the order.
        expect(Math.abs(b.rounds[t]!.winProb[to]! - round.winProb[from]!)).toBeLessThan(1e-3);
      });
    }
    for (let d = 0; d < dims; d++) expect(b.final[d]).toBeCloseTo(a.final[d]!, 9);
  });

  it('is invariant under a common rescaling of capabilities', () => {
    const input = randomInput(21, 8, 2);
    const a = runSmp(input);
    const b = runSmp({ ...input, capability: input.capability.map((c) => c * 37.5) });
    expect(b.rounds.map((r) => r.positions)).toEqual(a.rounds.map((r) => r.positions));
  });

  it('stops by KTAB rule: at least two turns, then once a turn moves less than 2 % of the first', () => {
    const result = runSmp(randomInput(5, 10, 1));
    const ratios = result.rounds.map((r) => r.deltaRatio);
    expect(ratios[0]).toBeNaN();
    expect(ratios.at(-1)!).toBeLessThan(0.02);
    expect(ratios.slice(2, -1).every((r) => r >= 0.02)).toBe(true);
    expect(result.rounds.length - 1).toBeGreaterThanOrEqual(2);
  });

  it('explains every move: the adopted bargain names the actor as initiator or target', () => {
    const result = runSmp(randomInput(8, 6, 2));
    for (const round of result.rounds.slice(1)) {
      expect(round.moves).toHaveLength(6);
      for (const m of round.moves) expect(m.statusQuo || m.initiator === m.actor || m.target === m.actor).toBe(true);
    }
    expect(result.rounds[1]!.moves.some((m) => !m.statusQuo)).toBe(true);
  });

  it('takes the dichotomous path (no error) when every actor sits at 0 or 100', () => {
    const input: SmpInput = {
      actors: ['a', 'b', 'c', 'd'],
      capability: Float64Array.of(1, 2, 3, 4),
      dimensions: ['d0'],
      positions: [Float64Array.of(0, 100, 100, 0)],
      salience: [Float64Array.of(0.5, 0.5, 0.2, 0.4)],
    };
    const result = runSmp(input);
    expect(result.mode).toBe('dichotomous');
    expect(result.rounds).toHaveLength(1);
    // Compromise: (2·0.5 + 3·0.2)·100 / (0.5 + 1 + 0.6 + 1.6).
    expect(result.final[0]).toBeCloseTo((160 / 3.7) * 1, 9);
    // Capabilities 1+4 at 0 against 2+3 at 100: an even coalition split gives an even PCE.
    expect(result.finalPceExpected[0]).toBeCloseTo(50, 6);
  });

  it('refuses inconsistent input and a stochastic run without a generator', () => {
    const input = randomInput(1, 3, 1);
    expect(() => runSmp({ ...input, capability: Float64Array.of(1) })).toThrow(EntenteError);
    expect(() => runSmp(input, { parameters: { stateTransitions: 'stochastic' } })).toThrow(/seeded random/);
  });
});

describe('SMP building blocks', () => {
  it('conditional PCE on two options is the linear victory probability', () => {
    const c = Float64Array.of(1e-8, 1, 3, 1e-8);
    const p = probCondorcet('conditional', 'linear', c, 2);
    expect(p[0]).toBeCloseTo(1 / 4, 12);
    expect(p[1]).toBeCloseTo(3 / 4, 12);
  });

  it('Markov PCEs return the fixed point of their chains (checked against the formulas directly)', () => {
    const c = Float64Array.of(1e-8, 2, 1, 1, 1e-8, 3, 2, 1, 1e-8);
    const v = (i: number, j: number): number => (i === j ? 0.5 : c[i * 3 + j]! / (c[i * 3 + j]! + c[j * 3 + i]!));
    const uniform = probCondorcet('markov-uniform', 'linear', c, 3);
    for (let i = 0; i < 3; i++) {
      let q = 0;
      for (let j = 0; j < 3; j++) q += (v(i, j) * (uniform[i]! + uniform[j]!)) / 3;
      expect(q).toBeCloseTo(uniform[i]!, 5);
    }
    const inc = (i: number, j: number): number => c[i * 3 + j]! * v(i, j) + (i === j ? 1e-10 : 0);
    const ch = (i: number, j: number): number => inc(i, j) / (inc(0, j) + inc(1, j) + inc(2, j));
    const incentive = probCondorcet('markov-incentive', 'linear', c, 3);
    for (let i = 0; i < 3; i++) {
      let q = 0;
      for (let j = 0; j < 3; j++) q += v(i, j) * (incentive[i]! * ch(j, i) + incentive[j]! * ch(i, j));
      expect(q).toBeCloseTo(incentive[i]!, 7);
    }
  });

  it('S2P2 bargains weigh each side by salience² × win probability², rounded to 0.01 on 0–100', () => {
    const input: SmpInput = {
      actors: ['i', 'j'],
      capability: Float64Array.of(1, 1),
      dimensions: ['d0'],
      positions: [Float64Array.of(20, 80)],
      salience: [Float64Array.of(0.6, 0.3)],
    };
    const model = buildModel(input, SMP_DEFAULTS);
    const b = interpolateBargain(model, 0, 1, Float64Array.of(0.2), Float64Array.of(0.8), 0.7, 0.3, 's2p2');
    const wi = 0.36 * 0.49;
    const wj = 0.09 * 0.09;
    expect(b.posInit[0]).toBeCloseTo(Math.round(((wi * 0.2 + wj * 0.8) / (wi + wj)) * 1e4) / 1e4, 12);
    expect(b.posRcvr[0]).toBe(b.posInit[0]);
  });

  it('finalOnly (the Monte-Carlo path) gives the same final forecast bit for bit, without the round records', () => {
    for (const [seed, n, dims] of [
      [1, 9, 1],
      [2, 14, 1],
      [3, 8, 3],
      [4, 20, 2],
    ] as const) {
      const input = randomInput(seed, n, dims);
      const full = runSmp(input);
      const lean = runSmp(input, { finalOnly: true });
      expect(full.rounds.length).toBeGreaterThan(2);
      expect([...lean.final]).toEqual([...full.final]);
      expect(lean.rounds).toEqual([]);
      expect(lean.finalPceMode.every(Number.isNaN)).toBe(true);
    }
  });
});

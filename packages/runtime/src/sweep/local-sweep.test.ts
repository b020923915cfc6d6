import { fileURLToPath } from 'node:url';
import { createEngineRegistry, runEngine } from '@entente/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readScenarioSource } from '../load-scenario';
import { createSweepBlockPool } from './block-pool';
import { runLocalSweep } from './local-sweep';
import { piEngine } from './pi-engine.test-helper';
import { combinePrepared, prepareSweep, runPreparedBlock } from './sweep-block';
import { type SweepDefinition, sweepBlocks, sweepIdOf } from './sweep-plan';

const moduleFile = fileURLToPath(new URL('./pi-engine.test-helper.ts', import.meta.url));
const def = (blockSize: number, extra: Partial<SweepDefinition> = {}): SweepDefinition => ({
  engine: piEngine.id,
  sources: [{ name: 'label.txt', text: 'darts\n' }],
  params: { points: 30 },
  seed: 42,
  runs: 203,
  blockSize,
  ...extra,
});

describe('sweep plan', () => {
  it('splits runs into consecutive blocks that cover each run once', () => {
    const blocks = sweepBlocks({ runs: 203, blockSize: 50, seed: 3 });
    expect(blocks.map((b) => [b.index, b.from, b.to])).toEqual([
      [0, 0, 50],
      [1, 50, 100],
      [2, 100, 150],
      [3, 150, 200],
      [4, 200, 203],
    ]);
    expect(() => sweepBlocks({ runs: 0, blockSize: 5, seed: 1 })).toThrow(/--runs/);
    expect(() => sweepBlocks({ runs: 10, blockSize: 0, seed: 1 })).toThrow(/--block-size/);
  });

  it('names a sweep by its definition, whatever the order its parameters were written in', () => {
    const a = sweepIdOf(def(10, { params: { points: 30, spinMs: 0 } }));
    expect(sweepIdOf(def(10, { params: { spinMs: 0, points: 30 } }))).toBe(a);
    expect(sweepIdOf(def(10, { seed: 43, params: { points: 30, spinMs: 0 } }))).not.toBe(a);
  });

  it('refuses an engine without seed blocks', () => {
    const registry = createEngineRegistry();
    expect(() => prepareSweep(registry.get('evaluate'), def(10))).toThrow(/cannot be split/);
  });
});

describe('a local sweep on worker threads', () => {
  const prepared = prepareSweep(piEngine, def(10));
  const pool = createSweepBlockPool(2);
  afterAll(() => pool.close());

  it('gives the same aggregate as one block in this thread, for any block size', async () => {
    const whole = combinePrepared(prepared, [
      await runPreparedBlock(prepared, sweepBlocks({ runs: 203, blockSize: 203, seed: 42 })[0]!),
    ]);
    const progress: number[] = [];
    const split = await runLocalSweep(def(10), prepared, {
      pool,
      engineModules: [moduleFile],
      onBlock: (done) => progress.push(done),
    });
    expect(split.blocks).toBe(21);
    expect(split.result).toEqual(whole);
    expect(progress).toEqual(Array.from({ length: 21 }, (_, k) => k + 1));
    const other = await runLocalSweep(def(64), prepareSweep(piEngine, def(64)), { pool, engineModules: [moduleFile] });
    expect(other.result).toEqual(whole);
    expect((whole as { runs: number }).runs).toBe(203);
    // Another seed gives other darts: the comparison above could fail.
    const reseeded = await runLocalSweep(def(64, { seed: 1 }), prepareSweep(piEngine, def(64, { seed: 1 })), {
      pool,
      engineModules: [moduleFile],
    });
    expect(reseeded.result).not.toEqual(whole);
  });

  it('sweeps the simulate engine on a scenario with the same aggregate for any block size and thread count', async () => {
    const source = readScenarioSource(
      fileURLToPath(new URL('../../../../scenarios/port-strike/scenario.yaml', import.meta.url)),
    );
    const simulate = createEngineRegistry().get('simulate');
    const sim = (blockSize: number): SweepDefinition => ({
      engine: 'simulate',
      sources: [source],
      params: {},
      seed: 5,
      runs: 300,
      blockSize,
    });
    const prepared = prepareSweep(simulate, sim(300));
    const whole = combinePrepared(prepared, [
      await runPreparedBlock(prepared, sweepBlocks({ runs: 300, blockSize: 300, seed: 5 })[0]!),
    ]);
    const onThreads = await runLocalSweep(sim(40), prepareSweep(simulate, sim(40)), { pool });
    expect(onThreads.blocks).toBe(8);
    expect(onThreads.result).toEqual(whole);
    // A direct run of as many runs under the same seed (what `entente simulate --runs 300 --seed 5` prints) agrees.
    const direct = await runEngine(simulate, [source], { runs: 300 }, { seed: 5 });
    expect(direct.result).toEqual(whole);
    // The engine's own `runs` is the sweep's, so its statistics cover all 300 runs (scenarios report them as `many`).
    const stats = whole as { many?: { runs: number }; summary?: { runs: number } };
    expect((stats.many ?? stats.summary)?.runs).toBe(300);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const slow = def(5, { params: { points: 1, spinMs: 50 }, runs: 200 });
    const run = runLocalSweep(slow, prepareSweep(piEngine, slow), {
      pool,
      engineModules: [moduleFile],
      signal: controller.signal,
      onBlock: (done) => {
        if (done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

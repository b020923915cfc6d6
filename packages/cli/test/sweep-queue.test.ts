import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngineRegistry } from '@entente/core';
import {
  combinePrepared,
  prepareSweep,
  readScenarioSource,
  runPreparedBlock,
  runQueuedSweep,
  type SweepDefinition,
  sweepBlocks,
  sweepIdOf,
} from '@entente/runtime';
import { SweepStore } from '@entente/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { piEngine } from '../../runtime/src/sweep/pi-engine.test-helper';
import { buildProgram } from '../src/program';
import { redisBinary, startRedis } from './redis-server.test-helper';
import { repoRoot } from './run-cli';

const enginesModule = path.join(repoRoot, 'packages/runtime/src/sweep/pi-engine.test-helper.ts');
if (!redisBinary)
  console.warn('[sweep tests] redis-server is absent (.ci/run installs it): the queued-sweep tests are skipped.');

/** Runs the CLI in this process with the test engine registered; returns stdout and the exit code. */
async function cli(args: string[]): Promise<{ out: string; code: number }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    await buildProgram(createEngineRegistry([piEngine])).parseAsync(['node', 'entente', ...args]);
    return { out, code: Number(process.exitCode ?? 0) };
  } finally {
    write.mockRestore();
    process.exitCode = before;
  }
}

describe.skipIf(!redisBinary)('sweeps on a BullMQ queue with worker processes', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-sweep-'));
  const label = path.join(tmp, 'label.txt');
  writeFileSync(label, 'darts\n');
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const workers: ChildProcess[] = [];

  /** Starts `entente worker` processes on one Redis database and store, resolved once each is waiting for blocks. */
  async function startWorkers(n: number, queue: string, db: string): Promise<ChildProcess[]> {
    return Promise.all(
      Array.from({ length: n }, (_, k) => {
        const child = spawn(
          process.execPath,
          [
            path.join(repoRoot, 'packages/cli/bin/entente.js'),
            'worker',
            '--queue',
            queue,
            '--db',
            db,
            '--threads',
            '1',
            '--lock-ms',
            '1000',
            '--name',
            `w${k}`,
            '--engines-module',
            enginesModule,
          ],
          { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ENTENTE_DEBUG: '1' } },
        );
        workers.push(child);
        let log = '';
        return new Promise<ChildProcess>((resolve, reject) => {
          child.stderr!.on('data', (d) => {
            log += String(d);
            if (log.includes('waiting for sweep blocks')) resolve(child);
          });
          child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${log}`)));
        });
      }),
    );
  }

  const stopAll = async (list: ChildProcess[]) => {
    await Promise.all(
      list.map((child) =>
        child.exitCode === null && child.signalCode === null
          ? new Promise((resolve) => {
              child.once('exit', resolve);
              child.kill('SIGTERM');
            })
          : undefined,
      ),
    );
  };

  let one: ChildProcess[] = [];
  let three: ChildProcess[] = [];
  // All worker processes start at once (their start-up is most of this file's time): one on Redis
  // database 1 with its store, three on database 2 with theirs.
  beforeAll(async () => {
    redis = await startRedis();
    [one, three] = await Promise.all([
      startWorkers(1, `${redis.url}/1`, path.join(tmp, 'one.db')),
      startWorkers(3, `${redis.url}/2`, path.join(tmp, 'three.db')),
    ]);
  });
  afterAll(async () => {
    for (const child of workers) if (child.exitCode === null) child.kill('SIGKILL');
    await redis?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const def: SweepDefinition = {
    engine: piEngine.id,
    sources: [{ name: label, text: 'darts\n' }],
    params: { points: 25, spinMs: 30 },
    seed: 9,
    runs: 240,
    blockSize: 10,
  };
  const prepared = prepareSweep(piEngine, def);

  it('gives the same aggregate with 1 and with 3 workers as without a queue', async () => {
    const args = [
      'sweep',
      piEngine.id,
      label,
      '--points',
      '25',
      '--spin-ms',
      '30',
      '--runs',
      '240',
      '--seed',
      '9',
      '--block-size',
      '10',
      '--json',
    ];
    const whole = combinePrepared(prepared, [
      await runPreparedBlock(prepared, sweepBlocks({ runs: 240, blockSize: 240, seed: 9 })[0]!),
    ]);
    const local = await cli([...args, '--threads', '1', '--engines-module', enginesModule]);
    expect(local.code).toBe(0);
    expect(JSON.parse(local.out).result).toEqual(whole);

    const byOne = await cli([...args, '--queue', `${redis.url}/1`, '--db', path.join(tmp, 'one.db')]);
    const byThree = await cli([...args, '--queue', `${redis.url}/2`, '--db', path.join(tmp, 'three.db')]);
    expect(byOne.code).toBe(0);
    expect(byThree.code).toBe(0);
    const a = JSON.parse(byOne.out);
    const b = JSON.parse(byThree.out);
    expect(a.blocks).toBe(24);
    expect(a.result).toEqual(whole);
    expect(b.result).toEqual(whole);
    expect(a.sweep).toBe(sweepIdOf(def));

    const store = await SweepStore.open({ kind: 'sqlite', path: path.join(tmp, 'three.db') });
    try {
      const perWorker = await store.blocksByWorker(a.sweep);
      expect(Object.values(perWorker).reduce((s, n) => s + n, 0)).toBe(24);
      expect(Object.keys(perWorker).length).toBeGreaterThan(1); // the three workers shared the blocks
    } finally {
      await store.close();
    }

    // The simulate engine on a scenario, queued to the three workers: the same as one block here.
    const portStrike = path.join(repoRoot, 'scenarios/port-strike/scenario.yaml');
    const simulate = createEngineRegistry().get('simulate');
    const sim = prepareSweep(simulate, { sources: [readScenarioSource(portStrike)], params: {}, runs: 160 });
    const simWhole = combinePrepared(sim, [
      await runPreparedBlock(sim, sweepBlocks({ runs: 160, blockSize: 160, seed: 4 })[0]!),
    ]);
    const simArgs = ['sweep', 'simulate', portStrike, '--runs', '160', '--seed', '4', '--block-size', '20', '--json'];
    const simQueued = await cli([...simArgs, '--queue', `${redis.url}/2`, '--db', path.join(tmp, 'three.db')]);
    expect(simQueued.code).toBe(0);
    expect(JSON.parse(simQueued.out).blocks).toBe(8);
    expect(JSON.parse(simQueued.out).result).toEqual(simWhole);

    // Enqueued again, the finished sweep is read back from the store: nothing runs twice.
    await stopAll(one);
    const again = await cli([...args, '--queue', `${redis.url}/1`, '--db', path.join(tmp, 'one.db')]);
    expect(JSON.parse(again.out).result).toEqual(whole);
  });

  it('loses no block and counts none twice when a worker is killed mid-block', async () => {
    // Longer blocks than above, so the kill surely lands while w0 is running one.
    const slow: SweepDefinition = { ...def, seed: 10, params: { points: 25, spinMs: 300 } };
    const preparedSlow = prepareSweep(piEngine, slow);
    const queue = `${redis.url}/2`;
    const store = await SweepStore.open({ kind: 'sqlite', path: path.join(tmp, 'three.db') });
    const victim = three[0]!;
    let killed = false;
    victim.stderr!.on('data', (d) => {
      if (!killed && /started/.test(String(d))) {
        killed = true;
        victim.kill('SIGKILL'); // w0 dies holding a block it will never finish
      }
    });
    try {
      const outcome = await runQueuedSweep(slow, preparedSlow, { queue, store, pollMs: 50 });
      expect(killed).toBe(true);
      const whole = combinePrepared(preparedSlow, [
        await runPreparedBlock(preparedSlow, sweepBlocks({ runs: 240, blockSize: 240, seed: 10 })[0]!),
      ]);
      expect(outcome.result).toEqual(whole);
      // The dead worker's block went to another worker once its lock lapsed, and was stored once.
      expect(outcome.redelivered).toBeGreaterThanOrEqual(1);
      expect(await store.doneBlocks(outcome.sweep)).toEqual(Array.from({ length: 24 }, (_, k) => k));
      const perWorker = await store.blocksByWorker(outcome.sweep);
      expect(Object.values(perWorker).reduce((s, n) => s + n, 0)).toBe(24);
    } finally {
      await store.close();
      await stopAll(three);
    }
  });
});

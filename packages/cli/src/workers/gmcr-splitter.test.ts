import { fileURLToPath } from 'node:url';
import {
  ALL_CONCEPTS,
  analyzeStability,
  analyzeStabilityWith,
  compileModel,
  type StabilityTask,
  syntheticModel,
  toPortableGraph,
} from '@entente/core';
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { createGmcrSplitter, GMCR_AUTO_WORKER_STATES, wantsWorkers } from './gmcr-splitter';
import type { GmcrWorkerJob } from './gmcr-task-worker';

const sameRows = (a: Uint8Array[], b: Uint8Array[]) => a.every((row, d) => Buffer.compare(row, b[d]!) === 0);

describe('GMCR worker-thread splitter', () => {
  it('gives the same stability tables as the single-thread engine on a 2^16-state conflict', async () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 16, seed: 7 }));
    expect(graph.stateCount).toBe(2 ** 16);
    const split = createGmcrSplitter({ threads: 2 });
    try {
      for (const semantics of ['textbook', 'gmcrpy'] as const) {
        const concepts = semantics === 'textbook' ? ALL_CONCEPTS : (['sim'] as const);
        const parallel = await analyzeStabilityWith(graph, semantics, split, concepts);
        const serial = analyzeStability(graph, semantics, concepts);
        for (const c of concepts) expect(sameRows(parallel[c], serial[c]), `${semantics} ${c}`).toBe(true);
      }
      expect(split.usedWorkers()).toBe(true);
    } finally {
      await split.close();
    }
  }, 60_000);

  it('a worker thread drains a shared batch on its own and writes the same flags', async () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 10, seed: 3 }));
    const tasks: StabilityTask[] = [
      { dm: 0, concept: 'sim' },
      { dm: 1, concept: 'gmr' },
      { dm: 2, concept: 'seqsim' },
    ];
    const job: GmcrWorkerJob = {
      graph: toPortableGraph(graph, 'drain-test'),
      tasks,
      semantics: 'textbook',
      counters: new Int32Array(new SharedArrayBuffer(8)),
      results: tasks.map(() => new Uint8Array(new SharedArrayBuffer(graph.stateCount))),
    };
    const pool = new Piscina({
      filename: fileURLToPath(new URL('./gmcr-task-worker.ts', import.meta.url)),
      maxThreads: 1,
      execArgv: ['--import', 'tsx'],
    });
    try {
      expect(await pool.run(job)).toBe(3);
    } finally {
      await pool.destroy();
    }
    expect(Atomics.load(job.counters, 1)).toBe(3);
    const serial = analyzeStability(graph, 'textbook', ['sim', 'gmr', 'seqsim']);
    for (const [j, t] of tasks.entries())
      expect(Buffer.compare(job.results[j]!, serial[t.concept][t.dm]!), t.concept).toBe(0);
  }, 60_000);

  it('uses workers by default only for SIM or SEQ+SIM on large conflicts, always when threads ≥ 2 are asked', () => {
    const classical: StabilityTask[] = [{ dm: 0, concept: 'seq' }];
    const sim: StabilityTask[] = [...classical, { dm: 0, concept: 'sim' }];
    expect(wantsWorkers(GMCR_AUTO_WORKER_STATES - 1, sim, undefined)).toBe(false);
    expect(wantsWorkers(2 ** 20, classical, undefined)).toBe(false);
    expect(wantsWorkers(4, classical, 2)).toBe(true);
    expect(wantsWorkers(2 ** 20, sim, 1)).toBe(false);
  });

  it('stays in process by default on a small conflict', async () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 8, seed: 1 }));
    const split = createGmcrSplitter();
    const table = await analyzeStabilityWith(graph, 'textbook', split);
    expect(sameRows(table.sim, analyzeStability(graph, 'textbook').sim)).toBe(true);
    expect(split.usedWorkers()).toBe(false);
    await split.close();
  });
});

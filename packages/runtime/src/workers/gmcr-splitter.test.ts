import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  ALL_CONCEPTS,
  analyzeStability,
  analyzeStabilityWith,
  compileModel,
  type StabilityTask,
  syntheticModel,
  toPortableGraph,
} from '@entente/core';
import { describe, expect, it } from 'vitest';
import { createGmcrSplitter, GMCR_WORKER_MIN_STATES, gmcrWorkerEntry, wantsWorkers } from './gmcr-splitter';
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
      { dm: 0, concept: 'seqsim' },
    ];
    const job: GmcrWorkerJob = {
      graph: toPortableGraph(graph, 'drain-test'),
      tasks,
      semantics: 'textbook',
      counters: new Int32Array(new SharedArrayBuffer(12)),
      done: new Int32Array(new SharedArrayBuffer(4 * tasks.length)),
      results: tasks.map(() => new Uint8Array(new SharedArrayBuffer(graph.stateCount))),
    };
    const worker = new Worker(gmcrWorkerEntry(), {
      workerData: { gmcrJob: job },
    });
    const ran = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(ran).toBe(4);
    expect(Atomics.load(job.counters, 2)).toBe(4);
    expect(Atomics.load(job.counters, 1)).toBe(4);
    expect(Array.from(job.done)).toEqual([1, 1, 1, 1]);
    const serial = analyzeStability(graph, 'textbook', ['sim', 'gmr', 'seqsim']);
    for (const [j, t] of tasks.entries())
      expect(Buffer.compare(job.results[j]!, serial[t.concept][t.dm]!), t.concept).toBe(0);
  }, 60_000);

  it('uses workers when asked, or by default only for SIM work on large conflicts', () => {
    expect(wantsWorkers(1)).toBe(false);
    expect(wantsWorkers(2)).toBe(true);
    expect(wantsWorkers(undefined, { states: 2 ** 20, concepts: ['nash', 'gmr', 'smr', 'seq'] })).toBe(false);
    expect(wantsWorkers(undefined, { states: GMCR_WORKER_MIN_STATES - 1, concepts: ['sim'] })).toBe(false);
    expect(wantsWorkers(undefined, { states: GMCR_WORKER_MIN_STATES, concepts: ['sim'] })).toBe(
      availableParallelism() >= 2,
    );
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

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  ALL_CONCEPTS,
  analyzeStability,
  analyzeStabilityWith,
  compileModel,
  type StabilityTask,
  syntheticModel,
} from '@entente/core';
import { describe, expect, it } from 'vitest';
import { createGmcrSplitter, GMCR_WORKER_MIN_STATES, gmcrWorkerEntry, wantsWorkers } from './gmcr-splitter';
import { createGmcrJob, drainJob } from './gmcr-task-worker';

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
    const graph = compileModel(syntheticModel({ dms: 3, options: 14, seed: 3 }));
    const tasks: StabilityTask[] = [
      { dm: 0, concept: 'sim' },
      { dm: 1, concept: 'gmr' },
      { dm: 2, concept: 'seqsim' },
      { dm: 0, concept: 'seqsim' },
    ];
    const job = createGmcrJob(graph, tasks, 'textbook');
    // 2^14 states: 4 ranges per SIM task, a plan per DM, SEQ sanctions for the two SEQ+SIM DMs.
    expect(job.steps.filter((s) => s.kind === 'range')).toHaveLength(12);
    expect(job.steps.filter((s) => s.kind === 'plan')).toHaveLength(2);
    expect(job.steps.filter((s) => s.kind === 'seqWorst')).toHaveLength(2);
    const worker = new Worker(gmcrWorkerEntry(), {
      workerData: { gmcrJob: job },
    });
    const ran = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(ran).toBe(job.steps.length);
    expect(Atomics.load(job.counters, 2)).toBe(job.steps.length);
    expect(Atomics.load(job.counters, 1)).toBe(job.steps.length);
    expect(Array.from(job.stepDone).every((d) => d === 1)).toBe(true);
    expect(Array.from(job.taskLeft)).toEqual([0, 0, 0, 0]);
    const serial = analyzeStability(graph, 'textbook', ['sim', 'gmr', 'seqsim']);
    for (const [j, t] of tasks.entries())
      expect(Buffer.compare(job.results[j]!, serial[t.concept][t.dm]!), t.concept).toBe(0);
  }, 60_000);

  it('range-split SIM and SEQ+SIM on 2 and 3 threads equal one thread and the one-task-per-DM path', async () => {
    const graph = compileModel(syntheticModel({ dms: 4, options: 14, seed: 9 }));
    const concepts = ['sim', 'seqsim'] as const;
    const serial = analyzeStability(graph, 'textbook', concepts);
    for (const [threads, simSplit] of [
      [2, 'ranges'],
      [3, 'ranges'],
      [2, 'tasks'],
    ] as const) {
      const split = createGmcrSplitter({ threads, simSplit });
      try {
        const parallel = await analyzeStabilityWith(graph, 'textbook', split, concepts);
        for (const c of concepts) expect(sameRows(parallel[c], serial[c]), `${threads} ${simSplit} ${c}`).toBe(true);
        expect(split.usedWorkers(), `${threads} ${simSplit}`).toBe(true);
      } finally {
        await split.close();
      }
    }
  }, 60_000);

  it('a failing step stops every thread of the batch with the error', () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 8, seed: 2 }));
    const job = createGmcrJob(graph, [{ dm: 7, concept: 'nash' }], 'textbook');
    expect(() => drainJob(job, graph)).toThrow();
    expect(Atomics.load(job.counters, 3)).toBe(1);
    // A thread waiting on the failed batch gives up instead of waiting for ever.
    const sim = createGmcrJob(graph, [{ dm: 0, concept: 'sim' }], 'textbook');
    Atomics.store(sim.counters, 0, 1); // the plan is claimed (by a thread that failed) ...
    Atomics.store(sim.counters, 3, 1);
    expect(() => drainJob(sim, graph)).toThrow(/abandoned/);
  });

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

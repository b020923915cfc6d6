import { ALL_CONCEPTS, analyzeStability, analyzeStabilityWith, compileModel, syntheticModel } from '@entente/core';
import { describe, expect, it } from 'vitest';
import { createGmcrSplitter } from './gmcr-splitter';

describe('GMCR worker-thread splitter', () => {
  it('gives the same stability tables as the single-thread engine on a 2^16-state conflict', async () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 16, seed: 7 }));
    expect(graph.stateCount).toBe(2 ** 16);
    const split = createGmcrSplitter({ threads: 2, threshold: 2 ** 16 });
    try {
      for (const semantics of ['textbook', 'gmcrpy'] as const) {
        const concepts = semantics === 'textbook' ? ALL_CONCEPTS : (['sim'] as const);
        const parallel = await analyzeStabilityWith(graph, semantics, split, concepts);
        const serial = analyzeStability(graph, semantics, concepts);
        for (const c of concepts)
          for (let d = 0; d < 3; d++)
            expect(Buffer.compare(parallel[c][d]!, serial[c][d]!), `${semantics} ${c} dm ${d}`).toBe(0);
      }
      expect(split.usedWorkers()).toBe(true);
    } finally {
      await split.close();
    }
  }, 60_000);

  it('stays in process below the threshold', async () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 8, seed: 1 }));
    const split = createGmcrSplitter({ threads: 2, threshold: 2 ** 16 });
    const table = await analyzeStabilityWith(graph, 'textbook', split);
    expect(table.sim.map((r) => Array.from(r))).toEqual(
      analyzeStability(graph, 'textbook').sim.map((r) => Array.from(r)),
    );
    expect(split.usedWorkers()).toBe(false);
    await split.close();
  });
});

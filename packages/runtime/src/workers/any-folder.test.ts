import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type AdditiveSpace,
  analyzeSpace,
  analyzeSpaceSplit,
  analyzeStability,
  analyzeStabilityWith,
  compileModel,
  syntheticModel,
} from '@entente/core';
import { extractFromText } from '@entente/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGmcrSplitter } from './gmcr-splitter';
import { createExtractionPool } from './ingest-extract-pool';
import { createSpaceSplitter } from './space-splitter';

/** A small two-party space with fixed numbers: 4 issues of 4 options. */
function smallSpace(): AdditiveSpace {
  const issues = [0, 1, 2, 3].map((i) => ({ id: `i${i}`, options: ['a', 'b', 'c', 'd'], statusQuo: 0 }));
  const party = (id: string, sign: number) => ({
    id,
    reservation: 0.4,
    contributions: issues.map((_, i) =>
      Float64Array.from([0, 1, 2, 3], (o) => (sign > 0 ? o : 3 - o) * (0.05 + i * 0.02)),
    ),
  });
  return { issues, parties: [party('north', 1), party('south', -1)] };
}

// Issue 10.1: the workers loaded tsx from the working folder, so they failed outside the repository root.
describe('worker threads started from a folder outside the repository', () => {
  const home = process.cwd();
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'entente-cwd-'));
  beforeAll(() => process.chdir(elsewhere));
  afterAll(() => {
    process.chdir(home);
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('splits an agreement space over workers with the single-thread result', async () => {
    expect(process.cwd()).toBe(elsewhere);
    const splitter = createSpaceSplitter(2);
    try {
      const parallel = await analyzeSpaceSplit(smallSpace(), splitter, { partialDeals: false });
      const serial = analyzeSpace(smallSpace(), { partialDeals: false });
      expect(parallel.zone.count).toBe(serial.zone.count);
      expect(parallel.zone.count).toBeGreaterThan(0);
      expect(parallel.frontier.outcomes).toEqual(serial.frontier.outcomes);
    } finally {
      await splitter.close();
    }
  });

  it('splits GMCR stability over a worker thread with the single-thread result', async () => {
    const graph = compileModel(syntheticModel({ dms: 3, options: 8, seed: 5 }));
    const split = createGmcrSplitter({ threads: 2 });
    try {
      const parallel = await analyzeStabilityWith(graph, 'textbook', split, ['nash', 'gmr', 'sim']);
      const serial = analyzeStability(graph, 'textbook', ['nash', 'gmr', 'sim']);
      for (const c of ['nash', 'gmr', 'sim'] as const)
        for (const [dm, row] of parallel[c].entries())
          expect(Buffer.compare(row, serial[c][dm]!), `${c} ${dm}`).toBe(0);
      expect(split.usedWorkers()).toBe(true);
    } finally {
      await split.close();
    }
  });

  it('extracts an article on an ingestion worker', async () => {
    const pool = createExtractionPool({ threads: 1 });
    try {
      const text = 'On 3 March 2025 the envoys met in Geneva. "We want peace," Minister Anna Berg said.';
      const extraction = await pool.extract({ text, published: '2025-03-04' });
      expect(extraction.sentences.length).toBe(2);
      expect(extraction).toEqual(extractFromText(text, { published: '2025-03-04' }));
    } finally {
      await pool.close();
    }
  });
});

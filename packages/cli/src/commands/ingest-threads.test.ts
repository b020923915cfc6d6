import { describe, expect, it } from 'vitest';
import { defaultThreads, WORKER_FROM_FILES } from './ingest';

describe('ingest default extraction workers', () => {
  it('extracts on the main thread below the measured file count', () => {
    expect(defaultThreads(1, 2)).toBe(0);
    expect(defaultThreads(WORKER_FROM_FILES - 1, 8)).toBe(0);
  });

  it('uses one worker beside the store from that count on two or more cores', () => {
    expect(defaultThreads(WORKER_FROM_FILES, 2)).toBe(1);
    expect(defaultThreads(10 * WORKER_FROM_FILES, 16)).toBe(1);
  });

  it('never starts a worker on a single core, where it would only compete with the store', () => {
    expect(defaultThreads(10 * WORKER_FROM_FILES, 1)).toBe(0);
  });
});

import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createServerJobRunner } from '../src/workers/server-job-runner';
import { wideGmcrRegistry } from './gmcr-fixtures';

const cores = availableParallelism();
if (cores < 2) console.warn(`[event loop] ${cores} core available: the event-loop lag test needs 2 and is skipped.`);

/** Jobs started at once: the requirement's figure (issue 10: 20 heavy jobs). */
const JOBS = 20;

/**
 * Issue 10: "the event loop's p99 lag stays under 50 ms while 20 heavy jobs run". The one test where
 * a timing bound is the requirement itself. The jobs run on worker threads, leaving this thread a core
 * (one worker on a 2-core machine); what is left on the event loop is routing, progress messages and
 * receiving each result.
 */
describe.skipIf(cores < 2)('the event loop while heavy jobs run', () => {
  const runner = createServerJobRunner({ threads: Math.min(2, cores - 1) });
  // 3 DMs × 5 options: 32,768 states, all six concepts, about a second of work per job.
  const { app, jobs } = createApp({
    scenarios: wideGmcrRegistry({ heavy: [3, 5] }),
    runAnalysis: runner,
    maxRunningJobs: JOBS,
  });
  afterAll(() => runner.close());

  it(`keeps p99 lag under 50 ms while ${JOBS} GMCR jobs run on worker threads`, async () => {
    const before = runner.stats().finished;
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const started = performance.now();
    const ids: string[] = [];
    for (let j = 0; j < JOBS; j++) {
      const res = await app.request('/api/jobs', {
        method: 'POST',
        body: JSON.stringify({ kind: 'gmcr', scenario: 'heavy' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    await expect.poll(() => jobs.running(), { timeout: 240_000, interval: 50 }).toBe(0);
    histogram.disable();
    const seconds = (performance.now() - started) / 1000;
    const p99 = histogram.percentile(99) / 1e6;
    const max = histogram.max / 1e6;
    console.info(
      `[event loop] ${JOBS} jobs in ${seconds.toFixed(1)} s: p50 ${(histogram.percentile(50) / 1e6).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );
    // Every job ran to the end, in a worker thread.
    for (const id of ids) {
      const view = (await (await app.request(`/api/jobs/${id}`)).json()) as { status: string };
      expect(view.status).toBe('succeeded');
    }
    expect(runner.stats().finished).toBe(before + JOBS);
    // The jobs took long enough for the measure to mean something (each far more than a fraction of a second of work).
    expect(seconds).toBeGreaterThan(2);
    expect(p99).toBeLessThan(50);
  }, 300_000);
});

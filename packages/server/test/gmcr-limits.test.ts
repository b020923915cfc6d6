import { availableParallelism } from 'node:os';
import { GMCR_LIMITS } from '@entente/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { GMCR_API_LIMITS } from '../src/scenario-services';
import { createServerJobRunner } from '../src/workers/server-job-runner';
import { riverRegistry } from './fixtures';
import { syntheticCase, wideGmcrRegistry } from './gmcr-fixtures';

const post = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

async function expectError(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status).toBe(status);
  const body = JSON.parse(text) as { code: string; message: string };
  expect(body.code).toBe(code);
  return { ...body, bytes: text.length };
}

/** A gmcr-case/1 prisoners' dilemma whose first option carries `name`. */
const namedCase = (name: string) => ({
  format: 'gmcr-case/1',
  options: [
    { id: 0, name, dm: 0, reversibility: 'both' },
    { id: 1, name: 'Defect', dm: 1, reversibility: 'both' },
  ],
  decisionMakers: [
    { id: 0, name: 'A', options: [0] },
    { id: 1, name: 'B', options: [1] },
  ],
  states: [0, 1, 2, 3].map((d) => ({ id: d, decimal: d })),
  preferences: [
    { dm: 0, ranking: [[1], [0], [3], [2]] },
    { dm: 1, ranking: [[2], [0], [3], [1]] },
  ],
});

/** A scenario document whose gmcr section has 26 options (2 DMs × 13), all states feasible unless `exclusive`. */
function wideDocument(exclusive: boolean) {
  const decisionMakers = [0, 1].map((d) => ({
    id: `dm${d}`,
    options: Array.from({ length: 13 }, (_, j) => ({ id: `o${d}_${j}`, label: `Option ${j}` })),
  }));
  return {
    gmcr: {
      decisionMakers,
      ...(exclusive ? { mutuallyExclusive: decisionMakers.map((dm) => dm.options.map((o) => o.id)) } : {}),
      preferences: { dm0: ['o0_0'], dm1: ['!o0_0'] },
    },
  };
}

describe('GMCR answers are bounded (issue 10, items 6 and 7), in the request thread', () => {
  const { app } = createApp({ scenarios: riverRegistry(), maxBodyBytes: 8 * 1024 * 1024 });

  it('refuses a 3.9 MB option name with a short 422 instead of a 316 MB answer', async () => {
    const res = await app.request('/api/gmcr', post({ document: namedCase('x'.repeat(3_900_000)) }));
    const body = await expectError(res, 422, 'GMCR_NAME_TOO_LONG');
    expect(body.message).toContain(`${GMCR_LIMITS.nameChars} characters`);
    expect(body.bytes).toBeLessThan(4_000);
  });

  it('answers a model with names at the limit without repeating them per explanation', async () => {
    const name = 'y'.repeat(GMCR_LIMITS.nameChars);
    const res = await app.request('/api/gmcr', post({ document: namedCase(name) }));
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { report: { explanations: { text: string }[] } };
    expect(body.report.explanations.length).toBeGreaterThan(0);
    expect(text.split(name).length - 1).toBe(1);
  });

  it('refuses 26 options with every state feasible as a 422 naming the state limit', async () => {
    const res = await app.request('/api/gmcr', post({ document: wideDocument(false) }));
    const body = await expectError(res, 422, 'GMCR_TOO_MANY_STATES');
    expect(body.message).toContain(String(GMCR_LIMITS.states));
  });

  it('refuses a report larger than the response cap before computing it (422)', async () => {
    // 2^18 states, 3 DMs: the stability table alone would be about 45 MB.
    const res = await app.request('/api/gmcr', post({ document: syntheticCase(18) }));
    const body = await expectError(res, 422, 'GMCR_OUTPUT_TOO_LARGE');
    expect(body.message).toContain(`${GMCR_API_LIMITS.responseBytes / 1_048_576} MiB`);
  });
});

describe.skipIf(availableParallelism() < 2)('GMCR routes off the event loop under a worker-thread runner', () => {
  const runner = createServerJobRunner({ threads: 1 });
  const { app } = createApp({
    scenarios: wideGmcrRegistry({ wide: [3, 4] }),
    runAnalysis: runner,
    maxBodyBytes: 8 * 1024 * 1024,
  });
  const inThread = createApp({ scenarios: wideGmcrRegistry({ wide: [3, 4] }) }).app;
  afterAll(() => runner.close());

  it('analyses a 12-option scenario in a worker and answers what the request thread would', async () => {
    const before = runner.stats().started;
    const res = await app.request('/api/scenarios/wide/gmcr', post({}));
    expect(res.status).toBe(200);
    expect(runner.stats().started).toBe(before + 1);
    const local = await inThread.request('/api/scenarios/wide/gmcr', post({}));
    expect(await res.json()).toEqual(await local.json());
  }, 60_000);

  it('explains a state in a worker', async () => {
    const before = runner.stats().started;
    const res = await app.request('/api/scenarios/wide/gmcr/explain', post({ state: 5 }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { state: number; explanations: { text: string }[] };
    expect(body.state).toBe(5);
    expect(body.explanations).toHaveLength(3 * 4);
    expect(runner.stats().started).toBe(before + 1);
  }, 60_000);

  it('refuses 26 all-feasible options from the worker with the same 422', async () => {
    const res = await app.request('/api/gmcr', post({ document: wideDocument(false) }));
    await expectError(res, 422, 'GMCR_TOO_MANY_STATES');
  }, 60_000);

  it('stops a GMCR analysis at its time budget with TIME_BUDGET_EXCEEDED, and the server answers meanwhile', async () => {
    const quick = createServerJobRunner({ threads: 1, timeBudgetMs: 300 });
    try {
      const fast = createApp({ scenarios: riverRegistry(), runAnalysis: quick }).app;
      const order: string[] = [];
      // 2^16 states, all six concepts: several seconds of work.
      const slow = Promise.resolve(fast.request('/api/gmcr', post({ document: syntheticCase(16) }))).then((res) => {
        order.push('gmcr');
        return res;
      });
      const health = await fast.request('/api/health');
      order.push('health');
      expect(health.status).toBe(200);
      const body = await expectError(await slow, 422, 'TIME_BUDGET_EXCEEDED');
      expect(body.message).toContain('0.3 s');
      expect(order).toEqual(['health', 'gmcr']);
      expect(quick.stats().timedOut).toBe(1);
    } finally {
      await quick.close();
    }
  }, 60_000);
});

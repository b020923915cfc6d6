import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isErrorCode } from '@entente/core';
import { EvidenceStore } from '@entente/store';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FUZZ_RUNS, mutatedJson, mutatedText } from '../../core/src/fuzz.test-helper';
import { prisonersDilemmaCase } from '../../core/src/gmcr/test-support';
import { createApp } from '../src/app';

const pdCase = prisonersDilemmaCase();

import { bulletinText, riverRegistry, riverText } from './fixtures';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-api-fuzz-'));
const errors: unknown[] = [];
const { app, jobs, close } = createApp({
  scenarios: riverRegistry(),
  openStore: () => EvidenceStore.open({ kind: 'sqlite', path: path.join(tmp, 'evidence.db') }),
  now: () => new Date('2025-06-01T12:00:00Z'),
  maxBodyBytes: 256 * 1024,
  // Every engine's job route is seeded once and fuzzed many times: the cap itself is tested elsewhere.
  maxRunningJobs: 1000,
  logError: (e) => errors.push(e),
});

afterAll(async () => {
  // Let the jobs the fuzzer started finish (or cancel them), so that their failures are counted too.
  for (let i = 0; i < 200 && jobs.running() > 0; i++) await new Promise((r) => setTimeout(r, 50));
  await close();
  rmSync(tmp, { recursive: true, force: true });
  expect(errors).toEqual([]);
});

const webDomain = { name: 'trip', issuesValues: { x: { values: ['a', 'b'] }, y: { values: ['c', 'd'] } } };
const webProfile = (name: string, a: number) =>
  JSON.stringify({
    LinearAdditiveUtilitySpace: {
      name,
      issueUtilities: {
        x: { discreteutils: { valueUtilities: { a, b: 1 - a } } },
        y: { discreteutils: { valueUtilities: { c: 0.2, d: 0.9 } } },
      },
      issueWeights: { x: 0.5, y: 0.5 },
      domain: webDomain,
    },
  });
const space = { parties: ['north', 'south'], issues: ['water', 'truce'] };

/** A valid request per POST route of the OpenAPI document (path parameters filled in): the mutations' seeds. */
const seeds: Record<string, { url: string; body: unknown }> = {
  '/api/validate': {
    url: '/api/validate',
    body: { text: riverText, file: 'river.yaml', sources: { bulletin: bulletinText } },
  },
  '/api/scenarios/{id}/evaluate': {
    url: '/api/scenarios/river-dispute/evaluate',
    body: { proposal: 'dam_truce', levers: [{ id: 'broker_aid', strength: 1 }] },
  },
  '/api/scenarios/{id}/space': { url: '/api/scenarios/river-dispute/space', body: space },
  '/api/scenarios/{id}/partial-deals': { url: '/api/scenarios/river-dispute/partial-deals', body: space },
  '/api/scenarios/{id}/closest': {
    url: '/api/scenarios/river-dispute/closest',
    body: { proposal: 'grand_bargain', proposer: 'south' },
  },
  '/api/scenarios/{id}/opening-levers': { url: '/api/scenarios/river-dispute/opening-levers', body: space },
  '/api/scenarios/{id}/gmcr': { url: '/api/scenarios/river-gmcr/gmcr', body: { semantics: 'textbook' } },
  '/api/scenarios/{id}/gmcr/explain': { url: '/api/scenarios/river-gmcr/gmcr/explain', body: { state: 1 } },
  '/api/gmcr': { url: '/api/gmcr', body: { document: pdCase, semantics: 'gmcrpy' } },
  '/api/ingest': {
    url: '/api/ingest',
    body: { documents: [{ name: 'bulletin.txt', content: bulletinText, published: '2025-05-01' }] },
  },
  '/api/jobs': { url: '/api/jobs', body: { kind: 'gmcr', scenario: 'river-gmcr', params: {} } },
  '/api/engines/{engine}/run': { url: '/api/engines/backtest/run', body: { scenario: 'river-dispute' } },
  '/api/engines/{engine}/jobs': { url: '/api/engines/backtest/jobs', body: { scenario: 'river-dispute' } },
};
for (const verb of ['run', 'jobs']) {
  seeds[`/api/engines/evaluate/${verb}`] = {
    url: `/api/engines/evaluate/${verb}`,
    body: { scenario: 'river-dispute', params: { proposal: 'dam_truce' } },
  };
  seeds[`/api/engines/backtest/${verb}`] = {
    url: `/api/engines/backtest/${verb}`,
    body: { scenario: 'river-dispute' },
  };
  seeds[`/api/engines/calibrate/${verb}`] = {
    url: `/api/engines/calibrate/${verb}`,
    body: { scenario: 'river-dispute' },
  };
  seeds[`/api/engines/forecast/${verb}`] = {
    url: `/api/engines/forecast/${verb}`,
    body: { scenario: 'river-dispute', params: { draws: 20, model: ['weighted_mean', 'bdm'] } },
  };
  seeds[`/api/engines/simulate/${verb}`] = {
    url: `/api/engines/simulate/${verb}`,
    body: { scenario: 'river-dispute', params: { runs: 4, steps: 20 } },
  };
  seeds[`/api/engines/space/${verb}`] = {
    url: `/api/engines/space/${verb}`,
    body: { scenario: 'river-dispute', params: { issues: ['water', 'truce'] } },
  };
  seeds[`/api/engines/gmcr/${verb}`] = {
    url: `/api/engines/gmcr/${verb}`,
    body: { sources: [{ name: 'case.json', text: JSON.stringify(pdCase) }], params: { explainLimit: 4 } },
  };
  seeds[`/api/engines/domain/${verb}`] = {
    url: `/api/engines/domain/${verb}`,
    body: {
      sources: [
        { name: 'domain.json', text: JSON.stringify(webDomain) },
        { name: 'p1.json', text: webProfile('p1', 0.1) },
        { name: 'p2.json', text: webProfile('p2', 0.9) },
      ],
    },
  };
}

/** Sends a body (a value sent as JSON, or raw text) and checks the answer's contract. */
async function post(url: string, body: unknown, raw = false): Promise<number> {
  const res = await app.request(url, {
    method: 'POST',
    body: raw ? (body as string) : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  const text = await res.text();
  expect(res.status, `${url}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.status).toBeGreaterThanOrEqual(200);
  const parsed = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
  if (res.status >= 400) {
    expect(Object.keys(parsed).sort()).toEqual(['code', 'details', 'message']);
    expect(typeof parsed.code === 'string' && isErrorCode(parsed.code), String(parsed.code)).toBe(true);
    expect(typeof parsed.message).toBe('string');
  }
  expect(errors).toEqual([]);
  return res.status;
}

describe('API JSON bodies under fuzzing', () => {
  it('has a valid seed for every POST route of the OpenAPI document, and each seed succeeds', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post?: unknown }>;
    };
    const postRoutes = Object.entries(doc.paths)
      .filter(([, ops]) => ops.post)
      .map(([p]) => p);
    expect(postRoutes.filter((p) => !seeds[p])).toEqual([]);
    for (const { url, body } of Object.values(seeds)) expect(await post(url, body), url).toBeLessThan(300);
  }, 60_000);

  it('answers structurally mutated bodies with 2xx or a 4xx {code, message, details}', async () => {
    const routes = Object.values(seeds);
    const mutated = fc.oneof(...routes.map(({ url, body }) => mutatedJson(body).map((b) => [url, b] as const)));
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(mutated, async ([url, body]) => {
        const status = await post(url, body);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: FUZZ_RUNS },
    );
    // Both outcomes occur: the mutations reach the handlers, not only the body validation.
    const count = (ok: boolean) => [...statuses].filter(([s]) => s < 300 === ok).reduce((a, [, n]) => a + n, 0);
    expect(count(true), JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect(count(false)).toBeGreaterThan(0);
  }, 120_000);

  it("answers random values for every engine's own parameters (names from the OpenAPI document)", async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const paramNames = (url: string): string[] => {
      const schema = doc.paths[url]?.post?.requestBody.content['application/json']?.schema as
        | { properties?: { params?: { properties?: Record<string, unknown> } } }
        | undefined;
      return Object.keys(schema?.properties?.params?.properties ?? {});
    };
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('all', 'nash,gmr', 'seq+sim', '0', 'NY', 'none', 'a+b,c', 'water=share', 'broker_aid=2'),
      fc.integer({ min: -5, max: 70_000 }),
      fc.double(),
      fc.boolean(),
      fc.array(fc.constantFrom('water', 'truce', 'bridge', 'north', 'south', 'x'), { maxLength: 4 }),
    );
    const runs = Object.values(seeds).filter((s) => /^\/api\/engines\/[a-z]+\/(run|jobs)$/.test(s.url));
    const request = fc.oneof(
      ...runs.map(({ url, body }) => {
        const names = paramNames(url);
        const params = names.length === 0 ? fc.constant({}) : fc.dictionary(fc.constantFrom(...names), value);
        return params.map((p) => [url, { ...(body as object), params: p }] as const);
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ([url, body]) => {
        await post(url, body);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);

  it('answers broken JSON text, random values and odd path parameters with a 4xx', async () => {
    const urls = Object.values(seeds).map((s) => s.url);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...urls),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }).map((v) => [JSON.stringify(v), true] as const),
          fc.string({ maxLength: 200 }).map((s) => [s, true] as const),
          mutatedText(JSON.stringify(seeds['/api/gmcr']!.body)).map((s) => [s, true] as const),
        ),
        fc.option(fc.constantFrom('atlantis', '%E0%A4%A', '..%2F..', 'a'.repeat(300), '%00'), { nil: undefined }),
        async (url, [body], id) => {
          const target = id === undefined ? url : url.replace(/(scenarios|engines)\/[^/]+/, `$1/${id}`);
          await post(target, body, true);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);
});

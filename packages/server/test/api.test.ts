import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EvidenceStore } from '@entente/store';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { bulletinText, riverRegistry, riverText } from './fixtures';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});

const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-server-'));
const errors: unknown[] = [];
const clock = () => new Date('2025-06-01T12:00:00Z');
const { app, close, routes } = createApp({
  scenarios: riverRegistry(),
  openStore: () => EvidenceStore.open({ kind: 'sqlite', path: path.join(tmp, 'evidence.db') }),
  now: clock,
  maxBodyBytes: 64 * 1024,
  logError: (e) => errors.push(e),
});

afterAll(async () => {
  await close();
  rmSync(tmp, { recursive: true, force: true });
});

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { code: string; message: string; details: unknown };
  expect(body.code).toBe(code);
  expect(body.message.length).toBeGreaterThan(10);
  expect(body).toHaveProperty('details');
  return body;
}

describe('scenarios', () => {
  it('lists the loaded scenarios with their counts', async () => {
    const res = await app.request('/api/scenarios');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scenarios: { id: string; valid: boolean; counts: { issues: number } }[] };
    expect(body.scenarios.map((s) => s.id)).toEqual(['river-dispute', 'river-gmcr']);
    expect(body.scenarios[0]!.valid).toBe(true);
    expect(body.scenarios[0]!.counts.issues).toBe(3);
  });

  it('returns a scenario with its content, and 404 for an unknown id', async () => {
    const res = await app.request('/api/scenarios/river-dispute');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scenario: { actors: { id: string }[] }; issues: unknown[] };
    expect(body.scenario.actors.map((a) => a.id)).toEqual(['north', 'south', 'broker']);
    expect(body.issues).toEqual([]);
    await expectError(await app.request('/api/scenarios/atlantis'), 404, 'SCENARIO_NOT_FOUND');
    await expectError(await app.request('/api/scenarios/atlantis/backtest'), 404, 'SCENARIO_NOT_FOUND');
  });

  it('validates a text and reports problems with their line and column', async () => {
    const broken = riverText.replace('noDeal: 0.7', 'noDeal: high');
    const res = await app.request('/api/validate', json({ text: broken, file: 'river.yaml' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      valid: boolean;
      issues: { path: (string | number)[]; line?: number; file?: string }[];
    };
    expect(body.valid).toBe(false);
    const issue = body.issues.find((i) => i.path.join('.') === 'preferences.north.noDeal');
    expect(issue?.file).toBe('river.yaml');
    const expectedLine = broken.split('\n').findIndex((l) => l.includes('noDeal: high')) + 1;
    expect(issue?.line).toBe(expectedLine);
  });

  it('checks quotes against given sources', async () => {
    const bad = riverText.replace('Southland is losing ground', 'Southland is winning');
    const body = (await (
      await app.request('/api/validate', json({ text: bad, sources: { bulletin: bulletinText } }))
    ).json()) as { valid: boolean; issues: { code: string }[] };
    expect(body.valid).toBe(false);
    expect(body.issues.length).toBeGreaterThan(0);
    const good = (await (
      await app.request('/api/validate', json({ text: riverText, sources: { bulletin: bulletinText } }))
    ).json()) as {
      valid: boolean;
    };
    expect(good.valid).toBe(true);
  });

  it('rejects a body that is not JSON, or has the wrong shape, with 400 and a code', async () => {
    await expectError(
      await app.request('/api/validate', {
        method: 'POST',
        body: '{not json',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'INVALID_JSON',
    );
    const body = await expectError(await app.request('/api/validate', json({ txt: 'x' })), 400, 'INVALID_BODY');
    expect(JSON.stringify(body.details)).toContain('text');
  });
});

describe('proposal evaluation', () => {
  it('computes each party utility by the additive rule', async () => {
    const res = await app.request('/api/scenarios/river-dispute/evaluate', json({ terms: { water: 'split' } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { actors: { actor: string; utility: number; margin: number; answer: string }[] };
    // North: weights 3:1:1 → 0.6·0.5 (split) + 0.2·0.5 (no truce) + 0.2·1 (north bridge) = 0.6, below 0.7.
    const north = body.actors.find((a) => a.actor === 'north')!;
    expect(north.utility).toBeCloseTo(0.6, 12);
    expect(north.margin).toBeCloseTo(-0.1, 12);
    // Below its walk-away value it cannot simply accept (whether it says "no" or "yes, but" is the band's call).
    expect(north.answer).not.toBe('accepted');
    // South: weights 2:2:1 → 0.4·0.7 + 0 + 0 = 0.28 against 0.2.
    const south = body.actors.find((a) => a.actor === 'south')!;
    expect(south.utility).toBeCloseTo(0.28, 12);
    expect(south.answer).not.toBe('rejected');
  });

  it('evaluates a recorded proposal with the observed answers beside, and applies levers', async () => {
    const res = await app.request('/api/scenarios/river-dispute/evaluate', json({ proposal: 'grand_bargain' }));
    const body = (await res.json()) as {
      observed: Record<string, string>;
      actors: { actor: string; noDeal: number }[];
    };
    expect(body.observed).toEqual({ north: 'rejected', south: 'accepted' });
    const levered = (await (
      await app.request(
        '/api/scenarios/river-dispute/evaluate',
        json({ proposal: 'grand_bargain', levers: [{ id: 'broker_aid', strength: 1 }] }),
      )
    ).json()) as typeof body;
    // broker_aid shifts Southland's walk-away value by +0.1.
    expect(levered.actors.find((a) => a.actor === 'south')!.noDeal).toBeCloseTo(0.3, 12);
  });

  it('answers 404 for an unknown proposal and 400 for unknown issues, options, levers or strengths', async () => {
    const url = '/api/scenarios/river-dispute/evaluate';
    await expectError(await app.request(url, json({ proposal: 'nope' })), 404, 'UNKNOWN_PROPOSAL');
    await expectError(await app.request(url, json({ terms: { moon: 'split' } })), 400, 'UNKNOWN_ISSUE');
    await expectError(await app.request(url, json({ terms: { water: 'moon' } })), 400, 'UNKNOWN_OPTION');
    await expectError(await app.request(url, json({ levers: [{ id: 'nope', strength: 1 }] })), 400, 'UNKNOWN_LEVER');
    await expectError(
      await app.request(url, json({ levers: [{ id: 'broker_aid', strength: 5 }] })),
      400,
      'LEVER_STRENGTH_OUT_OF_RANGE',
    );
    await expectError(await app.request(url, json({ proposal: 'dam_truce', terms: {} })), 400, 'INVALID_BODY');
  });
});

describe('agreement space', () => {
  it('returns every package with utilities that match a brute-force sum', async () => {
    const res = await app.request('/api/scenarios/river-dispute/space', json({}));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      parties: string[];
      points: { total: number; outcomes: number[]; acceptable: number[]; utilities: number[][] };
      zone: { count: number; empty: boolean };
      frontier: { utilities: number[][] };
      solutions: { nash: { points: { terms: Record<string, string> }[] } };
      partialDeals: { issues: string[] }[];
    };
    expect(body.parties).toEqual(['north', 'south']);
    expect(body.points.total).toBe(18);
    // North's red line is water=south_all: 6 of the 18 packages break it.
    expect(body.points.acceptable.filter((a) => a === 1)).toHaveLength(12);
    const w = { north: [0.6, 0.2, 0.2], south: [0.4, 0.4, 0.2] };
    const v = {
      north: [
        [1, 0.5, 0],
        [0.5, 0.8, 0.6],
        [1, 0.4],
      ],
      south: [
        [0, 0.7, 1],
        [0, 0.5, 1],
        [0, 0.8],
      ],
    };
    let inZone = 0;
    body.points.outcomes.forEach((o, t) => {
      const opts = [Math.floor(o / 6), Math.floor(o / 2) % 3, o % 2];
      const u = (['north', 'south'] as const).map((p) => opts.reduce((s, j, i) => s + w[p][i]! * v[p][i]![j]!, 0));
      expect(body.points.utilities[0]![t]).toBeCloseTo(u[0]!, 12);
      expect(body.points.utilities[1]![t]).toBeCloseTo(u[1]!, 12);
      if (body.points.acceptable[t] && u[0]! >= 0.7 - 1e-12 && u[1]! >= 0.2 - 1e-12) inZone++;
    });
    expect(body.zone.count).toBe(inZone);
    expect(body.zone.empty).toBe(inZone === 0);
    expect(body.solutions.nash.points.length).toBeGreaterThan(0);
  });

  it('thins the points past maxPoints, favouring packages that break no red line', async () => {
    const body = (await (await app.request('/api/scenarios/river-dispute/space', json({ maxPoints: 10 }))).json()) as {
      points: { total: number; sampled: boolean; outcomes: number[]; acceptable: number[] };
    };
    expect(body.points.sampled).toBe(true);
    expect(body.points.total).toBe(18);
    expect(new Set(body.points.outcomes).size).toBe(body.points.outcomes.length);
    expect(body.points.outcomes.length).toBeLessThanOrEqual(10);
    // Outcome index: water is the most significant digit; water=south_all (2) is North's red line.
    for (const [t, o] of body.points.outcomes.entries())
      expect(body.points.acceptable[t]).toBe(Math.floor(o / 6) === 2 ? 0 : 1);
    expect(body.points.acceptable.filter((a) => a === 1).length).toBeGreaterThanOrEqual(9);
  });

  it('restricts to an issue subset and applies levers', async () => {
    const res = await app.request(
      '/api/scenarios/river-dispute/space',
      json({ issues: ['truce'], levers: [{ id: 'broker_aid', strength: 1 }], points: 'frontier' }),
    );
    const body = (await res.json()) as { outcomes: number; reservations: number[] };
    expect(body.outcomes).toBe(3);
    expect(body.reservations[1]).toBeCloseTo(0.3, 12);
    await expectError(
      await app.request('/api/scenarios/river-dispute/space', json({ issues: ['moon'] })),
      400,
      'UNKNOWN_ISSUE',
    );
    await expectError(
      await app.request('/api/scenarios/river-dispute/space', json({ parties: ['north', 'mars'] })),
      400,
      'UNKNOWN_PARTY',
    );
    await expectError(
      await app.request('/api/scenarios/river-dispute/space', json({ points: 'some' })),
      400,
      'INVALID_BODY',
    );
  });

  it('lists partial deals whose best package gives every party its walk-away value', async () => {
    const body = (await (
      await app.request('/api/scenarios/river-dispute/partial-deals', json({ maxSize: 1 }))
    ).json()) as {
      deals: { issues: string[]; method: string; best: { utilities: number[] } }[];
    };
    for (const deal of body.deals) {
      // Subsets up to maxSize are searched exhaustively; larger ones come from greedy growth.
      if (deal.method === 'exhaustive') expect(deal.issues).toHaveLength(1);
      expect(deal.best.utilities[0]).toBeGreaterThanOrEqual(0.7 - 1e-12);
      expect(deal.best.utilities[1]).toBeGreaterThanOrEqual(0.2 - 1e-12);
    }
    // The dam truce alone (north 0.8·0.2 + 0.6 + 0.2 = 0.96, south 0.2) is such a deal.
    expect(body.deals.some((d) => d.issues.join() === 'truce')).toBe(true);
  });

  it('finds the closest acceptable package to a rejected proposal', async () => {
    const res = await app.request(
      '/api/scenarios/river-dispute/closest',
      json({ proposal: 'grand_bargain', proposer: 'south' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      found: boolean;
      closest: { to: { utilities: number[]; terms: Record<string, string> }; changes: unknown[] };
    };
    expect(body.found).toBe(true);
    expect(body.closest.to.utilities[0]).toBeGreaterThanOrEqual(0.7 - 1e-12);
    expect(body.closest.to.utilities[1]).toBeGreaterThanOrEqual(0.2 - 1e-12);
    expect(body.closest.changes.length).toBeGreaterThan(0);
    await expectError(
      await app.request('/api/scenarios/river-dispute/closest', json({ proposal: 'x' })),
      404,
      'UNKNOWN_PROPOSAL',
    );
  });

  it('searches levers that open a zone', async () => {
    const res = await app.request('/api/scenarios/river-dispute/opening-levers', json({ maxLevers: 1 }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { alreadyOpen: boolean; leversConsidered: string[] };
    expect(body.leversConsidered).toEqual(['broker_aid']);
    expect(typeof body.alreadyOpen).toBe('boolean');
  });
});

describe('stability, backtest, analysis', () => {
  it('analyses the gmcr section with the state graph', async () => {
    const res = await app.request('/api/scenarios/river-gmcr/gmcr', json({}));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      report: { states: number; equilibria: { nash: number[] } };
      graph: { edges: { from: number; to: number; dm: number }[] };
    };
    expect(body.report.states).toBe(4);
    // Two binary options, each held by one DM, all reversible: every state has one move per DM.
    expect(body.graph.edges).toHaveLength(8);
    // North prefers not attacked, then not sharing; South prefers shared, then not attacking.
    // Nash: no unilateral improvement. Brute force over the four states.
    const rankN = (s: number) => 2 * (s & 2 ? 0 : 1) + (s & 1 ? 0 : 1);
    const rankS = (s: number) => 2 * (s & 1 ? 1 : 0) + (s & 2 ? 0 : 1);
    const nash = [0, 1, 2, 3].filter((s) => rankN(s ^ 1) <= rankN(s) && rankS(s ^ 2) <= rankS(s));
    expect(body.report.equilibria.nash).toEqual(nash);
    await expectError(await app.request('/api/scenarios/river-dispute/gmcr', json({})), 404, 'NO_GMCR_SECTION');
  });

  it('explains a state on demand, agreeing with the stability table, and returns SIM and SEQ+SIM', async () => {
    const full = (await (await app.request('/api/scenarios/river-gmcr/gmcr', json({}))).json()) as {
      report: { states: number; stability: Record<string, boolean[][]>; equilibria: Record<string, number[]> };
    };
    expect(full.report.equilibria).toHaveProperty('sim');
    expect(full.report.equilibria).toHaveProperty('seqsim');
    for (let state = 0; state < full.report.states; state++) {
      const res = await app.request('/api/scenarios/river-gmcr/gmcr/explain', json({ state }));
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        pattern: string;
        explanations: { dm: number; concept: string; stable: boolean; text: string }[];
      };
      expect(body.pattern).toMatch(/^[YN]+$/);
      expect(body.explanations.length).toBe(2 * 4);
      for (const e of body.explanations) {
        expect(e.stable).toBe(full.report.stability[e.concept]![e.dm]![state]);
        expect(e.text.length).toBeGreaterThan(10);
      }
    }
    await expectError(
      await app.request('/api/scenarios/river-gmcr/gmcr/explain', json({ state: 99 })),
      400,
      'GMCR_UNKNOWN_STATE',
    );
  });

  it('analyses an uploaded GMCR document and rejects an unknown one', async () => {
    await expectError(await app.request('/api/gmcr', json({ document: { hello: 1 } })), 400, 'GMCR_UNKNOWN_INPUT');
  });

  it('replays the recorded proposals', async () => {
    const body = (await (await app.request('/api/scenarios/river-dispute/backtest')).json()) as {
      scored: number;
      comparisons: { proposal: string; actor: string; observed: string; predicted: string; match: boolean }[];
    };
    expect(body.scored).toBe(4);
    const grand = body.comparisons.find((c) => c.proposal === 'grand_bargain' && c.actor === 'north')!;
    expect(grand.observed).toBe('rejected');
    // North: 0.6·0.5 + 0.2·0.6 + 0.2·0.4 = 0.5 < 0.7 → rejected, matching the record.
    expect(grand.predicted).toBe('rejected');
    expect(grand.match).toBe(true);
  });

  it('returns the analysis', async () => {
    const body = (await (await app.request('/api/scenarios/river-dispute/analysis')).json()) as {
      stakes: { actor: string }[];
    };
    expect(body.stakes.map((s) => s.actor)).toEqual(['north', 'south']);
  });
});

describe('evidence', () => {
  it('ingests an article, then lists its events and finds its sentences', async () => {
    const res = await app.request(
      '/api/ingest',
      json({
        scenario: 'river-dispute',
        documents: [
          { name: 'bulletin.txt', content: bulletinText, published: '2024-06-01', title: 'Vell valley bulletin' },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { documents: { added: boolean; events: number }[]; failed: unknown[] };
    expect(body.failed).toEqual([]);
    expect(body.documents[0]!.added).toBe(true);
    const again = (await (
      await app.request(
        '/api/ingest',
        json({ documents: [{ name: 'bulletin.txt', content: bulletinText, published: '2024-06-01' }] }),
      )
    ).json()) as typeof body;
    expect(again.documents[0]!.added).toBe(false);

    const timeline = (await (await app.request('/api/timeline?from=2024-05&to=2024-05')).json()) as {
      events: { date: string; sources: { text: string }[] }[];
    };
    expect(timeline.events.length).toBeGreaterThan(0);
    for (const e of timeline.events) expect(e.date.startsWith('2024-05')).toBe(true);
    expect(timeline.events.some((e) => e.sources.some((s) => s.text.includes('dams')))).toBe(true);

    const search = (await (await app.request('/api/search?q=river')).json()) as { hits: { text: string }[] };
    expect(search.hits.length).toBeGreaterThan(0);
    expect(search.hits.every((h) => /river/i.test(h.text))).toBe(true);
    expect((search as unknown as { truncated: boolean }).truncated).toBe(false);
    // Cut at one hit, the answer says more matched.
    const cut = (await (await app.request('/api/search?q=river&limit=1')).json()) as {
      hits: unknown[];
      truncated: boolean;
    };
    expect(search.hits.length).toBeGreaterThan(1);
    expect(cut.hits).toHaveLength(1);
    expect(cut.truncated).toBe(true);
  });

  it('rejects bad filters and reports per-document input problems', async () => {
    await expectError(await app.request('/api/timeline?from=May'), 400, 'INVALID_QUERY');
    await expectError(await app.request('/api/search'), 400, 'INVALID_QUERY');
    await expectError(await app.request('/api/ingest', json({ documents: [] })), 400, 'INVALID_BODY');
    const body = (await (
      await app.request('/api/ingest', json({ documents: [{ name: 'empty.txt', content: '   ' }] }))
    ).json()) as {
      failed: { code: string }[];
    };
    expect(body.failed[0]!.code).toBe('DOCUMENT_EMPTY');
  });

  it('answers 503 when the server has no database', async () => {
    const bare = createApp({ scenarios: riverRegistry() });
    await expectError(await bare.app.request('/api/timeline'), 503, 'STORE_UNAVAILABLE');
  });
});

describe('jobs', () => {
  async function waitFor(id: string) {
    const res = await app.request(`/api/jobs/${id}/events`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    return res.text();
  }

  it('runs a space analysis as a job, streams progress by SSE, and serves the result', async () => {
    const start = await app.request(
      '/api/jobs',
      json({ kind: 'space', scenario: 'river-dispute', params: { points: 'none' } }),
    );
    expect(start.status).toBe(202);
    const job = (await start.json()) as { id: string; status: string };
    const stream = await waitFor(job.id);
    expect(stream).toMatch(/event: done/);
    const result = (await (await app.request(`/api/jobs/${job.id}/result`)).json()) as {
      job: { status: string };
      result: { outcomes: number };
    };
    expect(result.job.status).toBe('succeeded');
    expect(result.result.outcomes).toBe(18);
  });

  it('cancels a job before it runs', async () => {
    const job = (await (await app.request('/api/jobs', json({ kind: 'gmcr', scenario: 'river-gmcr' }))).json()) as {
      id: string;
    };
    const cancelled = (await (await app.request(`/api/jobs/${job.id}`, { method: 'DELETE' })).json()) as {
      status: string;
    };
    expect(cancelled.status).toBe('cancelled');
    expect(await waitFor(job.id)).toMatch(/event: cancelled/);
    await expectError(await app.request(`/api/jobs/${job.id}/result`), 409, 'JOB_NOT_DONE');
  });

  it('reports failures and unknown jobs', async () => {
    await expectError(
      await app.request('/api/jobs', json({ kind: 'gmcr', scenario: 'river-dispute' })),
      404,
      'NO_GMCR_SECTION',
    );
    await expectError(await app.request('/api/jobs', json({ kind: 'teleport' })), 400, 'INVALID_BODY');
    await expectError(await app.request('/api/jobs/job-zzz'), 404, 'UNKNOWN_JOB');
    await expectError(await app.request('/api/jobs/job-zzz/events'), 404, 'UNKNOWN_JOB');
  });
});

describe('limits, errors and OpenAPI', () => {
  it('refuses oversized bodies with 413', async () => {
    const big = 'x'.repeat(70 * 1024);
    await expectError(await app.request('/api/validate', json({ text: big })), 413, 'BODY_TOO_LARGE');
  });

  it('answers unknown API routes with JSON 404 and hides internal faults', async () => {
    await expectError(await app.request('/api/nothing'), 404, 'NOT_FOUND');
    const failing = createApp({
      scenarios: riverRegistry(),
      openStore: () => Promise.reject(new Error('secret path /var/lib/x')),
      logError: () => {},
    });
    const body = await expectError(await failing.app.request('/api/timeline'), 500, 'INTERNAL');
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('describes every route in OpenAPI with schemas from zod', async () => {
    const res = await app.request('/api/openapi.json');
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/scenarios',
      '/api/scenarios/{id}/evaluate',
      '/api/scenarios/{id}/space',
      '/api/jobs/{id}/events',
      '/api/timeline',
    ])
      expect(doc.paths).toHaveProperty([p]);
    const schema = JSON.stringify(doc.paths['/api/scenarios/{id}/evaluate']!.post!.requestBody);
    expect(schema).toContain('levers');
  });

  it('documents exactly the routes the modules mount', () => {
    const mounted = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/openapi.json')
        .map((r) => `${r.method} ${r.path}`),
    );
    // Each engine's own entries (with its parameter schema) are served by the generic engine routes.
    const generic = (path: string) =>
      path.replace(/^\/api\/engines\/[a-z][a-z0-9-]*\/(run|jobs)$/, '/api/engines/:engine/$1');
    const documented = new Set(routes.map((d) => `${d.method.toUpperCase()} ${generic(d.path)}`));
    expect([...mounted].sort()).toEqual([...documented].sort());
    // 24 routes before the engine routes; the set comparison above is what keeps docs and routes in step.
    expect(mounted.size).toBeGreaterThanOrEqual(24);
  });
});

describe('token', () => {
  const secured = createApp({ scenarios: riverRegistry(), token: 's3cret' }).app;

  it('answers 401 without the token and 200 with it', async () => {
    await expectError(await secured.request('/api/scenarios'), 401, 'UNAUTHORIZED');
    await expectError(
      await secured.request('/api/scenarios', { headers: { authorization: 'Bearer wrong' } }),
      401,
      'UNAUTHORIZED',
    );
    expect((await secured.request('/api/scenarios', { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
    await expectError(await secured.request('/api/openapi.json'), 401, 'UNAUTHORIZED');
  });

  it('accepts ?token= once and sets a cookie for the page and its assets', async () => {
    const first = await secured.request('/api/health?token=s3cret');
    expect(first.status).toBe(200);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/entente_token=s3cret/);
    expect(cookie).toMatch(/HttpOnly/i);
    const next = await secured.request('/api/health', { headers: { cookie: cookie.split(';')[0]! } });
    expect(next.status).toBe(200);
  });

  it('keeps CORS off unless origins are configured', async () => {
    const plain = await app.request('/api/health', { headers: { origin: 'http://evil.example' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const open = createApp({ scenarios: riverRegistry(), corsOrigins: ['http://ok.example'] }).app;
    const res = await open.request('/api/health', { headers: { origin: 'http://ok.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://ok.example');
  });
});

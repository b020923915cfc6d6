import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { hostAllowed } from '../src/host-check';
import { riverRegistry } from './fixtures';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { code: string; message: string };
  expect(body.code).toBe(code);
  return body;
}

const webRoot = mkdtempSync(path.join(os.tmpdir(), 'entente-web-'));
writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>workbench</title>');
afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

describe('Host and Origin allow-list (DNS rebinding)', () => {
  const { app } = createApp({ scenarios: riverRegistry(), webRoot });

  it('answers loopback names on any port', async () => {
    for (const host of ['localhost:4173', '127.0.0.1:4173', '[::1]:4173', 'LOCALHOST', '127.0.0.1'])
      expect((await app.request('/api/scenarios', { headers: { host } })).status).toBe(200);
  });

  it('refuses a rebound name, on the API and on the workbench page', async () => {
    const body = await expectError(
      await app.request('/api/scenarios', { headers: { host: 'evil.example:4173' } }),
      403,
      'HOST_NOT_ALLOWED',
    );
    expect(body.message).toContain('--allow-host evil.example');
    await expectError(await app.request('/', { headers: { host: 'attacker.test' } }), 403, 'HOST_NOT_ALLOWED');
    // A name that merely starts like a loopback name is another host.
    await expectError(
      await app.request('/api/scenarios', { headers: { host: 'localhost.evil.example' } }),
      403,
      'HOST_NOT_ALLOWED',
    );
  });

  it('refuses cross-site origins and accepts the page served by the server itself', async () => {
    const host = '127.0.0.1:4173';
    const same = await app.request(
      '/api/scenarios/river-dispute/evaluate',
      json({ terms: {} }, { host, origin: 'http://127.0.0.1:4173' }),
    );
    expect(same.status).not.toBe(403);
    await expectError(
      await app.request('/api/scenarios', { headers: { host, origin: 'http://evil.example' } }),
      403,
      'ORIGIN_NOT_ALLOWED',
    );
    await expectError(
      await app.request('/api/jobs', json({ kind: 'gmcr', scenario: 'river-gmcr' }, { host, origin: 'null' })),
      403,
      'ORIGIN_NOT_ALLOWED',
    );
    // Another port on the same machine is another origin.
    await expectError(
      await app.request('/api/scenarios', { headers: { host, origin: 'http://127.0.0.1:8080' } }),
      403,
      'ORIGIN_NOT_ALLOWED',
    );
  });

  it('accepts configured hosts, with or without a port, and CORS origins', async () => {
    const { app: open } = createApp({
      scenarios: riverRegistry(),
      allowedHosts: ['localhost', 'entente.lan:8080'],
      corsOrigins: ['https://dash.example'],
    });
    expect((await open.request('/api/scenarios', { headers: { host: 'entente.lan:8080' } })).status).toBe(200);
    await expectError(
      await open.request('/api/scenarios', { headers: { host: 'entente.lan:9090' } }),
      403,
      'HOST_NOT_ALLOWED',
    );
    await expectError(
      await open.request('/api/scenarios', { headers: { host: '127.0.0.1:8080' } }),
      403,
      'HOST_NOT_ALLOWED',
    );
    const cors = await open.request('/api/scenarios', {
      headers: { host: 'localhost:1', origin: 'https://dash.example' },
    });
    expect(cors.status).toBe(200);
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://dash.example');
  });

  it('matches IPv6 entries given with or without brackets', () => {
    expect(hostAllowed('[fe80::1]:4173', ['fe80::1'])).toBe(true);
    expect(hostAllowed('[fe80::2]:4173', ['fe80::1'])).toBe(false);
  });
});

describe('tokens', () => {
  it('refuses a blank token instead of serving without protection', () => {
    expect(() => createApp({ scenarios: riverRegistry(), token: '   ' })).toThrow(
      expect.objectContaining({ code: 'BLANK_TOKEN' }),
    );
  });
});

describe('job cap', () => {
  it('refuses jobs beyond the cap with 429 and Retry-After, and accepts again once one ends', async () => {
    // Analyses that never finish until cancelled, so that the running count stays put.
    const { app } = createApp({
      scenarios: riverRegistry(),
      maxRunningJobs: 2,
      runAnalysis: (_task, ctx) =>
        new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('cancelled')))),
    });
    const start = () => app.request('/api/jobs', json({ kind: 'gmcr', scenario: 'river-gmcr' }));
    const first = await start();
    expect(first.status).toBe(202);
    expect((await start()).status).toBe(202);
    const refused = await start();
    const body = await expectError(refused, 429, 'TOO_MANY_JOBS');
    expect(body.message).toContain('2 jobs');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const { id } = (await first.json()) as { id: string };
    await app.request(`/api/jobs/${id}`, { method: 'DELETE' });
    expect((await start()).status).toBe(202);
  });
});

describe('static files', () => {
  it('answers 400 for malformed percent-encoding in a page path', async () => {
    const { app } = createApp({ scenarios: riverRegistry(), webRoot });
    await expectError(await app.request('/%E0%A4%A'), 400, 'INVALID_PATH');
    await expectError(await app.request('/assets/%ZZ.js'), 400, 'INVALID_PATH');
    expect((await app.request('/overview')).status).toBe(200);
  });
});

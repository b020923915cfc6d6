import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createExtractionPool } from '@entente/runtime';
import { EvidenceStore } from '@entente/store';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { bulletinText, riverRegistry } from './fixtures';

const json = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-ingest-pool-'));
const pool = createExtractionPool({ threads: 1, minThreads: 0 });
// About 250 KB of ordinary prose: a second or more of extraction, long enough to overlap a request.
const largeArticle = Array.from({ length: Math.ceil(250_000 / bulletinText.length) }, () => bulletinText).join('\n\n');

function appWith(options: { offThread: boolean; timeoutMs?: number; db: string }) {
  return createApp({
    scenarios: riverRegistry(),
    openStore: () => EvidenceStore.open({ kind: 'sqlite', path: path.join(tmp, options.db) }),
    now: () => new Date('2025-06-01T12:00:00Z'),
    ...(options.offThread ? { extractDocument: (task, signal) => pool.extract(task, { signal }) } : {}),
    ...(options.timeoutMs ? { ingestTimeoutMs: options.timeoutMs } : {}),
  });
}

/** Sends a large ingest, then a health check once the ingest is under way; returns the order they finished in. */
async function finishingOrder(app: ReturnType<typeof appWith>['app']): Promise<string[]> {
  const order: string[] = [];
  const ingest = Promise.resolve(
    app.request(
      '/api/ingest',
      json({ documents: [{ name: 'large.txt', content: largeArticle, published: '2024-06-01' }] }),
    ),
  ).then(async (res) => {
    order.push(`ingest ${res.status}`);
    return res.json();
  });
  await new Promise((resolve) => setTimeout(resolve, 150));
  const health = Promise.resolve(app.request('/api/health')).then((res) => order.push(`health ${res.status}`));
  await Promise.all([ingest, health]);
  return order;
}

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const app of opened) await app.close();
  await pool.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('POST /api/ingest off the main thread', () => {
  it('answers another request while a large article is being read on a worker thread', async () => {
    // Warm the worker up (thread start, NLP model) so the ordering measures the extraction only.
    await pool.extract({ text: bulletinText });
    const server = appWith({ offThread: true, db: 'pool.db' });
    opened.push(server);
    expect(await finishingOrder(server.app)).toEqual(['health 200', 'ingest 200']);
  }, 60_000);

  it('blocks other requests when extraction runs in the server thread (what the pool avoids)', async () => {
    const server = appWith({ offThread: false, db: 'inline.db' });
    opened.push(server);
    expect(await finishingOrder(server.app)).toEqual(['ingest 200', 'health 200']);
  }, 60_000);

  it('refuses a document past its time budget with INGEST_TIMEOUT and reads the next one', async () => {
    const server = appWith({ offThread: true, timeoutMs: 100, db: 'budget.db' });
    opened.push(server);
    const slow = await server.app.request(
      '/api/ingest',
      json({ documents: [{ name: 'large.txt', content: largeArticle, published: '2024-06-01' }] }),
    );
    expect(slow.status).toBe(200);
    const body = (await slow.json()) as { documents: unknown[]; failed: { name: string; code: string }[] };
    expect(body.documents).toEqual([]);
    expect(body.failed).toEqual([expect.objectContaining({ name: 'large.txt', code: 'INGEST_TIMEOUT' })]);

    // The aborted worker is replaced: a generous budget reads the same pool's next document.
    const next = appWith({ offThread: true, timeoutMs: 30_000, db: 'budget.db' });
    opened.push(next);
    const ok = (await (
      await next.app.request(
        '/api/ingest',
        json({ documents: [{ name: 'bulletin.txt', content: bulletinText, published: '2024-06-01' }] }),
      )
    ).json()) as { documents: { events: number }[]; failed: unknown[] };
    expect(ok.failed).toEqual([]);
    expect(ok.documents[0]?.events).toBeGreaterThan(0);
  }, 60_000);
});

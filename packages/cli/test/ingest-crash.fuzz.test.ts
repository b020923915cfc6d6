import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli';

const ARTICLES = 30;
const ROUNDS = 10;

const month = fc.constantFrom('January', 'February', 'March', 'April', 'May', 'June');
const sentence = fc.oneof(
  fc
    .tuple(month, fc.integer({ min: 1, max: 28 }), fc.constantFrom('Russia', 'Ukraine', 'the United States'))
    .map(([m, d, who]) => `On ${m} ${d}, 2025, ${who} agreed to a prisoner exchange at the border.`),
  fc
    .tuple(month, fc.integer({ min: 1, max: 28 }))
    .map(([m, d]) => `Negotiators met in Istanbul on ${m} ${d}, 2025 to discuss a ceasefire.`),
  fc.nat(5000).map((n) => `"We will not give up ${n} square kilometres," Zelenskyy said.`),
  fc.lorem({ maxCount: 12 }).map((s) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`),
);

/** Generated articles (a fixed seed, so that a failure replays): dated events that recur across articles. */
function writeArticles(dir: string): void {
  const bodies = fc.sample(fc.array(sentence, { minLength: 4, maxLength: 14 }), { seed: 10, numRuns: ARTICLES });
  bodies.forEach((sentences, i) => {
    const ext = ['txt', 'md', 'html'][i % 3]!;
    const body = `Article ${i}.\n\n${sentences.join(' ')}\n`;
    const text =
      ext === 'html'
        ? `<html><head><title>Talks ${i}</title></head><body><p>${body}</p></body></html>`
        : ext === 'md'
          ? `---\ntitle: Talks ${i}\npublished: 2025-07-01\n---\n# Talks ${i}\n\n${body}`
          : body;
    writeFileSync(path.join(dir, `article-${String(i).padStart(3, '0')}.${ext}`), text);
  });
}

/** When to SIGKILL a run: after some milliseconds, or some milliseconds after its database file appears. */
type Kill = { afterMs: number } | { afterCreationMs: number };

/** Runs `entente ingest` on the folder, SIGKILLed as `kill` says (undefined: let it finish). */
function ingest(dir: string, db: string, kill?: Kill): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'packages/cli/bin/entente.js'), 'ingest', dir, '--db', db, '--json'],
      { cwd: repoRoot, env: { ...process.env, ENTENTE_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.resume();
    let timer: NodeJS.Timeout | undefined;
    if (kill && 'afterMs' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    // Polled every millisecond, so that the kill lands while the new database is being created and migrated.
    const poll =
      kill && 'afterCreationMs' in kill
        ? setInterval(() => {
            if (!existsSync(db)) return;
            clearInterval(poll);
            timer = setTimeout(() => child.kill('SIGKILL'), kill.afterCreationMs);
          }, 1)
        : undefined;
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, stdout });
    });
  });
}

/** What the database holds, after checking it is sound: SQLite's own checks, and every row tied to a document. */
function inspect(db: string) {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(conn.pragma('foreign_key_check')).toEqual([]);
    const tables = (
      conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    if (!tables.includes('events')) return { documents: 0, events: 0, sources: 0 };
    const one = (sql: string) => (conn.prepare(sql).pluck().get() as number) ?? 0;
    // Every event has a source, and every source points at a stored document.
    expect(
      one('SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id)'),
    ).toBe(0);
    expect(one('SELECT COUNT(*) FROM event_sources s WHERE s.document_id NOT IN (SELECT id FROM documents)')).toBe(0);
    expect(one('SELECT COUNT(*) FROM sentences s WHERE s.document_id NOT IN (SELECT id FROM documents)')).toBe(0);
    // A document is stored once: no two rows with the same text.
    expect(one('SELECT COUNT(*) - COUNT(DISTINCT content_hash) FROM documents')).toBe(0);
    return {
      documents: one('SELECT COUNT(*) FROM documents'),
      events: one('SELECT COUNT(*) FROM events'),
      sources: one('SELECT COUNT(*) FROM event_sources'),
    };
  } finally {
    conn.close();
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-crash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('crash consistency of entente ingest under SIGKILL', () => {
  it(`leaves a sound SQLite database after kills at ${ROUNDS} random moments; a re-run completes it`, async () => {
    const articles = path.join(tmp, 'articles');
    mkdirSync(articles);
    writeArticles(articles);

    const started = Date.now();
    const reference = await ingest(articles, path.join(tmp, 'reference.db'));
    const fullRunMs = Date.now() - started;
    expect(reference.code).toBe(0);
    const expected = inspect(path.join(tmp, 'reference.db'));
    expect(expected.documents).toBe(ARTICLES);
    expect(expected.events).toBeGreaterThan(10);

    // Kill moments spread over the whole run (a fixed seed replays them).
    const moments = fc.sample(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { seed: 42, numRuns: ROUNDS });
    const shared = path.join(tmp, 'shared.db');
    let killed = 0;
    for (const [round, fraction] of moments.entries()) {
      // Even rounds start a new database and complete it after the kill; odd rounds kill runs on
      // one database again and again, each resuming what the previous kill left.
      const fresh = round % 2 === 0;
      const db = fresh ? path.join(tmp, `round-${round}.db`) : shared;
      // Rounds 0, 4 and 8 aim at the creation of the database: killed 0 to 150 ms after its file appears, while migrations run.
      const kill =
        round % 4 === 0
          ? { afterCreationMs: Math.round(fraction * 150) }
          : { afterMs: Math.round(fraction * fullRunMs) };
      const run = await ingest(articles, db, kill);
      if (run.code === null) killed++;
      else expect(run.code).toBe(0); // finished before the kill
      if (existsSync(db)) inspect(db);
      if (fresh) {
        const rerun = await ingest(articles, db);
        expect(rerun.code, `round ${round} (killed at ${fraction.toFixed(2)} of the run)`).toBe(0);
        expect(inspect(db)).toEqual(expected);
      }
    }
    expect(killed).toBeGreaterThanOrEqual(ROUNDS / 2);
    // The database killed most often completes, and a second complete run stores nothing new (idempotence).
    expect((await ingest(articles, shared)).code).toBe(0);
    expect(inspect(shared)).toEqual(expected);
    const again = JSON.parse((await ingest(articles, shared)).stdout) as { documents: { added: boolean }[] };
    expect(again.documents).toHaveLength(ARTICLES);
    expect(again.documents.filter((d) => d.added)).toEqual([]);
    expect(inspect(shared)).toEqual(expected);
  }, 600_000);

  it('answers a database file that is not SQLite with exit 2 and no stack trace', () => {
    const bogus = path.join(tmp, 'bogus.db');
    writeFileSync(bogus, 'not a database at all, just text\n'.repeat(100));
    const r = runCli(['ingest', path.join(repoRoot, 'packages/ingest/test/fixtures/harbour-talks.md'), '--db', bogus]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EntenteError } from '@entente/core/errors';
import { extractFromText } from '@entente/ingest';
import Driver from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { exitOf, moduleUrl, spawnModule, waitForLine } from './child-process';
import { MIGRATION_TABLE } from './migrate';
import { migrations } from './migrations';
import { EvidenceStore } from './store';

const work = mkdtempSync(path.join(os.tmpdir(), 'entente-migrate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let fileNo = 0;
const newPath = () => path.join(work, `db-${++fileNo}.db`);
const LATEST = Object.keys(migrations('sqlite')).length;

const TEXT = 'Ukraine and Russia met in Istanbul on March 3, 2025. Russia struck Kyiv on 5 April 2025.';
const lexicon = {
  actors: [
    { id: 'ukraine', name: 'Ukraine', aliases: ['Kyiv'] },
    { id: 'russia', name: 'Russia', aliases: [] },
  ],
  issues: [],
};

/** Opens the store at `file` and proves it works: a document goes in, its events and its words come out. */
async function provesUsable(file: string): Promise<void> {
  const store = await EvidenceStore.open({ kind: 'sqlite', path: file });
  try {
    const extraction = extractFromText(TEXT, { published: '2025-06-01', lexicon });
    const stored = await store.addDocument(
      { source: 't', format: 'text', meta: { published: '2025-06-01' }, text: TEXT, extraction },
      new Date(0),
    );
    expect(stored.added).toBe(true);
    expect(await store.counts()).toMatchObject({ documents: 1, events: 2 });
    expect((await store.search('Istanbul')).length).toBe(1);
  } finally {
    await store.close();
  }
}

/** What an older, non-transactional run left when killed inside the first migration: some tables, no record. */
function halfCreated(file: string, withData: boolean): void {
  const db = new Driver(file);
  db.exec(`CREATE TABLE ${MIGRATION_TABLE} (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`);
  db.exec('CREATE TABLE kysely_migration_lock (id varchar(255) NOT NULL PRIMARY KEY, is_locked integer DEFAULT 0)');
  db.exec(
    'CREATE TABLE documents (id text PRIMARY KEY, content_hash text NOT NULL UNIQUE, source text NOT NULL, title text, outlet text, url text, published text, format text NOT NULL, text text NOT NULL, ingested_at text NOT NULL)',
  );
  db.exec('CREATE TABLE sentences (id integer PRIMARY KEY, document_id text NOT NULL, idx integer NOT NULL)');
  if (withData) db.exec(`INSERT INTO documents VALUES ('d1', 'h1', 's', NULL, NULL, NULL, NULL, 'text', 'x', 'now')`);
  db.close();
}

async function openError(file: string): Promise<EntenteError> {
  const error = await EvidenceStore.open({ kind: 'sqlite', path: file }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EntenteError);
  return error as EntenteError;
}

/** The number of migrations recorded in a file (opened for writing, as any run would, so a killed WAL is recovered). */
function versionOf(file: string): number {
  const db = new Driver(file, { fileMustExist: true });
  try {
    const table = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(MIGRATION_TABLE);
    return table ? (db.prepare(`SELECT count(*) AS n FROM ${MIGRATION_TABLE}`).get() as { n: number }).n : 0;
  } finally {
    db.close();
  }
}

function recorded(file: string): string[] {
  const db = new Driver(file, { readonly: true });
  try {
    return (db.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    db.close();
  }
}

describe('SQLite migrations', () => {
  it('records one version per migration on a new database', async () => {
    const file = newPath();
    await provesUsable(file);
    expect(recorded(file)).toEqual(Object.keys(migrations('sqlite')).sort());
  });

  it('rebuilds a database an older run left half-created without data (it used to fail with "already exists")', async () => {
    const file = newPath();
    halfCreated(file, false);
    await provesUsable(file);
    expect(recorded(file)).toHaveLength(LATEST);
  });

  it('rebuilds a half-applied later migration when the database holds no data', async () => {
    const file = newPath();
    // Migrations 1–2 recorded, 3 half-applied (its column added, its record missing), as a kill left it.
    const store = await EvidenceStore.open({ kind: 'sqlite', path: file });
    await store.close();
    const raw = new Driver(file);
    raw.exec(`DELETE FROM ${MIGRATION_TABLE} WHERE name >= '0003'`);
    raw.exec('ALTER TABLE events DROP COLUMN status');
    raw.exec('DROP INDEX events_merge_key');
    raw.close();
    await provesUsable(file);
    expect(recorded(file)).toHaveLength(LATEST);
  });

  it('reports a half-created database that holds data precisely, and leaves it untouched', async () => {
    const file = newPath();
    halfCreated(file, true);
    const error = await openError(file);
    expect(error.code).toBe('DATABASE_INCOMPLETE');
    expect(error.message).toContain('half-migrated');
    expect(error.message).toContain('documents');
    expect(error.message).not.toMatch(/writable/);
    const db = new Driver(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses a database made by a newer Entente, naming the unknown migration', async () => {
    const file = newPath();
    await provesUsable(file);
    const db = new Driver(file);
    db.prepare(`INSERT INTO ${MIGRATION_TABLE} VALUES ('9999_from_the_future', 'now')`).run();
    db.close();
    const error = await openError(file);
    expect(error.code).toBe('DATABASE_INVALID');
    expect(error.message).toContain('9999_from_the_future');
  });

  it('lets two processes create the same new database at once', async () => {
    const file = newPath();
    const code = `const { openDatabase } = await import(${JSON.stringify(moduleUrl('open-database.ts'))});
      const opened = await openDatabase({ kind: 'sqlite', path: process.argv.at(-1) });
      await opened.db.destroy();
      console.log('open');`;
    const children = [spawnModule(code, [file]), spawnModule(code, [file]), spawnModule(code, [file])];
    await Promise.all(children.map((c) => waitForLine(c, 'open')));
    await Promise.all(children.map(exitOf));
    expect(recorded(file)).toHaveLength(LATEST);
    await provesUsable(file);
  });
});

describe('SQLite crash consistency', () => {
  // The child loads everything first, says "ready", then creates and migrates a new database.
  const child = `const { openDatabase } = await import(${JSON.stringify(moduleUrl('open-database.ts'))});
    await import('better-sqlite3');
    const started = performance.now();
    console.log('ready');
    const opened = await openDatabase({ kind: 'sqlite', path: process.argv.at(-1) });
    console.log('open ' + (performance.now() - started).toFixed(1));
    await opened.db.destroy();`;

  it('leaves every database killed while being created usable or precisely reported (20 random kills)', async () => {
    // How long creating takes on this machine, so the kills spread over the whole of it.
    const probe = spawnModule(child, [newPath()]);
    let creation = 0;
    probe.stdout?.on('data', (chunk: Buffer) => {
      const match = /open ([\d.]+)/.exec(chunk.toString());
      if (match) creation = Number(match[1]);
    });
    expect(await exitOf(probe)).toBe(0);
    expect(creation).toBeGreaterThan(0);

    // What each kill left, by recorded schema version ("none": killed before the file was made).
    const outcomes: Record<string, number> = {};
    const round = async (n: number) => {
      const file = newPath();
      const proc = spawnModule(child, [file]);
      await waitForLine(proc, 'ready');
      const delay = Math.random() * creation * 2;
      await new Promise((resolve) => setTimeout(resolve, delay));
      proc.kill('SIGKILL');
      await exitOf(proc);
      const state = existsSync(file) ? `version ${versionOf(file)}` : 'none';
      outcomes[state] = (outcomes[state] ?? 0) + 1;
      // Every file must open and work; no data was ever in it, so nothing may be reported either.
      await provesUsable(file).catch((error: unknown) => {
        throw new Error(`round ${n} (killed after ${delay.toFixed(1)} ms, ${state}): ${String(error)}`);
      });
    };
    // Two rounds at a time: most of a round is the child's start-up.
    for (let n = 0; n < 20; n += 2) await Promise.all([round(n), round(n + 1)]);
    console.log(`crash consistency: creating takes ${creation} ms; 20 kills left`, outcomes);
  }, 180_000);
});

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const fixtures = path.join(repoRoot, 'packages/ingest/test/fixtures');
const work = mkdtempSync(path.join(os.tmpdir(), 'entente-cli-ingest-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function entente(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'packages/cli/bin/entente.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('entente ingest, timeline and search end to end', () => {
  const db = path.join(work, 'evidence.db');
  const lexicon = path.join(fixtures, 'lexicon.yaml');

  it('ingests a Markdown article with front-matter and prints the JSON contract', () => {
    const r = entente(['ingest', path.join(fixtures, 'harbour-talks.md'), '--scenario', lexicon, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.failed).toEqual([]);
    const doc = out.documents[0];
    expect(doc).toMatchObject({
      title: 'Harbour talks resume after a quiet winter',
      published: '2025-03-12',
      added: true,
    });
    expect(
      doc.events.map((e: { date: string; precision: string; type: string }) => `${e.date}/${e.precision}/${e.type}`),
    ).toEqual([
      '2025-03-03/day/meeting',
      '2025-03-05/day/ceasefire',
      '2024-09/month/prisoner_exchange',
      '2024/year/meeting',
    ]);
    expect(doc.quotes.map((q: { speaker: string; text: string }) => [q.speaker, q.text])).toEqual([
      ['Peskov', 'We are ready to keep the corridor open'],
      ['Zelenskyy', 'Ukraine will not trade land for calm.'],
    ]);
    expect(doc.figures).toContainEqual(
      expect.objectContaining({ min: 1200, max: 1500, kind: 'casualties', unit: 'civilians' }),
    );
  });

  it('merges the follow-up HTML article into the same event and shows it in the timeline', () => {
    const r = entente([
      'ingest',
      path.join(fixtures, 'harbour-followup.html'),
      '--published',
      '2025-03-12',
      '--scenario',
      lexicon,
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/added [0-9a-f]{16} "Port truce holds & talks go on"/);
    const t = JSON.parse(
      entente(['timeline', '--db', db, '--json', '--from', '2025-03-01', '--actor', 'turkey']).stdout,
    );
    expect(t.events).toHaveLength(1);
    expect(t.events[0]).toMatchObject({ date: '2025-03-03', precision: 'day', type: 'meeting' });
    expect(t.events[0].sources).toHaveLength(2);
    // An alias the stored articles used works without --scenario.
    const byAlias = JSON.parse(
      entente(['timeline', '--db', db, '--json', '--from', '2025-03-01', '--actor', 'Istanbul']).stdout,
    );
    expect(byAlias.events).toEqual(t.events);
  });

  it('adds nothing when the same file is ingested again', () => {
    const before = JSON.parse(entente(['timeline', '--db', db, '--json']).stdout);
    const r = entente(['ingest', path.join(fixtures, 'harbour-talks.md'), '--db', db, '--json']);
    expect(JSON.parse(r.stdout).documents[0].added).toBe(false);
    expect(JSON.parse(entente(['timeline', '--db', db, '--json']).stdout)).toEqual(before);
  });

  it('searches sentences and quotes', () => {
    const r = entente(['search', 'corridor', 'open', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout).hits;
    expect(hits.some((h: { kind: string; speaker?: string }) => h.kind === 'quote' && h.speaker === 'Peskov')).toBe(
      true,
    );
  });

  it('reports bad files in a batch, carries on, exits 2 and keeps what was stored', () => {
    const batch = path.join(work, 'batch');
    mkdirSync(batch);
    copyFileSync(path.join(fixtures, 'harbour-talks.md'), path.join(batch, 'a-good.md'));
    writeFileSync(path.join(batch, 'b-empty.txt'), '');
    writeFileSync(path.join(batch, 'c-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    writeFileSync(path.join(batch, 'd-good.txt'), 'Ukraine and Russia held talks in 2023 about grain.');
    const unreadable = path.join(batch, 'e-locked.txt');
    writeFileSync(unreadable, 'secret');
    chmodSync(unreadable, 0o000);
    const batchDb = path.join(work, 'batch.db');
    const r = entente(['ingest', batch, '--db', batchDb, '--json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.documents.map((d: { source: string }) => path.basename(d.source))).toEqual(
      process.getuid?.() === 0 ? ['a-good.md', 'd-good.txt', 'e-locked.txt'] : ['a-good.md', 'd-good.txt'],
    );
    const failed = Object.fromEntries(
      out.failed.map((f: { path: string; code: string }) => [path.basename(f.path), f.code]),
    );
    expect(failed['b-empty.txt']).toBe('DOCUMENT_EMPTY');
    expect(failed['c-binary.txt']).toBe('DOCUMENT_BINARY');
    if (process.getuid?.() !== 0) expect(failed['e-locked.txt']).toBe('FILE_UNREADABLE');
    const again = entente(['search', 'grain', '--db', batchDb, '--json']);
    expect(JSON.parse(again.stdout).hits.length).toBeGreaterThan(0);
  });

  it('rejects an invalid date flag with exit 2 before touching the database', () => {
    const r = entente([
      'ingest',
      path.join(fixtures, 'harbour-talks.md'),
      '--published',
      '2025-13-01',
      '--db',
      path.join(work, 'never.db'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a real date.*\[INVALID_DATE\]/);
    expect(r.stdout).toBe('');
  });

  it('reports a missing file with exit 2', () => {
    const r = entente(['ingest', path.join(work, 'missing.txt'), '--db', db, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).failed[0].code).toBe('FILE_NOT_FOUND');
  });

  it('says clearly when the database path cannot be written', () => {
    const blocker = path.join(work, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const r = entente(['ingest', path.join(fixtures, 'harbour-talks.md'), '--db', path.join(blocker, 'sub', 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[DATABASE_UNWRITABLE\]/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says clearly when a file is not a database, and leaves it untouched', () => {
    const fake = path.join(work, 'fake.db');
    writeFileSync(fake, 'this is not sqlite '.repeat(100));
    const r = entente(['timeline', '--db', fake]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[DATABASE_INVALID\]/);
  });

  it('says clearly when PostgreSQL refuses the connection', () => {
    const r = entente(['timeline', '--db', 'postgres://nobody:x@127.0.0.1:1/none']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused the connection.*\[DATABASE_UNREACHABLE\]/);
    expect(r.stderr).not.toContain(':x@');
  });
});

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('commands that only read the evidence database', () => {
  it('refuse a path with no database instead of creating an empty one', () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'entente-')), 'typo.db');
    for (const args of [['timeline'], ['search', 'ceasefire']]) {
      const r = runCli([...args, '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/No evidence database at .*typo\.db.*\[DB_NOT_FOUND\]/);
    }
    expect(existsSync(db)).toBe(false);
  });
});

describe('entente ingest --scenario', () => {
  it('refuses an invalid scenario rather than reading its bare lists', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'entente-'));
    const article = path.join(dir, 'a.txt');
    writeFileSync(article, 'Talks resumed in Geneva on 3 March 2025.\n');
    const r = runCli([
      'ingest',
      article,
      '--scenario',
      'packages/core/src/scenario/fixtures/broken/negative-weight.yaml',
      '--db',
      path.join(dir, 'e.db'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NEGATIVE_WEIGHT/);
  });
});

describe('entente ingest of a text already stored', () => {
  it('says when the publication date given now differs from the stored one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'entente-'));
    const article = path.join(dir, 'a.txt');
    const db = path.join(dir, 'e.db');
    writeFileSync(article, 'Talks resumed in Geneva on Monday.\n');
    expect(runCli(['ingest', article, '--db', db, '--published', '2025-03-05']).code).toBe(0);
    const again = runCli(['ingest', article, '--db', db, '--published', '2025-03-12']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged \(already stored\)/);
    expect(again.stderr).toMatch(
      /already stored \(same text\) with publication date 2025-03-05.*2025-03-12 is not applied/,
    );
  });
});

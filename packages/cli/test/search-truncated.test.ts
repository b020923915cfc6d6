import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('entente search cut at --limit', () => {
  it('says when more hits match than it shows, in the text and the JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'entente-'));
    const article = path.join(dir, 'a.txt');
    const db = path.join(dir, 'e.db');
    writeFileSync(
      article,
      'Talks on the river resumed in Geneva on Monday.\n\nThe river dams were discussed on Tuesday.\n\nA river commission met on Friday.\n',
    );
    expect(runCli(['ingest', article, '--db', db, '--published', '2025-03-05']).code).toBe(0);
    const cut = runCli(['search', 'river', '--limit', '1', '--db', db]);
    expect(cut.code).toBe(0);
    expect(cut.stdout).toMatch(/Showing the first 1 hits; more match: raise --limit/);
    // The JSON says so too (the API test covers a page that is not cut).
    const json = JSON.parse(runCli(['search', 'river', '--limit', '1', '--json', '--db', db]).stdout) as {
      hits: unknown[];
      truncated: boolean;
    };
    expect(json.hits).toHaveLength(1);
    expect(json.truncated).toBe(true);
  });
});

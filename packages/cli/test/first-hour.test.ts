import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasShared, repoRoot, runCli, sharedDir } from './run-cli';

const flagship = path.join(repoRoot, 'scenarios/ukraine-2025/scenario.yaml');
const strike = path.join(repoRoot, 'scenarios/port-strike/scenario.yaml');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'entente-j-'));

describe('entente validate without the source texts', () => {
  // A copy of the flagship far from any shared/seeds folder, as in a user's clone without the articles.
  const dir = tmp();
  const copy = path.join(dir, 'scenario.yaml');
  copyFileSync(flagship, copy);
  const env = { ENTENTE_SOURCES_DIR: '' };

  it('exits 0 but says how many quotes were not checked, which sources are missing and where they were sought', () => {
    const r = runCli(['validate', copy], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/WARNING: 296 of 296 quotes were NOT checked: no text was found for 5 sources/);
    expect(r.stdout).toContain('001_83039b644387e352.txt');
    expect(r.stdout).toContain('Ukraine Peace Talks Stall');
    expect(r.stdout).toContain(`${dir}  (beside the scenario)`);
    expect(r.stdout).toMatch(/--sources DIR.*ENTENTE_SOURCES_DIR/s);
    expect(r.stdout).toMatch(/valid \(296 quotes not checked/);
  });

  it('fails with --require-sources, in text and JSON', () => {
    const r = runCli(['validate', copy, '--require-sources'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[SOURCES_NOT_FOUND\]/);
    const j = runCli(['validate', copy, '--require-sources', '--json'], { env });
    expect(j.code).toBe(2);
    const doc = JSON.parse(j.stdout);
    expect(doc.error).toBe('SOURCES_NOT_FOUND');
    expect(doc.quotes.missingSources.map((m: { id: string }) => m.id)).toEqual([
      'src-000',
      'src-001',
      'src-002',
      'src-003',
      'src-004',
    ]);
    expect(doc.quotes.searched[0]).toBe(dir);
  });

  it.skipIf(!hasShared)('checks every quote when --sources points at the texts', () => {
    const r = runCli(['validate', copy, '--require-sources', '--sources', path.join(sharedDir, 'seeds')], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('quotes: 296 checked against source texts, 0 not checked');
    expect(r.stdout).not.toContain('NOT checked');
  });
});

describe('entente analyze output', () => {
  it('leads with the summary, then the sources, and fits 100 columns when piped', () => {
    const r = runCli(['analyze', strike]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[3]).toBe('Summary');
    expect(lines.indexOf('Sources')).toBeLessThan(lines.indexOf('Actors and their stakes'));
    expect(lines.filter((l) => l.length > 100)).toEqual([]);
  });

  it('speaks of no agreement, not of fighting, for a strike', () => {
    const r = runCli(['analyze', strike]);
    expect(r.stdout).not.toMatch(/fight/i);
    expect(r.stdout).toContain('Agreement space: is there a deal every party prefers to no agreement?');
    expect(r.stdout).toContain('what no agreement is worth to it');
    expect(r.stdout).toContain('must change shift_length from twelve_hour');
  });

  it('writes Markdown to a .md file and refuses contradictory formats', () => {
    const out = path.join(tmp(), 'report.md');
    expect(runCli(['analyze', strike, '-o', out]).code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^# Northhaven dock strike/);
    expect(md).toContain('## Summary');
    expect(md).toMatch(/\n\| party \| utility \| weighed against \|/);
    const both = runCli(['analyze', strike, '--json', '--format', 'md']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--json contradicts --format md.*\[CONTRADICTORY_OPTIONS\]/);
    const ext = runCli(['analyze', strike, '--format', 'text', '-o', path.join(tmp(), 'r.md')]);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toMatch(/contradicts the extension.*\[CONTRADICTORY_OPTIONS\]/);
  });

  it('writes one self-contained HTML page to a .html file, and refuses a contradicting extension', () => {
    const dir = tmp();
    const out = path.join(dir, 'report.html');
    expect(runCli(['analyze', strike, '-o', out]).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    for (const chart of ['margins', 'backtest', 'space']) expect(html).toContain(`data-chart="${chart}"`);
    expect(html).not.toMatch(/<script|<link|src=/i);
    // Byte-identical reruns are checked in core (render-html.test.ts), where they cost no process.
    const wrong = runCli(['analyze', strike, '--format', 'html', '-o', path.join(dir, 'r.md')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/\[CONTRADICTORY_OPTIONS\]/);
  });
});

describe('no silent guesses', () => {
  it('refuses --limit that is not a whole number from 1 to 1000', () => {
    for (const limit of ['abc', '0', '1001']) {
      const r = runCli(['search', 'strike', '--limit', limit, '--db', path.join(tmp(), 'none.db')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--limit "${limit}" is not a whole number from 1 to 1000. [INVALID_OPTION]`);
    }
  });

  it('refuses a one-party agreement space', () => {
    const r = runCli(['space', strike, '--parties', 'dockworkers_union']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least two parties.*\[INVALID_PARAMS\]/);
  });

  it('refuses unknown actors and issues in timeline filters, suggesting the nearest, and accepts aliases', () => {
    const dir = tmp();
    const db = path.join(dir, 'e.db');
    const article = path.join(repoRoot, 'scenarios/port-strike/harbour-gazette.txt');
    expect(runCli(['ingest', article, '--scenario', strike, '--db', db, '--published', '2025-10-14']).code).toBe(0);
    const all = JSON.parse(runCli(['timeline', '--db', db, '--json']).stdout).events as { actors: string[] }[];
    const withUnion = all.filter((e) => e.actors.includes('dockworkers_union')).length;
    expect(withUnion).toBeGreaterThan(0);

    const typo = runCli(['timeline', '--db', db, '--actor', 'dockworker_union']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean dockworkers_union\?.*\[UNKNOWN_ACTOR\]/);
    const issue = runCli(['timeline', '--db', db, '--issue', 'wages']);
    expect(issue.code).toBe(2);
    expect(issue.stderr).toMatch(/\[UNKNOWN_ISSUE\]/);

    const alias = runCli(['timeline', '--db', db, '--actor', 'the union', '--scenario', strike, '--json']);
    expect(alias.code).toBe(0);
    expect(JSON.parse(alias.stdout).events).toHaveLength(withUnion);
    const id = runCli(['timeline', '--db', db, '--actor', 'dockworkers_union', '--json']);
    expect(JSON.parse(id.stdout).events).toHaveLength(withUnion);
  });
});

describe('the port-strike example', () => {
  it('validates with every quote checked and warns about the operators’ status quo', () => {
    const r = runCli(['validate', strike, '--require-sources']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('quotes: 23 checked against source texts, 0 not checked');
    expect(r.stdout).toMatch(/warning STATUS_QUO_FAR_ABOVE_WALK_AWAY at preferences\.port_operators\.noDeal/);
  });

  it('reproduces its recorded answers', () => {
    const r = runCli(['backtest', strike, '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.correct).toBe(doc.scored);
    expect(doc.scored).toBe(4);
  });
});

describe('entente gmcr text output', () => {
  it('names states by their options in words, in plain English, within 100 columns', () => {
    const r = runCli(['gmcr', flagship]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('coalitionalImprovements');
    expect(r.stdout).toMatch(/NASH equilibria \(\d+\): \d+ \[Russia: /);
    expect(r.stdout).toMatch(/From the status quo \d+ \[/);
    expect(r.stdout.split('\n').filter((l) => l.length > 100)).toEqual([]);
  });
});

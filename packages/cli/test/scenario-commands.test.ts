import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasShared, runCli } from './run-cli';

const fixture = 'packages/core/src/scenario/fixtures/river-dispute.yaml';
const broken = (name: string) => `packages/core/src/scenario/fixtures/broken/${name}`;
const flagship = 'scenarios/ukraine-2025/scenario.yaml';

describe('entente validate', () => {
  it('exits 0 on a valid scenario and says how many quotes it checked', () => {
    const r = runCli(['validate', fixture]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/11 checked/);
    expect(r.stdout).toMatch(/valid/);
  });

  it('exits 2 with file:line:column and code for a broken scenario, and no stack trace', () => {
    const r = runCli(['validate', broken('negative-weight.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/negative-weight\.yaml:\d+:\d+: error NEGATIVE_WEIGHT/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });

  it('prints exactly one JSON document with --json', () => {
    const r = runCli(['validate', broken('option-of-other-issue.yaml'), '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.issues[0]).toMatchObject({
      code: 'OPTION_OF_OTHER_ISSUE',
      line: expect.any(Number),
      column: expect.any(Number),
    });
  });

  it('reports a missing file as bad input', () => {
    const r = runCli(['validate', 'no/such/file.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No scenario file at no\/such\/file\.yaml/);
  });

  it.skipIf(!hasShared)('validates the flagship scenario with every quote found in its seed', () => {
    const r = runCli(['validate', flagship, '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    expect(doc.quotes.unchecked).toBe(0);
    expect(doc.quotes.checked).toBeGreaterThan(50);
  });
});

describe('entente evaluate', () => {
  it('evaluates a recorded proposal with observed answers beside the predictions', () => {
    const r = runCli(['evaluate', fixture, '--proposal', 'grand_bargain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/north\s+0\.500\s+0\.700\s+-0\.200\s+-\s+rejected\s+\S+\s+rejected/);
    expect(r.stdout).toMatch(/Northland would reject/);
  });

  it('evaluates --terms and --file the same way', () => {
    const a = JSON.parse(runCli(['evaluate', fixture, '--terms', 'truce=partial', '--json']).stdout);
    const dir = mkdtempSync(path.join(tmpdir(), 'entente-'));
    writeFileSync(path.join(dir, 'p.yaml'), 'title: dams only\nterms:\n  truce: partial\n');
    const b = JSON.parse(runCli(['evaluate', fixture, '--file', path.join(dir, 'p.yaml'), '--json']).stdout);
    expect(a.changed).toEqual(['truce']);
    expect(b.actors).toEqual(a.actors);
    writeFileSync(path.join(dir, 'bad.yaml'), 'terms: [1, 2]\n');
    const bad = runCli(['evaluate', fixture, '--file', path.join(dir, 'bad.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/must hold a mapping with `terms/);
  });

  it('rejects bad terms with exit 2 and a helpful message', () => {
    const r = runCli(['evaluate', fixture, '--terms', 'truce=forever']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Issue "truce" has no option "forever"; use one of: none, partial, full/);
    expect(runCli(['evaluate', fixture]).code).toBe(2);
    expect(runCli(['evaluate', fixture, '--terms', 'truce']).code).toBe(2);
  });

  it('applies levers from the command line', () => {
    const r = JSON.parse(
      runCli(['evaluate', fixture, '--terms', 'truce=partial', '--levers', 'broker_aid=2', '--json']).stdout,
    );
    expect(r.actors.find((a: { actor: string }) => a.actor === 'south').answer).toBe('rejected');
  });
});

describe('entente backtest', () => {
  it('prints accuracy as a number in [0,1] with per-actor figures', () => {
    const r = runCli(['backtest', fixture, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.accuracy).toBeCloseTo(0.75, 12);
    expect(doc.byActor.north.accuracy).toBe(1);
    expect(doc.comparisons).toHaveLength(4);
  });

  // The backtest reads no seed text, so it runs in every clone.
  it('reproduces every response the articles report on the flagship scenario', () => {
    const doc = JSON.parse(runCli(['backtest', flagship, '--json']).stdout);
    expect(doc.scored).toBe(45);
    expect(doc.comparisons.filter((c: { match: boolean }) => !c.match)).toEqual([]);
    expect(doc.accuracy).toBe(1);
  });
});

describe('entente show and schema', () => {
  it('shows the normalised scenario with normalised weights', () => {
    const doc = JSON.parse(runCli(['show', fixture, '--json']).stdout);
    expect(doc.normalisedWeights.north.water).toBeCloseTo(0.6, 12);
    expect(doc.actors[2].aliases).toEqual([]);
  });
  it('prints the JSON Schema', () => {
    const doc = JSON.parse(runCli(['schema']).stdout);
    expect(doc.properties.actors.type).toBe('array');
  });
  it('exits 2 on an unknown command or option', () => {
    expect(runCli(['frobnicate']).code).toBe(2);
    expect(runCli(['show', fixture, '--bogus']).code).toBe(2);
  });
});

describe('entente analyze', () => {
  it('writes the report as Markdown and JSON, and never overwrites a file without --force', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'entente-'));
    const out = path.join(dir, 'report.md');
    expect(runCli(['analyze', fixture, '--format', 'md', '-o', out]).code).toBe(0);
    const again = runCli(['analyze', fixture, '--format', 'md', '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(runCli(['analyze', fixture, '--format', 'md', '-o', out, '--force']).code).toBe(0);
    const json = JSON.parse(runCli(['analyze', fixture, '--json']).stdout);
    expect(json.backtest.accuracy).toBeCloseTo(0.75, 12);
    expect(json.stakes.map((s: { actor: string }) => s.actor)).toEqual(['north', 'south']);
    const text = runCli(['analyze', fixture]).stdout;
    expect(text).toMatch(/Northland would reject/);
    expect(text).toMatch(/Will not accept water = "South takes all"/);
  });

  it('rejects an unknown format', () => {
    expect(runCli(['analyze', fixture, '--format', 'pdf']).code).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const ref = path.resolve(root, '../shared/reference/negotiation');
const hasReference = existsSync(path.join(ref, 'expected', 'FORMAT.md'));
if (!hasReference) console.warn(`negotiation reference not found at ${ref}; skipping the reference CLI checks`);

const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'packages/cli/bin/entente.js'), 'domain', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
const asc = (xs: number[]) => xs.slice().sort((a, b) => a - b);

function expectedFor(id: string) {
  const exp = JSON.parse(readFileSync(path.join(ref, 'expected', `${id}.json`), 'utf8'));
  const pair = exp.pairs[0];
  return {
    exp,
    pair,
    args: [exp.domain_file, ...pair.profiles.map((j: number) => exp.profiles[j].file)].map((f: string) =>
      path.join(ref, 'domains', f),
    ),
  };
}

const DOMAIN = `<negotiation_template><utility_space><objective index="0" name="d">
<issue index="1" name="a" type="discrete"><item index="1" value="x"/><item index="2" value="y"/></issue>
<issue index="2" name="b" type="discrete"><item index="1" value="x"/><item index="2" value="y"/></issue>
</objective></utility_space></negotiation_template>`;
const profile = (w1: string, extra = '') => `<utility_space><objective index="0" name="d">
<issue index="1" name="a"><item value="x" evaluation="1"/><item value="y" evaluation="2"/></issue>
<issue index="2" name="b"><item value="x" evaluation="2"/><item value="y" evaluation="1"/></issue>${extra}
<weight index="1" value="${w1}"/><weight index="2" value="0.5"/></objective></utility_space>`;

function tempFiles(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'entente-domain-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return [name, file];
    }),
  );
}

function expectInputError(res: ReturnType<typeof run>, file: string, pattern: RegExp) {
  expect(res.status).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr).toContain(file);
  expect(res.stderr).toMatch(pattern);
  expect(res.stderr).not.toMatch(/\n\s+at /);
}

describe('entente domain', () => {
  it('analyses a small hand-written domain, human-readable and --json', () => {
    const f = tempFiles({
      'd.xml': DOMAIN,
      'p1.xml': profile('0.5'),
      'p2.xml': profile('0.5').replace(
        'evaluation="1"/><item value="y" evaluation="2"',
        'evaluation="2"/><item value="y" evaluation="1"',
      ),
    });
    const human = run(f['d.xml']!, f['p1.xml']!, f['p2.xml']!);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/outcomes: 4/);
    const doc = JSON.parse(run(f['d.xml']!, f['p1.xml']!, f['p2.xml']!, '--json').stdout);
    expect(doc.outcomes).toBe(4);
    // p1 likes (y, x) = outcome 2 best; p2 likes (x, x) = outcome 0: both are Pareto-optimal.
    expect(doc.pareto).toEqual(expect.arrayContaining([0, 2]));
    for (const key of ['nash', 'kalaiSmorodinsky', 'egalitarian', 'welfare'])
      for (const o of doc[key]) expect(doc.pareto).toContain(o);
  });

  it.skipIf(!hasReference)('--json matches the reference (Genius XML, textbook and Genius variants)', () => {
    for (const id of ['anac_y2011_Car', 'anac_y2010_ItexvsCypress']) {
      const { pair, args } = expectedFor(id);
      const doc = JSON.parse(run(...args, '--json').stdout);
      expect(doc.outcomes).toBe(pair.n_outcomes);
      expect(doc.pareto).toEqual(asc(pair.pareto.outcomes));
      expect(doc.nash).toEqual(asc(pair.nash.outcomes));
      expect(doc.kalaiSmorodinsky).toEqual(asc(pair.ks.outcomes));
      expect(doc.egalitarian).toEqual(asc(pair.egalitarian.outcomes));
      expect(doc.welfare).toEqual(asc(pair.max_welfare_rational.outcomes));
      expect(doc.solutions.nash.points[0].utilities[0]).toBeCloseTo(pair.nash.utilities[0][0], 9);
      const g = JSON.parse(run(...args, '--variant', 'genius', '--json').stdout);
      expect(g.nash).toEqual(asc(pair.nash_genius.outcomes));
      expect(g.kalaiSmorodinsky).toEqual(asc(pair.ks_genius.outcomes));
      expect(g.welfare).toEqual(asc(pair.max_welfare.outcomes));
    }
  });

  it.skipIf(!hasReference)('reads GeniusWeb JSON and gives the same answer through worker threads', () => {
    const { pair, args } = expectedFor('geniusweb_Fitness');
    const doc = JSON.parse(run(...args, '--json').stdout);
    expect(doc.pareto).toEqual(asc(pair.pareto.outcomes));
    expect(doc.nash).toEqual(asc(pair.nash.outcomes));
    expect(doc.zone.count).toBe(pair.n_rational);
    const viaWorkers = JSON.parse(run(...args, '--workers', '2', '--json').stdout);
    expect(viaWorkers).toEqual(doc);
  });

  it('rejects malformed XML with the file and position, exit 2', () => {
    const f = tempFiles({
      'd.xml': DOMAIN,
      'ok.xml': profile('0.5'),
      'bad.xml': '<utility_space><objective></utility_space>',
    });
    expectInputError(run(f['d.xml']!, f['ok.xml']!, f['bad.xml']!), f['bad.xml']!, /Malformed XML.*closing tag/);
  });

  it('rejects a profile whose issues do not match the domain', () => {
    const other = profile('0.5').replace('name="b"', 'name="c"');
    const f = tempFiles({ 'd.xml': DOMAIN, 'ok.xml': profile('0.5'), 'p.xml': other });
    expectInputError(run(f['d.xml']!, f['ok.xml']!, f['p.xml']!), f['p.xml']!, /named "c" but the domain calls it "b"/);
  });

  it('rejects negative weights, naming the element', () => {
    const f = tempFiles({ 'd.xml': DOMAIN, 'ok.xml': profile('0.5'), 'p.xml': profile('-0.5') });
    expectInputError(run(f['d.xml']!, f['ok.xml']!, f['p.xml']!), f['p.xml']!, /<weight index="1"> is negative/);
  });

  it('rejects an unknown file and malformed GeniusWeb JSON', () => {
    const missing = path.join(tmpdir(), 'no-such-entente-profile.xml');
    const f = tempFiles({ 'd.xml': DOMAIN, 'ok.xml': profile('0.5'), 'p.json': '{"LinearAdditiveUtilitySpace": {' });
    expectInputError(run(f['d.xml']!, f['ok.xml']!, missing), missing, /No file at .*check the path/);
    expectInputError(run(f['d.xml']!, f['ok.xml']!, f['p.json']!), f['p.json']!, /Not valid JSON/);
  });

  it('refuses a single profile: the analysis needs two or more parties', () => {
    const f = tempFiles({ 'd.xml': DOMAIN, 'p.xml': profile('0.5') });
    const res = run(f['d.xml']!, f['p.xml']!);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/domain engine takes 3 to 64 files .*; got 2/);
  });

  it('rejects unknown option values', () => {
    const f = tempFiles({ 'd.xml': DOMAIN, 'p.xml': profile('0.5') });
    const res = run(f['d.xml']!, f['p.xml']!, f['p.xml']!, '--variant', 'nope');
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--variant .*'nope' is invalid\. Allowed choices are textbook, genius/);
  });
});

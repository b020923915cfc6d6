import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const reference = path.resolve(root, '../shared/reference/gmcr');
const hasReference = existsSync(path.join(reference, 'INDEX.json'));
if (!hasReference) console.warn(`gmcr reference cases not found at ${reference}; skipping the reference CLI checks`);

const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'packages/cli/bin/entente.js'), 'gmcr', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30, // --json on 2^17 states is tens of MB
  });

describe('entente gmcr', () => {
  it.skipIf(!hasReference)('--json on a gmcr-case/1 file matches the reference in both modes', () => {
    const file = path.join(reference, 'garrison_diversion_gmcrpy.json');
    const ref = JSON.parse(readFileSync(file, 'utf8'));
    const py = run(file, '--mode', 'gmcrpy', '--json');
    expect(py.status).toBe(0);
    const doc = JSON.parse(py.stdout);
    expect(doc.states).toBe(ref.states.length);
    expect(doc.stability).toMatchObject(ref.analysis.stability);
    expect(doc.equilibria).toMatchObject(ref.analysis.equilibria);
    const tb = JSON.parse(run(file, '--json').stdout);
    expect(tb.equilibria).toMatchObject(ref.crossChecks.textbook.equilibria);
  });

  it.skipIf(!hasReference)('--json and the table include SIM and SEQ+SIM (gmcrpy mode equals gmcr-py)', () => {
    const file = path.join(reference, 'chicken_textbook.json');
    const ref = JSON.parse(readFileSync(file, 'utf8'));
    const doc = JSON.parse(run(file, '--mode', 'gmcrpy', '--json').stdout);
    expect(doc.stability.sim).toEqual(ref.analysis.extras.sim);
    expect(doc.equilibria.sim).toEqual(ref.analysis.extras.equilibria_sim);
    expect(doc.equilibria.seqsim).toEqual(ref.analysis.extras.equilibria_seq_and_sim);
    const text = run(file).stdout;
    expect(text).toMatch(/M=SIM, B=SEQ\+SIM/);
    expect(text).toContain(`SIM equilibria (${ref.analysis.extras.equilibria_sim.length})`);
  });

  it.skipIf(!hasReference)('runs the fixed coalition partition and status-quo analysis', () => {
    const file = path.join(reference, 'elmira_gmcrpy.json');
    const ref = JSON.parse(readFileSync(file, 'utf8'));
    const partition = ref.coalitionAnalyses[0].coalitions
      .filter((b: number[]) => b.length > 1)
      .map((b: number[]) => b.join('+'))
      .join(',');
    const out = run(file, '--mode', 'gmcrpy', '--coalitions', partition, '--status-quo', '0', '--json');
    expect(out.status).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.coalitions.partition.equilibria).toEqual(ref.coalitionAnalyses[0].equilibria);
    expect(doc.statusQuo.state).toBe(0);
    for (const r of doc.statusQuo.byMoves.reachable.nash) expect(doc.equilibria.nash).toContain(r.state);
  });

  it('reads a scenario with a gmcr: section and prints a readable table with explanations', () => {
    const out = run(path.join(root, 'packages/core/src/gmcr/fixtures/example-scenario.yaml'));
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/NASH equilibria \(1\): 5/);
    // Explanations name DMs and options by id; the legend maps each id to its name once.
    expect(out.stdout).toMatch(/ussr can improve from state 1/);
    expect(out.stdout).toMatch(/Decision makers: us = US, ussr = USSR/);
    expect(out.stdout).toMatch(/From the status quo 0/);
  });

  it('reads a gmcr-py save file (prisoners dilemma, manual ranking)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gmcr-'));
    const file = path.join(dir, 'pd.gmcr');
    // States by gmcr-py number: 1 = CC, 2 = DC, 3 = CD, 4 = DD (option k = "DM k defects").
    writeFileSync(
      file,
      JSON.stringify({
        options: [
          { name: 'Defect', permittedDirection: 'both' },
          { name: 'Defect', permittedDirection: 'both' },
        ],
        decisionMakers: [
          { name: 'A', options: [0], preferences: [], preferenceRanking: [2, 1, 4, 3] },
          { name: 'B', options: [1], preferences: [], preferenceRanking: [3, 1, 4, 2] },
        ],
        infeasibles: [],
        useManualPreferenceRanking: true,
        program: 'gmcr-py',
      }),
    );
    const doc = JSON.parse(run(file, '--json').stdout);
    expect(doc.equilibria).toMatchObject({ nash: [3], gmr: [0, 3], smr: [0, 3], seq: [0, 3] });
    for (const s of doc.equilibria.nash) expect(doc.equilibria.sim).toContain(s);
    for (const s of doc.equilibria.sim) expect(doc.equilibria.seqsim).toContain(s);
  });

  it('exits 2 with a located message on malformed JSON and on inconsistent input', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gmcr-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "gmcr-case/1",\n "options": [}');
    const a = run(broken);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/not valid JSON/);
    expect(a.stderr).toMatch(/broken\.json:2/);
    const orphan = path.join(dir, 'orphan.yaml');
    writeFileSync(
      orphan,
      'gmcr:\n  decisionMakers:\n    - id: p\n      options: [{id: a, label: A}]\n  preferences:\n    p: ["a & ghost"]\n',
    );
    const b = run(orphan, '--json');
    expect(b.status).toBe(2);
    expect(b.stdout).toBe('');
    expect(b.stderr).toMatch(/unknown option 'ghost'/);
    expect(b.stderr).toMatch(/gmcr\.preferences\.p\.0/);
  });

  it('leaves SIM and SEQ+SIM out above 65536 states, and says so in the JSON and the text', () => {
    // 17 options over 3 DMs: 131072 states, preferences by statements (quick to compile).
    const dir = mkdtempSync(path.join(tmpdir(), 'gmcr-'));
    const file = path.join(dir, 'big.yaml');
    const ids = Array.from({ length: 17 }, (_, k) => `o${k}`);
    const owners = [ids.slice(0, 6), ids.slice(6, 12), ids.slice(12)];
    const yaml = [
      'gmcr:',
      '  decisionMakers:',
      ...owners.flatMap((own, d) => [
        `    - id: d${d}`,
        '      options:',
        ...own.map((o) => `        - { id: ${o}, label: ${o} }`),
      ]),
      '  preferences:',
      ...owners.map(
        (own, d) => `    d${d}: ["${own[0]}", "!${ids[(d * 5 + 3) % 17]}", "${ids[(d * 7 + 1) % 17]} | ${own[1]}"]`,
      ),
    ].join('\n');
    writeFileSync(file, `${yaml}\n`);
    const out = run(file, '--json');
    expect(out.status).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(doc.states).toBe(2 ** 17);
    expect(doc.skipped).toEqual(['sim', 'seqsim']);
    expect(doc.why).toMatch(/131072 states.*--concepts/);
    expect(Object.keys(doc.stability).sort()).toEqual(['gmr', 'nash', 'seq', 'smr']);
    expect(Object.keys(doc.equilibria).sort()).toEqual(['gmr', 'nash', 'seq', 'smr']);
    expect(doc.concepts).toEqual(['nash', 'gmr', 'smr', 'seq']);
    const text = run(file);
    expect(text.stdout).toMatch(/Not computed: SIM, SEQ\+SIM\. The conflict has 131072 states/);
    expect(text.stdout).not.toMatch(/^SIM equilibria/m);
  }, 60_000);

  it('--concepts adds SIM on request (classical always kept) and rejects unknown names', () => {
    const file = path.join(root, 'packages/core/src/gmcr/fixtures/example-scenario.yaml');
    const doc = JSON.parse(run(file, '--concepts', 'nash,sim', '--json').stdout);
    expect(doc.concepts).toEqual(['nash', 'gmr', 'smr', 'seq', 'sim']);
    expect(doc.skipped).toEqual(['seqsim']);
    expect(doc.stability.sim).toHaveLength(2);
    expect(doc.equilibria.seqsim).toBeUndefined();
    const all = JSON.parse(run(file, '--json').stdout);
    expect(all.equilibria.sim).toEqual(doc.equilibria.sim);
    expect(all.skipped).toBeUndefined();
    const bad = run(file, '--concepts', 'nash,simm');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown concept\(s\) 'simm'.*GMCR_BAD_CONCEPTS/);
  });

  it('explains SIM and SEQ+SIM verdicts in words in the readable output', () => {
    const out = run(path.join(root, 'packages/core/src/gmcr/fixtures/example-scenario.yaml'));
    expect(out.stdout).toMatch(/\[SIM\] .*can improve from/);
    expect(out.stdout).toMatch(/\[SEQ\+SIM\] /);
  });
});

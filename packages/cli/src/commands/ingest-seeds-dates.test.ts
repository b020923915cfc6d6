import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const scenario = path.join(repoRoot, 'scenarios/ukraine-2025/scenario.yaml');
const haveSeeds = existsSync(seedsDir) && existsSync(scenario);
if (!haveSeeds) console.log(`seed articles not found (${seedsDir}): skipping the dates-without---published test`);
const work = mkdtempSync(path.join(os.tmpdir(), 'entente-seed-dates-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function entente(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'packages/cli/bin/entente.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!haveSeeds)('entente ingest --scenario without --published (issue 12)', () => {
  it('dates the Alaska summit and the Istanbul talks from the scenario sources and says what stays unresolved', () => {
    const db = path.join(work, 'seeds.db');
    const r = entente(['ingest', seedsDir, '--scenario', scenario, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dates left unresolved \([^)]*\): pass --published YYYY-MM-DD to resolve them/);
    const t = entente(['timeline', '--db', db, '--json']);
    const { events } = JSON.parse(t.stdout) as { events: { date: string; type: string }[] };
    expect(events).toContainEqual(expect.objectContaining({ date: '2025-08-15', type: 'summit' }));
    expect(events).toContainEqual(expect.objectContaining({ date: '2025-05-16', type: 'talks' }));
  });
});

describe('entente eval-ingest', () => {
  it('scores a folder of annotated articles (JSON)', () => {
    const dir = path.join(work, 'evidence');
    rmSync(dir, { recursive: true, force: true });
    const body = 'KYIV, March 3 (Reuters) - Ukraine and Russia exchanged 390 prisoners on Sunday, officials said.';
    mkdirSync(dir);
    writeFileSync(path.join(dir, '01_swap.txt'), `# DATE: none\n# ---- TEXT BEGINS BELOW THIS LINE ----\n${body}\n`);
    const at = body.indexOf('on Sunday');
    writeFileSync(
      path.join(dir, '01_swap.expected.json'),
      JSON.stringify({
        schema: 'entente-evidence-expected/1',
        publication_date: null,
        events: [
          {
            id: 'E1',
            date: null,
            date_precision: 'unknown',
            date_expr_start: at,
            date_expr_end: at + 9,
            type: 'exchange',
            status: 'reported',
          },
        ],
        quotes: [],
        figures: [
          {
            id: 'F1',
            text: '390',
            mentions: [{ text: '390', start: body.indexOf('390'), end: body.indexOf('390') + 3 }],
            value: 390,
          },
        ],
      }),
    );
    const json = JSON.parse(entente(['eval-ingest', dir, '--json']).stdout) as {
      cases: { name: string; published: string | null }[];
      overall: { figures: { tp: number; precision: number; recall: number } };
    };
    // A dateline without a year and no other date: no publication date can be inferred.
    expect(json.cases).toEqual([expect.objectContaining({ name: '01_swap', published: null })]);
    expect(json.overall.figures).toMatchObject({ tp: 1, precision: 1, recall: 1 });
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLexiconText } from '@entente/ingest';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const scenario = path.join(repoRoot, 'scenarios/ukraine-2025/scenario.yaml');
const haveSeeds = existsSync(seedsDir) && existsSync(scenario);
const pgUrl = process.env.ENTENTE_TEST_PG_URL;
if (!haveSeeds) console.log(`seed articles or scenario not found (${seedsDir}): skipping the seed ingest tests`);

const metadata = JSON.parse(readFileSync(path.join(repoRoot, 'packages/ingest/test/seed-metadata.json'), 'utf8')) as {
  seeds: Record<string, { title: string; published: string }>;
};

interface DocumentOut {
  source: string;
  published: string;
  events: { date: string; precision: string; type: string; actors: string[]; issues: string[]; text: string }[];
  quotes: { speaker: string | null; actor: string | null; text: string }[];
  mentions: { text: string; actor: string | null; kind: string }[];
  issueTags: { issue: string; keyword: string; text: string }[];
}

function entente(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'packages/cli/bin/entente.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!haveSeeds)('entente ingest --scenario ukraine-2025 on the five seed articles', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'entente-seeds-'));
  const db = path.join(work, 'seeds.db');
  const docs = new Map<string, DocumentOut>();
  let all: DocumentOut[] = [];
  let timeline: { date: string; type: string; actors: string[]; issues: string[]; sources: unknown[] }[] = [];

  beforeAll(() => {
    // Each seed gets its publication date (seed-metadata.json) as front-matter, so one run ingests all five.
    const dir = path.join(work, 'seeds');
    mkdirSync(dir);
    for (const [name, meta] of Object.entries(metadata.seeds)) {
      const body = readFileSync(path.join(seedsDir, name), 'utf8');
      writeFileSync(path.join(dir, name), `---\npublished: ${meta.published}\n---\n${body}`);
    }
    const r = entente(['ingest', dir, '--scenario', scenario, '--db', db, '--json', '--threads', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { documents: DocumentOut[]; failed: unknown[] };
    expect(out.failed).toEqual([]);
    all = out.documents;
    for (const d of all) docs.set(path.basename(d.source).slice(0, 3), d);
    timeline = JSON.parse(entente(['timeline', '--db', db, '--json']).stdout).events;
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('uses actor and issue ids that the scenario defines', () => {
    const parsed = parseLexiconText(readFileSync(scenario, 'utf8'), scenario);
    const actorIds = parsed.actors.map((a) => a.id);
    const issueIds = parsed.issues.map((i) => i.id);
    expect(actorIds).toEqual(expect.arrayContaining(['ukraine', 'russia', 'united_states', 'turkey']));
    expect(issueIds).toEqual(
      expect.arrayContaining(['crimea', 'nato_membership', 'ceasefire', 'prisoner_exchange', 'direct_talks']),
    );
    for (const d of all) {
      for (const m of d.mentions) if (m.actor) expect(actorIds).toContain(m.actor);
      for (const t of d.issueTags) expect(issueIds).toContain(t.issue);
    }
  });

  it('maps names and aliases to the scenario actors', () => {
    const actorOf = (text: string) =>
      new Set(all.flatMap((d) => d.mentions.filter((m) => m.text === text).map((m) => m.actor)));
    for (const [text, actor] of [
      ['Kyiv', 'ukraine'],
      ['Zelensky', 'ukraine'],
      ['Zelenskyy', 'ukraine'],
      ['The Kremlin', 'russia'],
      ['the Kremlin', 'russia'],
      ['Dmitry Peskov', 'russia'],
      ['Putin', 'russia'],
      ['Trump', 'united_states'],
      ['Marco Rubio', 'united_states'],
      ['Russian', 'russia'],
      ['Ukrainian', 'ukraine'],
    ] as const) {
      expect([text, [...actorOf(text)]]).toEqual([text, [actor]]);
    }
  });

  it('attributes quotes to the speakers’ actors', () => {
    const quote = (seed: string, start: string) => docs.get(seed)?.quotes.find((q) => q.text.startsWith(start));
    expect(quote('000', 'Russia has never negotiated and will not negotiate')).toMatchObject({
      speaker: 'Dmitry Peskov',
      actor: 'russia',
    });
    expect(quote('002', 'I’m not playing cards')).toMatchObject({ speaker: 'Zelenskyy', actor: 'ukraine' });
    expect(quote('002', 'I think we’re on the way')).toMatchObject({ speaker: 'Trump', actor: 'united_states' });
    expect(quote('004', 'Talks without Russia')).toMatchObject({ speaker: 'Lavrov', actor: 'russia' });
  });

  it('tags sentences that are clearly about an issue', () => {
    const tagged = (issue: string) =>
      all.flatMap((d) => d.issueTags.filter((t) => t.issue === issue).map((t) => t.text));
    expect(tagged('crimea')).toContainEqual(
      expect.stringContaining('including Crimea, which had been annexed in 2014'),
    );
    expect(tagged('nato_membership')).toContainEqual(
      expect.stringContaining('Ukraine would forgo its aim of NATO membership'),
    );
    expect(tagged('ceasefire')).toContainEqual(expect.stringContaining('a temporary truce was announced by Russia'));
    expect(tagged('prisoner_exchange')).toContainEqual(
      expect.stringContaining('resulted in a prisoner exchange but little tangible progress'),
    );
    expect(tagged('direct_talks')).toContainEqual(expect.stringContaining('convened in Istanbul'));
  });

  it('builds a timeline with the hand-checked events, types and actors', () => {
    const on = (date: string) => timeline.filter((e) => e.date === date);
    // Istanbul, 16 May 2025: "Russian and Ukrainian officials convened … for their first direct talks".
    expect(on('2025-05-16')).toEqual([
      expect.objectContaining({ type: 'talks', actors: ['russia', 'ukraine'], issues: ['direct_talks'] }),
    ]);
    // Alaska, 15 August 2025: a meeting of two presidents is a summit.
    expect(on('2025-08-15')).toEqual([
      expect.objectContaining({ type: 'summit', actors: ['russia', 'united_states'] }),
    ]);
    // "Earlier this month, Trump met Putin in Alaska for high-stakes talks" (published 22 August).
    expect(on('2025-08')).toContainEqual(
      expect.objectContaining({ type: 'talks', actors: ['russia', 'united_states'] }),
    );
    // 25 May: "Russian forces launched a significant drone and missile strike on Ukraine".
    expect(on('2025-05-25')).toEqual([expect.objectContaining({ type: 'attack', actors: ['russia', 'ukraine'] })]);
    // April: "a temporary truce was announced by Russia over Easter, which Ukraine accepted".
    expect(on('2025-04')).toContainEqual(
      expect.objectContaining({ type: 'ceasefire', actors: ['russia', 'ukraine'], issues: ['ceasefire'] }),
    );
    // "since the invasion of Ukraine began on February 24, 2022".
    expect(on('2022-02-24')).toEqual([expect.objectContaining({ type: 'attack' })]);
    const dates = timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('gives the same results without worker threads', () => {
    const r = entente([
      'ingest',
      path.join(work, 'seeds'),
      '--scenario',
      scenario,
      '--db',
      path.join(work, 'single.db'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).documents).toEqual(all);
  }, 60_000);

  it.skipIf(!pgUrl)(
    'builds the same timeline in PostgreSQL',
    async () => {
      const name = `entente_seeds_${process.pid}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      try {
        const url = new URL(pgUrl ?? '');
        url.pathname = `/${name}`;
        const r = entente([
          'ingest',
          path.join(work, 'seeds'),
          '--scenario',
          scenario,
          '--db',
          url.toString(),
          '--json',
        ]);
        expect(r.code).toBe(0);
        expect(JSON.parse(entente(['timeline', '--db', url.toString(), '--json']).stdout).events).toEqual(timeline);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        await admin.end();
      }
    },
    60_000,
  );
});

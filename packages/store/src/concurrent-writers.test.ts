import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFromText, type ScenarioLexicon } from '@entente/ingest';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { exitOf, moduleUrl, spawnModule, waitForLine } from './child-process';
import type { DatabaseTarget } from './database-target';
import { EvidenceStore } from './store';
import type { DocumentToStore } from './write-document';

const lexicon: ScenarioLexicon = {
  actors: [
    { id: 'ukraine', name: 'Ukraine', aliases: ['Kyiv'] },
    { id: 'russia', name: 'Russia', aliases: ['Moscow'] },
  ],
  issues: [],
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June'];
const EVENTS = 200;
const PER_DOCUMENT = 5;

/** The i-th of 200 distinct events (a meeting or a strike on its own day), phrased one of two ways. */
function sentence(i: number, phrasing: 0 | 1): string {
  const year = 2023 + (i % 2);
  const month = MONTHS[Math.floor(i / 2) % 6]!;
  const day = 1 + Math.floor(i / 12);
  const date = phrasing === 0 ? `${month} ${day}, ${year}` : `${day} ${month} ${year}`;
  if (i % 3 === 0)
    return phrasing === 0 ? `Russia struck Kyiv on ${date}.` : `On ${date}, Moscow launched an attack on Kyiv.`;
  return phrasing === 0
    ? `Ukraine and Russia met in Istanbul on ${date}.`
    : `On ${date}, delegations of Ukraine and Russia met in Istanbul.`;
}

/** One writer's documents: every event, in the same order as the other writers, in its own phrasing. */
function documents(phrasing: 0 | 1): DocumentToStore[] {
  const docs: DocumentToStore[] = [];
  for (let start = 0; start < EVENTS; start += PER_DOCUMENT) {
    const text = Array.from({ length: PER_DOCUMENT }, (_, k) => sentence(start + k, phrasing)).join(' ');
    const extraction = extractFromText(text, { published: '2025-01-01', lexicon });
    docs.push({ source: `w${phrasing}`, format: 'text', meta: { published: '2025-01-01' }, text, extraction });
  }
  return docs;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'entente-writers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const docsA = documents(0);
const docsB = documents(1);
const distinct = new Set(
  [...docsA, ...docsB].flatMap((d) => d.extraction.events.map((e) => `${e.date}|${e.precision}|${e.type}`)),
);

// Each writer is its own process with its own connection; they all start together on a signal.
const writer = `import { readFileSync } from 'node:fs';
  const { EvidenceStore } = await import(${JSON.stringify(moduleUrl('store.ts'))});
  const [targetJson, docsFile] = process.argv.slice(-2);
  const store = await EvidenceStore.open(JSON.parse(targetJson));
  const docs = JSON.parse(readFileSync(docsFile, 'utf8'));
  console.log('ready');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  for (const doc of docs) await store.addDocument(doc, new Date(0));
  await store.close();
  console.log('done');`;

async function runWriters(target: DatabaseTarget): Promise<void> {
  const files = [docsA, docsB, docsA].map((docs, i) => {
    const file = path.join(work, `docs-${i}.json`);
    writeFileSync(file, JSON.stringify(docs));
    return file;
  });
  // Two phrasings of the same events, plus a third writer repeating the first one's documents.
  const children = files.map((file) => spawnModule(writer, [JSON.stringify(target), file]));
  await Promise.all(children.map((c) => waitForLine(c, 'ready')));
  const finished = children.map((c) => waitForLine(c, 'done'));
  for (const c of children) c.stdin?.end('go\n');
  await Promise.all(finished);
  expect(await Promise.all(children.map(exitOf))).toEqual([0, 0, 0]);
}

async function expectOneEventPerDistinctEvent(target: DatabaseTarget): Promise<void> {
  const store = await EvidenceStore.open(target);
  try {
    const counts = await store.counts();
    expect(distinct.size).toBe(EVENTS);
    expect(counts.documents).toBe(docsA.length + docsB.length);
    expect(counts.events).toBe(distinct.size);
    // Every report of every event is kept: two per event (the repeated documents add nothing).
    expect(counts.event_sources).toBe(2 * EVENTS);
  } finally {
    await store.close();
  }
}

describe('concurrent writers', () => {
  it('store each event once on SQLite', async () => {
    const target: DatabaseTarget = { kind: 'sqlite', path: path.join(work, 'writers.db') };
    await runWriters(target);
    await expectOneEventPerDistinctEvent(target);
  }, 120_000);

  const pgUrl = process.env.ENTENTE_TEST_PG_URL;
  if (!pgUrl) console.log('ENTENTE_TEST_PG_URL is not set: skipping the PostgreSQL concurrent-writer test.');

  it.skipIf(!pgUrl)(
    'store each event once on PostgreSQL',
    async () => {
      const name = `entente_w_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      try {
        const url = new URL(pgUrl!);
        url.pathname = `/${name}`;
        const target: DatabaseTarget = { kind: 'postgres', url: url.toString() };
        await runWriters(target);
        await expectOneEventPerDistinctEvent(target);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    120_000,
  );
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from './database-target';
import { type StoredSweepDefinition, SweepStore } from './sweep-store';

const def: StoredSweepDefinition = {
  engine: 'pi',
  sources: [{ name: 'a.txt', text: 'x' }],
  params: { points: 4 },
  seed: 7,
  runs: 30,
  blockSize: 10,
};

function sweepSuite(name: string, open: () => Promise<DatabaseTarget>, cleanup: () => Promise<void>) {
  describe(name, () => {
    let target: DatabaseTarget;
    beforeAll(async () => {
      target = await open();
    });
    afterAll(cleanup);

    it('stores a block once however often it is written, and reads blocks back in block order', async () => {
      const a = await SweepStore.open(target);
      const b = await SweepStore.open(target); // a second worker on the same database
      try {
        await a.saveSweep('s1', def);
        await b.saveSweep('s1', def);
        expect(await b.loadSweep('s1')).toEqual(def);
        expect(await a.loadSweep('nope')).toBeUndefined();
        expect(await a.saveBlock('s1', { index: 2, from: 20, to: 30 }, { hits: 3 }, 'w1')).toBe(true);
        expect(await b.saveBlock('s1', { index: 0, from: 0, to: 10 }, { hits: 1 }, 'w2')).toBe(true);
        // The same block again (a redelivered job), even with another result: the first write stands.
        expect(await b.saveBlock('s1', { index: 2, from: 20, to: 30 }, { hits: 99 }, 'w2')).toBe(false);
        expect(await a.doneBlocks('s1')).toEqual([0, 2]);
        expect(await a.blockResults('s1')).toEqual([
          { index: 0, result: { hits: 1 } },
          { index: 2, result: { hits: 3 } },
        ]);
        expect(await a.blocksByWorker('s1')).toEqual({ w1: 1, w2: 1 });
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}

let dir = '';
sweepSuite(
  'SQLite sweep store',
  async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'entente-sweep-store-'));
    return { kind: 'sqlite', path: path.join(dir, 'e.db') };
  },
  async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);

const pgUrl = process.env.ENTENTE_TEST_PG_URL;
if (!pgUrl) console.log('ENTENTE_TEST_PG_URL is not set: skipping the PostgreSQL sweep-store test (.ci/run sets it).');
const dbName = `entente_sw_${process.pid}_${Math.floor(Math.random() * 1e6)}`;

describe.skipIf(!pgUrl)('PostgreSQL', () => {
  sweepSuite(
    'PostgreSQL sweep store',
    async () => {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const url = new URL(pgUrl!);
      url.pathname = `/${dbName}`;
      return { kind: 'postgres', url: url.toString() };
    },
    async () => {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    },
  );
});

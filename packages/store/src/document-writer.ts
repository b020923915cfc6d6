import type SQLite from 'better-sqlite3';
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema';

/** Tables a document's items go into. */
export type ItemTable =
  | 'sentences'
  | 'quotes'
  | 'figures'
  | 'actor_mentions'
  | 'search_entries'
  | 'events'
  | 'event_sources'
  | 'links';

/** A row for one of the item tables. */
export type ItemRow<T extends ItemTable> = Insertable<Database[T]>;

/** A stored event a new report may join, with the actors and issues already linked to it. */
export interface MergeCandidate {
  id: number;
  key: string;
  actors: Set<string>;
  issues: Set<string>;
}

/** Joins an issue id and the keyword that tagged a sentence with it in an `issue_keyword` link's target. */
export const ISSUE_KEYWORD_SEPARATOR = '|';

/** An event's date columns and the merge key that follows from them. */
export type EventDate = Pick<
  Insertable<Database['events']>,
  'date' | 'precision' | 'date_start' | 'date_end' | 'merge_key'
>;

/** The writes one document needs, inside one transaction. */
export interface WriteSession {
  documentIdByHash(hash: string): Promise<string | undefined>;
  insertDocument(row: Insertable<Database['documents']>): Promise<void>;
  /** Inserts rows and returns their new ids in the order of `rows`. */
  insertReturningIds<T extends ItemTable>(table: T, rows: ItemRow<T>[]): Promise<number[]>;
  insertRows<T extends ItemTable>(table: T, rows: ItemRow<T>[]): Promise<void>;
  /** Stored events whose merge key is one of `keys`, with their actor and issue links (one lookup). */
  mergeCandidates(keys: string[]): Promise<MergeCandidate[]>;
  /** Gives a stored event the finer date a new report names ("May" becomes "May 16"). */
  refineEvent(id: number, row: EventDate): Promise<void>;
  /**
   * Removes a stored document and everything extracted from it (for a re-ingest), and the events only it
   * reported; events other documents also report keep those sources.
   */
  deleteDocument(id: string): Promise<void>;
}

// Events whose only sources are the given document (the id is passed twice).
const ORPHAN_EVENTS = `SELECT DISTINCT event_id FROM event_sources WHERE document_id = ?
  AND event_id NOT IN (SELECT event_id FROM event_sources WHERE document_id <> ?)`;

/** Runs a document's writes in one transaction: committed whole, or rolled back whole. */
export interface DocumentWriter {
  documentIdByHash(hash: string): Promise<string | undefined>;
  transaction<T>(fn: (session: WriteSession) => Promise<T>): Promise<T>;
}

function collectCandidates(
  rows: { id: number; merge_key: string | null; target_kind: string | null; target_id: string | null }[],
): MergeCandidate[] {
  const byId = new Map<number, MergeCandidate>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) {
      entry = { id: row.id, key: row.merge_key ?? '', actors: new Set(), issues: new Set() };
      byId.set(row.id, entry);
    }
    if (row.target_kind === 'actor' && row.target_id) entry.actors.add(row.target_id);
    if (row.target_kind === 'issue' && row.target_id) entry.issues.add(row.target_id);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

// Pages (4 KiB) the WAL may hold before SQLite copies them into the database: at most about 40 MiB.
const WAL_CHECKPOINT_PAGES = 10_000;

// Rows per multi-row INSERT, largest first: a few fixed sizes keep a few cached statements per table, and the
// tail of a document's rows goes in fours rather than one call per row.
const BATCH_SIZES = [16, 4, 1];

/**
 * SQLite: synchronous better-sqlite3 calls on cached prepared statements, BATCH_SIZES rows per call.
 * Preparing is what costs (each distinct multi-row INSERT is a new statement); running a
 * prepared single-row insert takes microseconds and needs no round trip.
 */
export function sqliteDocumentWriter(sqlite: SQLite.Database): DocumentWriter {
  // Consecutive commits rewrite the same last pages of each table and index; a rarer checkpoint copies each
  // back to the database once for many commits (measured: COMMIT 1.4 -> 0.9-1.0 ms per article; rows unchanged).
  sqlite.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (sql: string): SQLite.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const insertStatement = (table: string, columns: string[], count: number) => {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    return prepared(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(count).fill(tuple).join(', ')}`);
  };
  const documentIdByHash = async (hash: string) =>
    (prepared('SELECT id FROM documents WHERE content_hash = ?').get(hash) as { id: string } | undefined)?.id;
  const insertAll = (table: string, rows: object[], wantIds: boolean): number[] => {
    const ids: number[] = [];
    const first = rows[0];
    if (!first) return ids;
    const columns = Object.keys(first);
    const valuesOf = (from: number, to: number) => {
      const values: unknown[] = [];
      for (let i = from; i < to; i++) {
        const row = rows[i] as Record<string, unknown>;
        for (const c of columns) values.push(row[c] ?? null);
      }
      return values;
    };
    let i = 0;
    for (const size of BATCH_SIZES) {
      if (i + size > rows.length) continue;
      const batch = insertStatement(table, columns, size);
      for (; i + size <= rows.length; i += size) {
        const info = batch.run(valuesOf(i, i + size));
        // One INSERT's rows take consecutive rowids, in VALUES order, the last one reported.
        const last = Number(info.lastInsertRowid);
        if (wantIds) for (let k = size - 1; k >= 0; k--) ids.push(last - k);
      }
    }
    return ids;
  };
  const session: WriteSession = {
    documentIdByHash,
    async insertDocument(row) {
      insertAll('documents', [row], false);
    },
    async insertReturningIds(table, rows) {
      return insertAll(table, rows, true);
    },
    async insertRows(table, rows) {
      const ids = insertAll(table, rows, table === 'search_entries');
      if (table !== 'search_entries') return;
      // The full-text index is fed here, not by a trigger (see migration 0004), in one statement that reads
      // the rows just written (one call instead of one per row; same rows in the same rowid order).
      if (ids.length === 0) return;
      prepared(
        'INSERT INTO search_fts(rowid, text) SELECT id, text FROM search_entries WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
      ).run(JSON.stringify(ids));
    },
    async mergeCandidates(keys) {
      if (keys.length === 0) return [];
      // One statement for any number of keys: the list travels as a JSON array.
      const rows = prepared(
        `SELECT e.id, e.merge_key, l.target_kind, l.target_id FROM events e
         LEFT JOIN links l ON l.item_kind = 'event' AND l.item_id = e.id
         WHERE e.merge_key IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(keys)) as Parameters<typeof collectCandidates>[0];
      return collectCandidates(rows);
    },
    async refineEvent(id, row) {
      prepared(
        'UPDATE events SET date = ?, precision = ?, date_start = ?, date_end = ?, merge_key = ? WHERE id = ?',
      ).run(row.date, row.precision, row.date_start, row.date_end, row.merge_key ?? null, id);
    },
    async deleteDocument(id) {
      const orphans = (prepared(ORPHAN_EVENTS).all(id, id) as { event_id: number }[]).map((r) => r.event_id);
      // Deleted row by row so the search_entries delete trigger keeps the FTS index in step.
      prepared('DELETE FROM search_entries WHERE document_id = ?').run(id);
      prepared('DELETE FROM documents WHERE id = ?').run(id);
      for (const event of orphans) {
        prepared("DELETE FROM links WHERE item_kind = 'event' AND item_id = ?").run(event);
        prepared('DELETE FROM events WHERE id = ?').run(event);
      }
    },
  };
  return {
    documentIdByHash,
    async transaction(fn) {
      // IMMEDIATE takes the write lock up front, so two writers wait (busy_timeout) rather than deadlock.
      prepared('BEGIN IMMEDIATE').run();
      try {
        const result = await fn(session);
        prepared('COMMIT').run();
        return result;
      } catch (error) {
        if (sqlite.inTransaction) prepared('ROLLBACK').run();
        throw error;
      }
    },
  };
}

const CHUNK = 500;

/** Advisory-lock namespace (first key) for event merging; the second key is the merge key's hash. */
const MERGE_LOCK = 0x456e7402;

/**
 * Locks the merge keys until the transaction ends, so two writers never both decide that an event
 * is new: the second one waits, then reads the first one's committed event and joins it. Locks are
 * taken in ascending order, so two writers cannot deadlock on them.
 */
async function lockMergeKeys(trx: Transaction<Database>, keys: string[]): Promise<void> {
  const { rows } = await sql<{ h: number }>`SELECT DISTINCT hashtext(k) AS h FROM unnest(${keys}::text[]) AS k`.execute(
    trx,
  );
  for (const h of rows.map((r) => Number(r.h)).sort((a, b) => a - b))
    await sql`SELECT pg_advisory_xact_lock(${MERGE_LOCK}, ${h})`.execute(trx);
}

/** PostgreSQL (or any Kysely dialect): multi-row INSERTs, ids read back through RETURNING. */
export function kyselyDocumentWriter(db: Kysely<Database>): DocumentWriter {
  const documentIdByHash = async (hash: string, on: Kysely<Database> = db) =>
    (await on.selectFrom('documents').select('id').where('content_hash', '=', hash).executeTakeFirst())?.id;
  const sessionOf = (trx: Transaction<Database>): WriteSession => {
    // Rows are built to match the table's columns by the store; Kysely cannot check a generic table.
    const into = (table: ItemTable) =>
      trx.insertInto(table) as unknown as {
        values(rows: object[]): {
          execute(): Promise<unknown>;
          returning(column: 'id'): { execute(): Promise<{ id: number }[]> };
        };
      };
    return {
      documentIdByHash: (hash) => documentIdByHash(hash, trx),
      async insertDocument(row) {
        await trx.insertInto('documents').values(row).execute();
      },
      async insertReturningIds(table, rows) {
        const ids: number[] = [];
        for (let i = 0; i < rows.length; i += CHUNK) {
          const returned = await into(table)
            .values(rows.slice(i, i + CHUNK))
            .returning('id')
            .execute();
          // Serial ids are drawn row by row in VALUES order; sorting undoes any reordering of RETURNING.
          ids.push(...returned.map((r) => Number(r.id)).sort((a, b) => a - b));
        }
        return ids;
      },
      async insertRows(table, rows) {
        for (let i = 0; i < rows.length; i += CHUNK)
          await into(table)
            .values(rows.slice(i, i + CHUNK))
            .execute();
      },
      async mergeCandidates(keys) {
        if (keys.length === 0) return [];
        await lockMergeKeys(trx, keys);
        const rows = await trx
          .selectFrom('events as e')
          .leftJoin('links as l', (join) => join.onRef('l.item_id', '=', 'e.id').on('l.item_kind', '=', 'event'))
          .select(['e.id', 'e.merge_key', 'l.target_kind', 'l.target_id'])
          .where('e.merge_key', 'in', keys)
          .execute();
        return collectCandidates(rows);
      },
      async refineEvent(id, row) {
        await trx.updateTable('events').set(row).where('id', '=', id).execute();
      },
      async deleteDocument(id) {
        const { rows } = await sql<{ event_id: number }>`SELECT DISTINCT event_id FROM event_sources
          WHERE document_id = ${id} AND event_id NOT IN (SELECT event_id FROM event_sources WHERE document_id <> ${id})`.execute(
          trx,
        );
        const orphans = rows.map((r) => Number(r.event_id));
        await trx.deleteFrom('search_entries').where('document_id', '=', id).execute();
        await trx.deleteFrom('documents').where('id', '=', id).execute();
        if (orphans.length > 0) {
          await trx.deleteFrom('links').where('item_kind', '=', 'event').where('item_id', 'in', orphans).execute();
          await trx.deleteFrom('events').where('id', 'in', orphans).execute();
        }
      },
    };
  };
  return {
    documentIdByHash: (hash) => documentIdByHash(hash),
    transaction: (fn) => db.transaction().execute((trx) => fn(sessionOf(trx))),
  };
}

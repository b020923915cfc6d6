import { EntenteError } from '@entente/core/errors';
import { type Kysely, sql } from 'kysely';
import { migrations } from './migrations';
import type { Dialect } from './schema';

// biome-ignore lint/suspicious/noExplicitAny: the runner works on the schema before its types apply
type AnyDb = Kysely<any>;

/** The table recording applied migrations; Kysely's name and layout, so databases made before this runner still open. */
export const MIGRATION_TABLE = 'kysely_migration';

/** Advisory-lock namespace (first key) that serialises migrations across PostgreSQL clients. */
const MIGRATION_LOCK = 0x456e7401;

/** Tables the migrations create, children first, so they can be dropped in this order. */
const SCHEMA_TABLES = [
  'sweep_blocks',
  'sweeps',
  'search_fts',
  'search_entries',
  'links',
  'actor_mentions',
  'figures',
  'quotes',
  'event_sources',
  'events',
  'sentences',
  'documents',
] as const;

/** Tables whose rows are a user's data (the FTS index only mirrors `search_entries`). */
const DATA_TABLES = SCHEMA_TABLES.filter((t) => t !== 'search_fts');

/**
 * Runs `fn` in one write transaction: SQLite's `BEGIN IMMEDIATE` takes the write lock up front (a
 * second opener waits on busy_timeout); PostgreSQL takes a transaction-scoped advisory lock.
 */
async function inTransaction<T>(db: AnyDb, dialect: Dialect, fn: (trx: AnyDb) => Promise<T>): Promise<T> {
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK}, 0)`.execute(trx);
      return fn(trx);
    });
  }
  await sql`BEGIN IMMEDIATE`.execute(db);
  try {
    const result = await fn(db);
    await sql`COMMIT`.execute(db);
    return result;
  } catch (error) {
    // Some SQLite errors roll the transaction back themselves; a second ROLLBACK would then fail.
    await sql`ROLLBACK`.execute(db).catch(() => {});
    throw error;
  }
}

async function existingTables(db: AnyDb, dialect: Dialect): Promise<string[]> {
  const names = sql.join(SCHEMA_TABLES.map((t) => sql.lit(t)));
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_name IN (${names})`.execute(db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${names})`.execute(
          db,
        );
  return rows.map((r) => r.name);
}

async function holdsData(db: AnyDb, tables: string[]): Promise<boolean> {
  for (const table of DATA_TABLES) {
    if (!tables.includes(table)) continue;
    const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} LIMIT 1`.execute(db);
    if (rows.length > 0) return true;
  }
  return false;
}

/** Drops every table the migrations create and forgets every applied migration (only ever on a database without data). */
async function resetSchema(db: AnyDb, dialect: Dialect, tables: string[]): Promise<void> {
  for (const table of SCHEMA_TABLES) {
    if (!tables.includes(table)) continue;
    if (dialect === 'postgres') await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
    else await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
  await sql`DELETE FROM ${sql.table(MIGRATION_TABLE)}`.execute(db);
}

/** Whether a failed migration met objects it expected not to exist (or missed ones it expected): a half-done schema. */
function isSchemaConflict(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_')) {
    return code === 'SQLITE_ERROR' && /already exists|duplicate column|no such (table|column|index)/i.test(message);
  }
  return ['42P07', '42701', '42P01', '42703', '42710', '42704'].includes(code);
}

function incomplete(where: string, detail: string, cause?: unknown, why = 'it holds data'): EntenteError {
  return new EntenteError(
    'DATABASE_INCOMPLETE',
    `The database at ${where} was left half-migrated by an interrupted run (${detail}) and was not repaired because ${why}: restore a backup, or ingest again into a new --db path.`,
    cause === undefined ? undefined : { cause },
  );
}

/** A migration that failed on a half-done schema; thrown so that its transaction rolls back whole. */
class SchemaConflict extends Error {
  constructor(
    readonly migration: string,
    readonly failure: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

/**
 * Brings the schema up to date, one migration per transaction together with its record, so a kill
 * at any moment leaves the previous version or the next. A schema an older, non-transactional run
 * left half-created is rebuilt when it holds no data, and reported as DATABASE_INCOMPLETE when it does.
 * Returns the schema version (the number of applied migrations).
 */
export async function migrateDatabase(db: AnyDb, dialect: Dialect, where: string): Promise<number> {
  const all = migrations(dialect);
  const names = Object.keys(all).sort();
  let repaired = false;
  for (;;) {
    let conflict: SchemaConflict | undefined;
    const version = await inTransaction<number | undefined>(db, dialect, async (trx) => {
      await sql`CREATE TABLE IF NOT EXISTS ${sql.table(MIGRATION_TABLE)} (
        name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`.execute(trx);
      const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)}`.execute(trx);
      const applied = rows.map((r) => r.name).sort();
      const unknown = applied.find((n) => !names.includes(n));
      if (unknown) {
        throw new EntenteError(
          'DATABASE_INVALID',
          `The database at ${where} has schema migration ${unknown}, which this Entente does not know: it was made by a newer Entente; upgrade, or give another --db path.`,
        );
      }
      const gap = applied.findIndex((n, i) => names[i] !== n);
      if (gap >= 0)
        throw incomplete(
          where,
          `migration ${names[gap]} is missing before ${applied[gap]}`,
          undefined,
          'its recorded versions have a gap',
        );
      const next = names[applied.length];
      if (next === undefined) return applied.length;
      if (applied.length === 0) {
        // Tables without any recorded migration: an older run was killed while creating the database.
        const tables = await existingTables(trx, dialect);
        if (tables.length > 0) {
          if (await holdsData(trx, tables)) throw incomplete(where, `tables ${tables.join(', ')} exist at version 0`);
          await resetSchema(trx, dialect, tables);
        }
      }
      const migration = all[next];
      try {
        await migration?.up(trx);
      } catch (error) {
        throw isSchemaConflict(error) ? new SchemaConflict(next, error) : error;
      }
      await sql`INSERT INTO ${sql.table(MIGRATION_TABLE)} (name, timestamp) VALUES (${next}, ${new Date().toISOString()})`.execute(
        trx,
      );
      return undefined;
    }).catch((error: unknown) => {
      if (!(error instanceof SchemaConflict)) throw error;
      conflict = error;
      return undefined;
    });
    if (version !== undefined) return version;
    if (conflict) {
      // The failed migration rolled back; a schema without data is rebuilt once, one with data is reported.
      const { migration, failure, message } = conflict;
      if (repaired) throw incomplete(where, `migration ${migration} failed: ${message}`, failure);
      repaired = true;
      await inTransaction(db, dialect, async (trx) => {
        const tables = await existingTables(trx, dialect);
        if (await holdsData(trx, tables)) throw incomplete(where, `migration ${migration} failed: ${message}`, failure);
        await resetSchema(trx, dialect, tables);
      });
    }
  }
}

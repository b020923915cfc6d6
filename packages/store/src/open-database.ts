import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EntenteError } from '@entente/core/errors';
import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { type DatabaseTarget, describeTarget } from './database-target';
import { migrateDatabase } from './migrate';
import type { Database, Dialect } from './schema';

/** An open, migrated database. */
export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  target: DatabaseTarget;
  /** The SQLite connection Kysely runs on (SQLite only), for the store's prepared-statement writes. */
  sqlite?: SQLite.Database;
}

/** SQLite result codes that mean the file or its folder cannot be written. */
const UNWRITABLE =
  /^SQLITE_(READONLY|CANTOPEN|PERM|FULL|IOERR|AUTH)|^E(ACCES|PERM|ROFS|NOTDIR|NOSPC|ISDIR|NOENT|EXIST)$/;

function sqliteFailure(target: DatabaseTarget, error: unknown): EntenteError {
  // The migration runner's own reports (half-migrated, newer schema) are already precise.
  if (error instanceof EntenteError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code ?? '';
  const where = describeTarget(target);
  if (/SQLITE_NOTADB|not a database/i.test(`${code} ${message}`)) {
    return new EntenteError(
      'DATABASE_INVALID',
      `${where} is not an Entente database (not SQLite): give another --db path.`,
      {
        cause: error,
      },
    );
  }
  if (UNWRITABLE.test(code)) {
    return new EntenteError(
      'DATABASE_UNWRITABLE',
      `Cannot open or write the database at ${where} (${message}): choose a writable path with --db.`,
      { cause: error },
    );
  }
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new EntenteError(
      'DATABASE_FAILED',
      `The database at ${where} stayed locked by another process (${message}): retry when it has finished.`,
      { cause: error },
    );
  }
  return new EntenteError('DATABASE_FAILED', `The database at ${where} failed: ${message}`, { cause: error });
}

function postgresFailure(target: DatabaseTarget, error: unknown): EntenteError {
  if (error instanceof EntenteError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code ?? '';
  const where = describeTarget(target);
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code) ||
    /timeout|connect/i.test(message)
  ) {
    return new EntenteError(
      'DATABASE_UNREACHABLE',
      `The PostgreSQL server at ${where} refused the connection (${code || message}): check that it runs and the URL is right.`,
      { cause: error },
    );
  }
  if (code === '28P01' || code === '28000' || code === '3D000') {
    return new EntenteError(
      'DATABASE_UNREACHABLE',
      `PostgreSQL at ${where} rejected us: ${message}. Check the user, password and database name.`,
      {
        cause: error,
      },
    );
  }
  return new EntenteError('DATABASE_FAILED', `PostgreSQL at ${where} failed: ${message}`, { cause: error });
}

/** Opens (creating when needed) the database and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === 'sqlite') {
    let sqlite: SQLite.Database;
    try {
      if (target.path !== ':memory:') mkdirSync(path.dirname(path.resolve(target.path)), { recursive: true });
      // The native driver loads only when a SQLite database is opened.
      const { default: Driver } = await import('better-sqlite3');
      sqlite = new Driver(target.path);
      // Set first: switching to WAL needs a lock that a concurrent opener may hold for a moment.
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('synchronous = NORMAL');
      // A 64 MiB page cache (default 2 MiB) keeps the indexes' hot pages in memory while ingesting.
      sqlite.pragma('cache_size = -65536');
    } catch (error) {
      throw sqliteFailure(target, error);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      await migrateDatabase(db, 'sqlite', describeTarget(target));
    } catch (error) {
      await db.destroy();
      throw sqliteFailure(target, error);
    }
    return { db, dialect: 'sqlite', target, sqlite };
  }
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: target.url, max: 4, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateDatabase(db, 'postgres', describeTarget(target));
  } catch (error) {
    await db.destroy().catch(() => {});
    throw postgresFailure(target, error);
  }
  return { db, dialect: 'postgres', target };
}

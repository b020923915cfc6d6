import { existsSync } from 'node:fs';
import os from 'node:os';
import { EntenteError } from '@entente/core';
import type { DatabaseTarget, EvidenceStore } from '@entente/store';
import type { Command } from 'commander';

/** Adds `--db PATH|postgres://…` to a command. */
export function addDbOption(command: Command): Command {
  return command.option(
    '--db <path-or-url>',
    'SQLite file or postgres:// URL (default: $DATABASE_URL, else $XDG_DATA_HOME/entente/entente.db)',
  );
}

/** The database a command should use, from `--db`, `DATABASE_URL` or the default data folder. */
export async function databaseTargetFrom(opts: { db?: string }): Promise<DatabaseTarget> {
  // The store (Kysely and its drivers) loads only for commands that use it, so the others start fast.
  const { resolveDatabaseTarget } = await import('@entente/store');
  return resolveDatabaseTarget({ db: opts.db, env: process.env, home: os.homedir() });
}

/**
 * Opens the evidence store for a command's options, runs `fn`, and always closes it. Commands that
 * only read (`mustExist`) refuse a SQLite path that holds no database rather than create an empty one.
 */
export async function withStore<T>(
  opts: { db?: string },
  fn: (store: EvidenceStore) => Promise<T>,
  options: { mustExist?: boolean } = {},
): Promise<T> {
  const target = await databaseTargetFrom(opts);
  if (options.mustExist && target.kind === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path))
    throw new EntenteError(
      'DB_NOT_FOUND',
      `No evidence database at ${target.path}: ingest articles first (entente ingest FILE --db ${target.path}) or check --db.`,
    );
  const store = await (await import('@entente/store')).EvidenceStore.open(target);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

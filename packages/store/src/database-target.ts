import path from 'node:path';

/** Where the store lives: a SQLite file or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** What the target is chosen from: a `--db` value, the environment and the home folder. */
export interface TargetInputs {
  db?: string | undefined;
  env: Record<string, string | undefined>;
  home: string;
}

/** The default SQLite file: `$XDG_DATA_HOME/entente/entente.db`, else `~/.local/share/entente/entente.db`. */
export function defaultDatabasePath(env: Record<string, string | undefined>, home: string): string {
  const dataHome = env.XDG_DATA_HOME?.trim() || path.join(home, '.local', 'share');
  return path.join(dataHome, 'entente', 'entente.db');
}

/** Chooses the database: `--db` wins, then `DATABASE_URL`, then the default SQLite file. */
export function resolveDatabaseTarget(inputs: TargetInputs): DatabaseTarget {
  const chosen = inputs.db?.trim() || inputs.env.DATABASE_URL?.trim();
  if (chosen && /^postgres(ql)?:\/\//i.test(chosen)) return { kind: 'postgres', url: chosen };
  if (chosen) return { kind: 'sqlite', path: chosen.replace(/^sqlite:(\/\/)?/i, '') };
  return { kind: 'sqlite', path: defaultDatabasePath(inputs.env, inputs.home) };
}

/** A target described for messages, without any password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return target.path;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The shared folder beside the repository (seeds and reference data), which a user's clone may lack. */
export const sharedDir = path.resolve(repoRoot, '../shared');
export const hasShared = existsSync(path.join(sharedDir, 'seeds'));
if (!hasShared)
  console.warn(`[cli tests] ${sharedDir}/seeds is absent: the checks of quotes against the seed articles are skipped.`);

/** Runs the `entente` binary as a user would and returns its exit code and output. */
export function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'packages/cli/bin/entente.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, ENTENTE_DEBUG: '', ...options.env },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

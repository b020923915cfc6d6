/**
 * Benchmark dispatcher: `npm run bench -- <name> [args]` runs packages/<pkg>/bench/<name>.ts
 * (the first package that has one).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(path.join(root, 'packages')).flatMap((pkg) => {
  const dir = path.join(root, 'packages', pkg, 'bench');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => ({ pkg, name: f.slice(0, -3) }))
    : [];
});
const target = available.find((b) => b.name === name);
if (!target) {
  process.stderr.write(
    `usage: npm run bench -- <name>\navailable: ${available.map((b) => b.name).join(', ') || '(none)'}\n`,
  );
  process.exit(2);
}
const script = path.join(root, 'packages', target.pkg, 'bench', `${target.name}.ts`);
const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...rest], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);

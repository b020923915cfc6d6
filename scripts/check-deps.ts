/**
 * The dependency check of `npm test`: dependency-cruiser for the package boundaries and the purity
 * of core (.dependency-cruiser.cjs), knip for unused and undeclared dependencies (knip.json), and
 * the web's imports from the server, which must be type-only (dependency-cruiser's TypeScript
 * support stops before TypeScript 7, so it cannot tell a type import from a value import).
 * Exits 1 when any of them finds a problem, after running all three.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

function run(title: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n— ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

/** Lines of the web's sources that import code (not only types) from the server. */
function webValueImportsOfServer(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) {
        const text = readFileSync(file, 'utf8');
        // Whole statements, so multi-line imports are read as one.
        for (const m of text.matchAll(/^\s*(import|export)\b([^;]*?)\bfrom\s*['"](@entente\/server[^'"]*)['"]/gms)) {
          const clause = m[2]!.trim();
          const typeOnly =
            clause.startsWith('type ') ||
            (/^\{[^}]*\}$/s.test(clause) &&
              clause
                .slice(1, -1)
                .split(',')
                .every((n) => n.trim() === '' || n.trim().startsWith('type ')));
          if (!typeOnly) found.push(`${path.relative(root, file)}: ${m[0].trim().split('\n')[0]}`);
        }
      }
    }
  };
  walk(path.join(root, 'packages/web/src'));
  return found;
}

const cruise = run('dependency-cruiser: package boundaries, core without Node built-ins', bin('depcruise'), [
  'packages',
  'scripts',
  '--config',
  '.dependency-cruiser.cjs',
]);
const knip = run('knip: unused and undeclared dependencies', bin('knip'), [
  '--include',
  'dependencies,unlisted,unresolved,binaries',
]);
process.stdout.write('\n— the web imports only types from the server\n');
const valueImports = webValueImportsOfServer();
for (const line of valueImports) process.stdout.write(`  error web-imports-server-types-only: ${line}\n`);
process.stdout.write(valueImports.length ? `x ${valueImports.length} value import(s)\n` : '✔ no value import\n');
process.exit(cruise && knip && valueImports.length === 0 ? 0 : 1);

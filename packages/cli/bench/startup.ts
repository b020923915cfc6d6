/**
 * Start-up benchmark: whole-process wall time of `node -e ''` (the floor), `entente --version` and
 * `entente analyze` of the flagship scenario, from the compiled CLI (rebuilt first, so it is fresh)
 * and from the TypeScript sources through tsx (ENTENTE_FROM_SOURCE=1, the start-up before the
 * build), all in the same run. Targets (issue 9): --version ≤ 0.3 s, analyze ≤ 2 s.
 * Usage: npm run bench -- startup [runs] (default 7; the sources get at most 3)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'packages/cli/bin/entente.js');
const scenario = path.join(root, 'scenarios/ukraine-2025/scenario.yaml');
const runs = Math.max(1, Number(process.argv[2] ?? 7));

/** Runs a command `n` times from the system's temporary folder and returns the wall times in seconds. */
function time(args: string[], n: number, env: Record<string, string> = {}): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, {
      cwd: '/tmp',
      env: { ...process.env, ENTENTE_DEBUG: '', ...env },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.split('\n')[0]}`);
    times.push(seconds);
  }
  return times;
}

const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build.ts')], {
  cwd: root,
  encoding: 'utf8',
});
if (build.status !== 0) throw new Error(`the build failed: ${build.stderr}`);
process.stdout.write(`${build.stdout.trim()}\n\n`);

const rows: [string, number[], number | undefined][] = [
  ["node -e ''", time(['-e', ''], runs), undefined],
  ['entente --version (compiled)', time([bin, '--version'], runs), 0.3],
  ['entente analyze flagship (compiled)', time([bin, 'analyze', scenario], runs), 2],
  // The sources (what runs while developing, before a build) are shown for scale; the targets are for what npm ci installs.
  [
    'entente --version (sources, tsx)',
    time([bin, '--version'], Math.min(3, runs), { ENTENTE_FROM_SOURCE: '1' }),
    undefined,
  ],
  [
    'entente analyze flagship (sources, tsx)',
    time([bin, 'analyze', scenario], Math.min(3, runs), { ENTENTE_FROM_SOURCE: '1' }),
    undefined,
  ],
];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
process.stdout.write(`whole-process wall time, cwd /tmp, ${runs} runs (sources: ${Math.min(3, runs)})\n\n`);
process.stdout.write(`${'command'.padEnd(42)} ${'min'.padStart(8)} ${'median'.padStart(8)}  target\n`);
for (const [name, times, target] of rows) {
  const verdict = target === undefined ? '' : `≤ ${target} s ${median(times) <= target ? 'met' : 'MISSED'}`;
  process.stdout.write(
    `${name.padEnd(42)} ${`${Math.min(...times).toFixed(3)}s`.padStart(8)} ${`${median(times).toFixed(3)}s`.padStart(8)}  ${verdict}\n`,
  );
}

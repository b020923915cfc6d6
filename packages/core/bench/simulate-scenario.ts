/**
 * Scenario simulation benchmark: `npm run bench -- simulate-scenario [runs]`.
 * Many seeded runs on the flagship (scenarios/ukraine-2025, four parties, 100 rounds), by CPU time
 * per core, beside a baseline measured in the same run: the offer oracle answered by scanning the
 * packages (extrapolated from 10^6 of the 3.3×10^7 settlements) instead of the additive staircase.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScenarioModel, parseScenarioText } from '../src/index';
import { type ManyRunsParams, runMany, scenarioTable } from '../src/simulation/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const text = readFileSync(path.join(root, 'scenarios/ukraine-2025/scenario.yaml'), 'utf8');
const model = buildScenarioModel(parseScenarioText(text).scenario!);
const parties = ['ukraine', 'russia', 'united_states', 'europe'];
const runs = Number(process.argv[2] ?? 3000);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const peak = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;

function measure(name: string, params: ManyRunsParams): void {
  const c0 = cpuMs();
  const t0 = performance.now();
  const r = runMany(model, params);
  const cpu = cpuMs() - c0;
  const wall = performance.now() - t0;
  console.log(
    `${name.padEnd(44)} ${((1000 * runs) / cpu).toFixed(0).padStart(7)} runs/s/core (CPU)  ${((1000 * runs) / wall).toFixed(0).padStart(7)} runs/s wall  P(agree) ${r.pAgreement.toFixed(3)} [${r.interval.map((x) => x.toFixed(3)).join(', ')}]  peak ${peak()}`,
  );
}

const config = {
  protocol: 'sao',
  strategies: ['boulware', 'conceder', 'linear', 'aspiration'],
  deadline: { kind: 'fixed' as const, steps: 100 },
};
const uncertainty = { spread: { weights: 0.2, values: 0.1, noDeal: 0.05 } };
console.log(
  `flagship: ${parties.length} parties, 14 issues, ${runs} runs of 100 rounds each; target ≥ 1,000 runs/s/core, < 200 MB`,
);
measure('sao, fixed inputs', { config, runs, seed: 1, table: { parties } });
measure('sao, uncertain weights/values/walk-aways', { config, runs, seed: 1, table: { parties }, uncertainty });
measure('sao, uncertain + sanctions sweep 0..3 from r30', {
  config,
  runs,
  seed: 1,
  table: { parties },
  uncertainty,
  leverSweep: { lever: 'us_sanctions_and_tariffs', strengths: [0, 1, 2, 3], round: 30 },
});
measure('mediated, uncertain', {
  config: { ...config, protocol: 'mediated' },
  runs,
  seed: 1,
  table: { parties },
  uncertainty,
});

// Baseline: the same offer query answered by scanning packages.
const table = scenarioTable(model, { parties });
const q0 = cpuMs();
let queries = 0;
for (let level = 0.5; level < 0.99; level += 0.0005, queries++) table.bestAtOrAbove(0, level, 1);
const staircaseMs = (cpuMs() - q0) / queries;
const scan = 1_000_000;
const s0 = cpuMs();
let best = -1;
let bestG = Number.NEGATIVE_INFINITY;
const allowed = table.allowed;
const strides = allowed.map((_, i) => allowed.slice(i + 1).reduce((acc, a) => acc * a.length, 1));
for (let k = 0; k < scan; k++) {
  let id = 0;
  for (let i = 0; i < allowed.length; i++)
    id = id * table.issues[i]!.options.length + allowed[i]![Math.floor(k / strides[i]!) % allowed[i]!.length]!;
  if (table.utility(0, id) < 0.7) continue;
  const g = table.utility(1, id) + table.utility(2, id) + table.utility(3, id);
  if (g > bestG) {
    bestG = g;
    best = id;
  }
}
const scanMs = ((cpuMs() - s0) / scan) * table.size;
console.log(
  `offer query: staircase ${(staircaseMs * 1000).toFixed(2)} µs (incl. building it once)  vs  baseline scan of ${table.size.toLocaleString('en')} settlements ≈ ${(scanMs / 1000).toFixed(1)} s (${best >= 0 ? 'found' : 'none'} in the first ${scan.toLocaleString('en')})`,
);

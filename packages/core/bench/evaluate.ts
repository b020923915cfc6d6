/**
 * Benchmark of proposal evaluation: `npm run bench -- evaluate [packages]`.
 * Engine: the index model (typed arrays). Baseline: the same sums read straight from the scenario's records.
 */
import { randomScenario } from '../src/contract/scenario-contract';
import { createRandom } from '../src/random/seeded-random';
import { evaluatePackage } from '../src/scenario/evaluate-proposal';
import { buildScenarioModel, utilityOf } from '../src/scenario/scenario-model';
import type { Scenario } from '../src/scenario/schema';

const count = Number(process.argv[2] ?? 200_000);
const rng = createRandom(7);
const scenario = randomScenario(rng, { actors: 6, issues: 12, proposals: 50 });
const model = buildScenarioModel(scenario);
const packages = Array.from({ length: count }, () =>
  Int32Array.from(model.issues, (issue) => rng.int(issue.options.length)),
);

function baselineUtility(s: Scenario, actorId: string, pkg: Int32Array): number {
  const pref = s.preferences[actorId]!;
  const total = Object.values(pref.weights).reduce((a, b) => a + b, 0);
  let u = 0;
  s.issues.forEach((issue, i) => {
    u += ((pref.weights[issue.id] ?? 0) / total) * (pref.values[issue.id]?.[issue.options[pkg[i]!]!.id] ?? 0);
  });
  return u;
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

const engine = time(() => {
  let acc = 0;
  for (const pkg of packages) for (const a of model.actors) acc += utilityOf(a, pkg);
  return acc;
});
const baseline = time(() => {
  let acc = 0;
  for (const pkg of packages) for (const a of model.actors) acc += baselineUtility(scenario, a.actor.id, pkg);
  return acc;
});
const full = time(() => {
  for (let k = 0; k < 2000; k++) evaluatePackage(model, packages[k]!);
});
const rate = (ms: number, n: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
console.log(
  `evaluation benchmark: ${model.actors.length} parties, ${model.issues.length} issues, ${count.toLocaleString('en-US')} packages`,
);
console.log(
  `  engine   (typed arrays)   ${engine.ms.toFixed(1)} ms  ${rate(engine.ms, count * model.actors.length)} party-utilities`,
);
console.log(
  `  baseline (records)        ${baseline.ms.toFixed(1)} ms  ${rate(baseline.ms, count * model.actors.length)} party-utilities`,
);
console.log(`  agree: ${Math.abs(engine.result - baseline.result) < 1e-6 * count}`);
console.log(`  full evaluation with explanations: ${(full.ms / 2000).toFixed(3)} ms per package`);
console.log(`  peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);

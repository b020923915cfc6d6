/**
 * Forecast speed benchmark: `npm run bench -- forecast [--draws 1000] [--ktab-draws K] [--threads 2]`.
 * All scoreable DEU III issues × every model × N Monte-Carlo draws through worker threads (the
 * runtime's forecast splitter), beside a baseline measured in the same run: the same tasks in one
 * thread on a tenth of the draws, timed per model and scaled up, plus the serial part (the point
 * forecasts and trajectories the main thread computes while the threads draw). KTAB's SMP gets
 * its own, smaller draw count (the engine's `ktabDraws`, default KTAB_DEFAULT_DRAWS), printed beside
 * the figures. Also checks that the draws do not depend on the thread count. Prints wall time, the
 * process's CPU time (all threads) and the load average, since the machine is shared. Lives in the
 * runtime package because it needs the worker pool (core cannot import runtime).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FORECAST_MODELS,
  type ForecastOptions,
  issueOf,
  KTAB_DEFAULT_DRAWS,
  loadForecastSource,
  planForecastTasks,
  runForecast,
  runForecastSplit,
  runForecastTask,
} from '@entente/core';
import { createForecastSplitter } from '../src/index';
import { batchTasks } from '../src/workers/forecast-splitter';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const file = path.resolve(root, '../shared/reference/forecasting/cases/deu3-issues.jsonl');
if (!existsSync(file)) {
  console.error(`${file} not found: the forecast benchmark needs the shared reference data.`);
  process.exit(2);
}
const arg = (name: string, fallback: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? Number(process.argv[k + 1]) : fallback;
};
const DRAWS = arg('draws', 1000);
const KTAB_DRAWS = Math.min(DRAWS, arg('ktab-draws', KTAB_DEFAULT_DRAWS));
const THREADS = arg('threads', 2);
const MODELS = [...FORECAST_MODELS];

const cases = loadForecastSource(
  { name: file, text: readFileSync(file, 'utf8') },
  { capability: 'council_votes' },
).filter((c) => c.outcome !== undefined && issueOf(c, 0).x.length >= 3);
const options = (draws: number, ktabDraws: number): ForecastOptions => ({
  models: MODELS,
  draws,
  ktabDraws,
  seed: 1,
  sensitivity: false,
});
const load = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(' ');
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
/** Wall and CPU seconds (every thread of the process) of an async step. */
async function timed<T>(step: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = cpuNow();
  const value = await step();
  return { value, wall: (performance.now() - t0) / 1000, cpu: cpuNow() - c0 };
}
const fmt = (r: { wall: number; cpu: number }) => `${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU`;

console.log(
  `${cases.length} DEU III issues × ${MODELS.join(', ')} × ${DRAWS} draws (ktab: ${KTAB_DRAWS} draws, its own smaller default); ${THREADS} worker threads; load average ${load()}`,
);

// Baseline: the same tasks in this thread on a tenth of the draws, timed per model.
const tenth = Math.max(1, Math.round(DRAWS / 10));
const ktabTenth = Math.max(1, Math.round(KTAB_DRAWS / 10));
const small = options(tenth, ktabTenth);
const perModel = new Map<string, number>();
const baseStart = performance.now();
const baseTasks = planForecastTasks(cases, small);
for (const task of baseTasks) {
  const c0 = cpuNow();
  runForecastTask(task);
  perModel.set(task.model, (perModel.get(task.model) ?? 0) + cpuNow() - c0);
}
const draws = (model: string) => (model === 'ktab' ? KTAB_DRAWS : DRAWS);
const tenthOf = (model: string) => (model === 'ktab' ? ktabTenth : tenth);
const scaled = [...perModel].map(([model, cpu]) => ({ model, cpu: (cpu * draws(model)) / tenthOf(model) }));
const base = await timed(() => runForecast(cases, small));
const serialPart = await timed(() => runForecast(cases, { ...options(0, 0) }));
console.log(
  `baseline, one thread, ${tenth} draws (ktab ${ktabTenth}): ${fmt(base)} (${((performance.now() - baseStart) / 1000).toFixed(1)} s with the per-model pass); serial part (point forecasts, no draws): ${fmt(serialPart)}`,
);
console.log(
  `  CPU per model for the full run, scaled from the baseline: ${scaled.map((s) => `${s.model} ${s.cpu.toFixed(1)} s`).join(', ')}; one thread ≈ ${(scaled.reduce((a, s) => a + s.cpu, 0) + serialPart.cpu).toFixed(0)} s`,
);
const ktabPerDraw = (perModel.get('ktab') ?? 0) / ktabTenth;
console.log(
  `  ktab: ${ktabPerDraw.toFixed(2)} s CPU per draw of the ${cases.length} issues, so 1,000 draws would take ≈ ${(ktabPerDraw * 1000).toFixed(0)} s of CPU (≈ ${((ktabPerDraw * 1000) / 2).toFixed(0)} s wall on two idle cores): it keeps ${KTAB_DRAWS} draws`,
);

const splitter = createForecastSplitter(THREADS);
try {
  const smallSplit = await timed(() => runForecastSplit(cases, small, splitter));
  const same = JSON.stringify(smallSplit.value.intervals) === JSON.stringify(base.value.intervals);
  console.log(`worker threads, ${tenth} draws: ${fmt(smallSplit)}; intervals identical to one thread: ${same}`);
  const full = await timed(() => runForecastSplit(cases, options(DRAWS, KTAB_DRAWS), splitter));
  const unavailable = [...new Set(full.value.errors.map((e) => e.model))];
  console.log(
    `worker threads, ${DRAWS} draws (ktab ${KTAB_DRAWS}): ${fmt(full)} (target ≤ 60 s wall on 2 cores); load average ${load()}${unavailable.length ? `; not run: ${unavailable.join(', ')} (${full.value.errors[0]!.code})` : ''}`,
  );
  const fullTasks = planForecastTasks(cases, options(DRAWS, KTAB_DRAWS));
  console.log(
    `  ${fullTasks.length} tasks in ${batchTasks(fullTasks, THREADS).length} messages, the longest (ktab, bdm) first; the serial part runs in the main thread meanwhile`,
  );
} finally {
  await splitter.close();
}

/**
 * Forecast speed benchmark: `npm run bench -- forecast [--draws 1000] [--threads 2] [--ktab-draws 10]`.
 * All scoreable DEU III issues × every model × N Monte-Carlo draws through worker threads (the
 * runtime's forecast splitter), beside a baseline measured in the same run: the same work in one
 * thread on a tenth of the draws, scaled up. Also checks that the draws do not depend on the
 * thread count (the split run's intervals equal the one-thread run's on the same draws).
 * KTAB's SMP is timed apart on `--ktab-draws` draws (one thread), as its Monte-Carlo cost is of
 * another order. Lives in the runtime package because it needs the worker pool (core cannot import runtime).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ForecastOptions, issueOf, loadForecastSource, runForecast, runForecastSplit } from '@entente/core';
import { createForecastSplitter } from '../src/index';

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
const THREADS = arg('threads', 2);
const KTAB_DRAWS = arg('ktab-draws', 10);
const FAST: ForecastOptions['models'] = ['weighted_mean', 'weighted_median', 'bdm'];

const cases = loadForecastSource(
  { name: file, text: readFileSync(file, 'utf8') },
  { capability: 'council_votes' },
).filter((c) => c.outcome !== undefined && issueOf(c, 0).x.length >= 3);
const options = (draws: number, models = FAST): ForecastOptions => ({
  models,
  draws,
  seed: 1,
  sensitivity: false,
});
const seconds = (t0: number) => (performance.now() - t0) / 1000;

console.log(`${cases.length} DEU III issues × ${FAST.join(', ')} × ${DRAWS} draws; ${THREADS} worker threads`);
const tenth = Math.max(1, Math.round(DRAWS / 10));
let t0 = performance.now();
const single = runForecast(cases, options(tenth));
const baseline = seconds(t0);
console.log(
  `baseline, one thread, ${tenth} draws: ${baseline.toFixed(1)} s (≈ ${(baseline * (DRAWS / tenth)).toFixed(0)} s for ${DRAWS})`,
);

const splitter = createForecastSplitter(THREADS);
try {
  t0 = performance.now();
  const small = await runForecastSplit(cases, options(tenth), splitter);
  const same = JSON.stringify(small.intervals) === JSON.stringify(single.intervals);
  console.log(
    `worker threads, ${tenth} draws: ${seconds(t0).toFixed(1)} s; intervals identical to one thread: ${same}`,
  );
  t0 = performance.now();
  const full = await runForecastSplit(cases, options(DRAWS), splitter);
  const total = seconds(t0);
  const unavailable = [...new Set(full.errors.map((e) => e.model))];
  console.log(
    `worker threads, ${DRAWS} draws: ${total.toFixed(1)} s (target ≤ 60 s on 2 cores)${unavailable.length ? `; not run: ${unavailable.join(', ')} (${full.errors[0]!.code})` : ''}`,
  );
} finally {
  await splitter.close();
}
if (KTAB_DRAWS > 0) {
  t0 = performance.now();
  runForecast(cases, { ...options(KTAB_DRAWS, ['ktab']), models: ['ktab'] });
  const k = seconds(t0);
  console.log(
    `ktab (and the cheap baselines), one thread, ${KTAB_DRAWS} draws: ${k.toFixed(1)} s, ≈ ${(k * (DRAWS / KTAB_DRAWS)).toFixed(0)} s for ${DRAWS} draws`,
  );
}

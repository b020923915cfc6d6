/**
 * DEU III validation of the forecasting models: `npm run bench -- forecast-deu [--draws N]`.
 * Every model on the 351 scoreable issues (outcome known, at least three actors with salience), by
 * capability variant: MAE, median AE, RMSE and the paired-bootstrap 95% interval of each model's
 * MAE minus the compromise model's; Monte-Carlo interval coverage (80 % and 90 %); split-conformal
 * predictive intervals calibrated on a frozen random half and scored on the other half; the EC
 * car-emissions case; and a compromise variant with fitted Commission/Parliament weights, fitted on
 * the frozen half and scored on the other half only.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  calibrateConformal,
  conformalInterval,
  createRandom,
  DEFAULT_UNCERTAINTY,
  type ForecastCase,
  type ForecastModel,
  forecastIssue,
  forecastQuantile,
  isBinaryIssue,
  issueOf,
  loadForecastSource,
  monteCarlo,
  runBdm,
  weightedMean,
} from '../src/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ref = path.resolve(root, '../shared/reference/forecasting');
if (!existsSync(path.join(ref, 'cases', 'deu3-issues.jsonl'))) {
  console.error(`${ref}/cases/deu3-issues.jsonl not found: the DEU validation needs the shared reference data.`);
  process.exit(2);
}
const arg = (name: string, fallback: number) => {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? Number(process.argv[k + 1]) : fallback;
};
const DRAWS = arg('draws', 200);
const BOOT = 2000;
const BOOT_SEED = 20260101;
const SPLIT_SEED = 14;

const file = path.join(ref, 'cases', 'deu3-issues.jsonl');
const text = readFileSync(file, 'utf8');
const load = (capability: string) =>
  loadForecastSource({ name: file, text }, { capability }).filter(
    (c) => c.outcome !== undefined && issueOf(c, 0).x.length >= 3,
  );

const stats = (errs: number[]) => {
  const s = [...errs].sort((a, b) => a - b);
  const mean = errs.reduce((a, b) => a + b, 0) / errs.length;
  const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  const rmse = Math.sqrt(errs.reduce((a, b) => a + b * b, 0) / errs.length);
  return { mean, mid, rmse };
};

/** Paired bootstrap of mean(a − b): 95% percentile interval. */
function bootstrap(a: number[], b: number[], seed: number): [number, number] {
  const rng = createRandom(seed);
  const n = a.length;
  const out = new Float64Array(BOOT);
  for (let k = 0; k < BOOT; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      s += a[j]! - b[j]!;
    }
    out[k] = s / n;
  }
  return [forecastQuantile(out, 0.025), forecastQuantile(out, 0.975)];
}

const dichotomous = (c: ForecastCase) => issueOf(c, 0).x.every((v) => v === 0 || v === 100);
const fmt = (v: number) => v.toFixed(2);
const MODELS: ForecastModel[] = ['weighted_mean', 'weighted_median', 'nash', 'nash_vote', 'bdm', 'ktab'];

/** Commission/Parliament weight multipliers on the compromise model (the fitted variant). */
function compromiseWith(c: ForecastCase, kc: number, ke: number): number {
  const is = issueOf(c, 0);
  const w = Float64Array.from(is.c, (ci, k) => {
    const id = c.actors[is.actors[k]!]!.id;
    return ci * is.s[k]! * (id === 'com' ? kc : id === 'ep' ? ke : 1);
  });
  return weightedMean(is.x, w);
}

console.log(`DEU III validation (${file})`);
console.log(
  `bootstrap: ${BOOT} resamples, seed ${BOOT_SEED}; Monte-Carlo: ${DRAWS} draws per issue; split seed ${SPLIT_SEED}\n`,
);
const lines: string[] = [];
for (const variant of ['equal', 'council_votes']) {
  const cases = load(variant);
  const t0 = performance.now();
  const preds = new Map<ForecastModel, number[]>();
  const unavailable: string[] = [];
  for (const m of MODELS) {
    try {
      preds.set(
        m,
        cases.map((c) => forecastIssue(m, issueOf(c, 0))),
      );
    } catch (e) {
      unavailable.push(`${m}: ${(e as Error).message}`);
    }
  }
  const outcome = cases.map((c) => c.outcome!);
  const base = preds.get('weighted_mean')!.map((p, i) => Math.abs(p - outcome[i]!));
  console.log(
    `capability = ${variant}: ${cases.length} issues (${cases.filter(dichotomous).length} dichotomous), ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const rows = [['model', 'subset', 'n', 'MAE', 'median AE', 'RMSE', 'ΔMAE vs compromise [95% CI]']];
  for (const [m, p] of preds) {
    for (const subset of ['all', 'non-dichotomous', 'dichotomous'] as const) {
      const keep = cases.map((c) => subset === 'all' || (subset === 'dichotomous') === dichotomous(c));
      const err = p.map((v, i) => Math.abs(v - outcome[i]!)).filter((_, i) => keep[i]);
      const b = base.filter((_, i) => keep[i]);
      const s = stats(err);
      const diff = err.reduce((a, v, i) => a + v - b[i]!, 0) / err.length;
      const ci =
        m === 'weighted_mean'
          ? ''
          : `${diff >= 0 ? '+' : ''}${fmt(diff)} [${fmt(bootstrap(err, b, BOOT_SEED)[0])}, ${fmt(bootstrap(err, b, BOOT_SEED)[1])}]`;
      rows.push([m, subset, String(err.length), fmt(s.mean), fmt(s.mid), fmt(s.rmse), ci]);
    }
  }
  for (const r of rows) console.log(`  ${r.map((c, k) => c.padEnd([16, 16, 4, 7, 10, 7, 0][k]!)).join(' ')}`);
  for (const u of unavailable) console.log(`  (not run) ${u}`);
  lines.push(...rows.slice(1).map((r) => `| ${variant} | ${r.join(' | ')} |`));

  // The frozen random half: anything calibrated or fitted uses `fit`, and is scored on `held` only.
  const order = createRandom(SPLIT_SEED).shuffle([...cases.keys()]);
  const fit = new Set(order.slice(0, Math.floor(cases.length / 2)));
  const held = [...cases.keys()].filter((i) => !fit.has(i));

  // Monte-Carlo coverage: share of outcomes inside each model's p10–p90 and p05–p95 of input noise.
  if (DRAWS > 0) {
    const t1 = performance.now();
    for (const m of ['weighted_mean', 'weighted_median', 'nash', 'nash_vote', 'bdm'] as ForecastModel[]) {
      const cover = { 80: 0, 90: 0 };
      const width = { 80: 0, 90: 0 };
      cases.forEach((c, i) => {
        const is = issueOf(c, 0);
        const binary = isBinaryIssue(is);
        const v = monteCarlo(is, (d) => forecastIssue(m, d, {}, binary), DRAWS, 1, [i], DEFAULT_UNCERTAINTY);
        for (const level of [80, 90] as const) {
          const lo = forecastQuantile(v, (1 - level / 100) / 2);
          const hi = forecastQuantile(v, (1 + level / 100) / 2);
          width[level] += hi - lo;
          if (outcome[i]! >= lo && outcome[i]! <= hi) cover[level]++;
        }
      });
      const pc = (k: 80 | 90) =>
        `${((100 * cover[k]) / cases.length).toFixed(1)} % (width ${(width[k] / cases.length).toFixed(1)})`;
      console.log(`  Monte-Carlo coverage (${m}): p10–p90 ${pc(80)}, p05–p95 ${pc(90)}`);
    }
    // Would much wider input noise cover the outcomes? (±25 points, ±0.25 salience, ±50 % capability.)
    const wide = { ...DEFAULT_UNCERTAINTY, position: 25, salience: 0.25, capability: 0.5 };
    for (const m of ['weighted_mean', 'nash_vote'] as ForecastModel[]) {
      let inside = 0;
      let width = 0;
      cases.forEach((c, i) => {
        const is = issueOf(c, 0);
        const binary = isBinaryIssue(is);
        const v = monteCarlo(is, (d) => forecastIssue(m, d, {}, binary), DRAWS, 1, [i], wide);
        const lo = forecastQuantile(v, 0.1);
        const hi = forecastQuantile(v, 0.9);
        width += hi - lo;
        if (outcome[i]! >= lo && outcome[i]! <= hi) inside++;
      });
      console.log(
        `  Monte-Carlo coverage with wide input noise (${m}): p10–p90 ${((100 * inside) / cases.length).toFixed(1)} % (width ${(width / cases.length).toFixed(1)})`,
      );
    }
    console.log(`  Monte-Carlo: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  }

  // Predictive intervals: split-conformal, calibrated on the frozen half, per class (yes/no issues or not).
  const binaryOf = cases.map((c) => isBinaryIssue(issueOf(c, 0)));
  for (const m of ['weighted_mean', 'nash', 'nash_vote'] as ForecastModel[]) {
    const p = preds.get(m)!;
    const calOf = (b: boolean) => {
      const ids = [...fit].filter((i) => binaryOf[i] === b);
      return calibrateConformal(
        ids.map((i) => p[i]!),
        ids.map((i) => outcome[i]!),
      );
    };
    const cal = { true: calOf(true), false: calOf(false) };
    const parts: string[] = [];
    for (const level of [0.8, 0.9]) {
      let inside = 0;
      let width = 0;
      for (const i of held) {
        const [lo, hi] = conformalInterval(p[i]!, cal[`${binaryOf[i]!}`], level, 0, 100);
        width += hi - lo;
        if (outcome[i]! >= lo && outcome[i]! <= hi) inside++;
      }
      parts.push(
        `${level * 100} %: coverage ${((100 * inside) / held.length).toFixed(1)} %, mean width ${(width / held.length).toFixed(1)}`,
      );
    }
    console.log(
      `  conformal predictive interval (${m}; calibrated on ${fit.size}, split seed ${SPLIT_SEED}; held-out ${held.length}): ${parts.join('; ')}`,
    );
  }

  // Fitted variant: Commission and Parliament weight multipliers, fitted on a frozen random half.
  const grid = [0, 0.5, 1, 1.5, 2, 3, 4];
  let best = { kc: 1, ke: 1, mae: Number.POSITIVE_INFINITY };
  for (const kc of grid)
    for (const ke of grid) {
      let s = 0;
      for (const i of fit) s += Math.abs(compromiseWith(cases[i]!, kc, ke) - outcome[i]!);
      if (s / fit.size < best.mae) best = { kc, ke, mae: s / fit.size };
    }
  const errFit = held.map((i) => Math.abs(compromiseWith(cases[i]!, best.kc, best.ke) - outcome[i]!));
  const errBase = held.map((i) => base[i]!);
  const [lo, hi] = bootstrap(errFit, errBase, BOOT_SEED);
  // The Nash model has no fitted parameter; its score on the same held-out half is shown for comparison.
  for (const m of ['nash', 'nash_vote'] as ForecastModel[]) {
    const p = preds.get(m)!;
    const errM = held.map((i) => Math.abs(p[i]! - outcome[i]!));
    const [nlo, nhi] = bootstrap(errM, errBase, BOOT_SEED);
    console.log(
      `  ${m} (no fitted parameter) on the same held-out ${held.length} issues: MAE ${fmt(stats(errM).mean)} vs compromise ${fmt(stats(errBase).mean)}, Δ [${fmt(nlo)}, ${fmt(nhi)}]`,
    );
  }
  console.log(
    `  fitted compromise (Commission ×${best.kc}, Parliament ×${best.ke}; fit on ${fit.size}, split seed ${SPLIT_SEED}): held-out MAE ${fmt(stats(errFit).mean)} vs compromise ${fmt(stats(errBase).mean)} on the same ${held.length} issues, Δ [${fmt(lo)}, ${fmt(hi)}]\n`,
  );
}

// The EC car-emissions case: BDM in the published regime.
const ec = loadForecastSource({
  name: 'bdm-ec-auto-emissions-1994.json',
  text: readFileSync(path.join(ref, 'cases', 'bdm-ec-auto-emissions-1994.json'), 'utf8'),
})[0]!;
const is = issueOf(ec, 0);
const r = runBdm(is.x, is.c, is.s, is);
console.log('EC car emissions (BDM 1994; Scholz 2011 per-round medians 8.4–9.9, outcome 8.833):');
console.log(`  BDM medians per round: ${r.medians.map(fmt).join(' ')}; means: ${r.means.map(fmt).join(' ')}`);
console.log(
  `  BDM forecast ${fmt(r.forecast)} (error ${fmt(Math.abs(r.forecast - 8.833))}); weighted mean ${fmt(r.means[0]!)}, weighted median ${fmt(r.medians[0]!)}`,
);
if (process.argv.includes('--markdown')) console.log(`\n${lines.join('\n')}`);

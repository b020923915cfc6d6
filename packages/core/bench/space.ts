/**
 * Agreement-space benchmark: `npm run bench -- space`.
 * Engine (exact divide-and-merge frontier + solutions) beside straightforward float baselines, in
 * one process: Energy 2011 (390,625 outcomes), 7issues (10,000,000) and a synthetic 4-party,
 * 10-issue space (1,048,576). Engine stages run first so their peak RSS is not inflated by baselines.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AdditiveSpace,
  analyzeSpace,
  createRandom,
  geniusToSpace,
  paretoFrontier,
  prepareSpace,
  readGeniusDomain,
  readGeniusProfile,
} from '../src/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ref = path.resolve(root, '../shared/reference/negotiation');

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const peak = () => mb(process.resourceUsage().maxRSS * 1024);
const ms = (t: number) => `${t.toFixed(1)} ms`;

function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

function loadReference(id: string): { space: AdditiveSpace; paretoN: number } | null {
  const file = path.join(ref, 'expected', `${id}.json`);
  if (!existsSync(file)) return null;
  const exp = JSON.parse(readFileSync(file, 'utf8'));
  const pair = exp.pairs[0];
  const domain = readGeniusDomain(readFileSync(path.join(ref, 'domains', exp.domain_file), 'utf8'), exp.domain_file);
  const profiles = pair.profiles.map((j: number) =>
    readGeniusProfile(
      readFileSync(path.join(ref, 'domains', exp.profiles[j].file), 'utf8'),
      domain,
      exp.profiles[j].file,
    ),
  );
  return { space: geniusToSpace(domain, profiles), paretoN: pair.pareto.n };
}

function syntheticSpace(): AdditiveSpace {
  const rng = createRandom(20251124);
  const m = 10;
  const r = 4;
  return {
    issues: Array.from({ length: m }, (_, i) => ({
      id: `issue${i}`,
      options: Array.from({ length: r }, (_, j) => `o${j}`),
      statusQuo: 0,
    })),
    parties: Array.from({ length: 4 }, (_, p) => ({
      id: `party${p}`,
      reservation: 0.3,
      contributions: Array.from({ length: m }, () => {
        const w = rng.next() / 5;
        return Float64Array.from({ length: r }, () => Math.round(w * rng.next() * 10_000) / 10_000);
      }),
    })),
  };
}

/** Float utilities of every outcome (plain loops, capped), one Float64Array per party. */
function enumerateFloat(space: AdditiveSpace): Float64Array[] {
  const radices = space.issues.map((i) => i.options.length);
  const total = radices.reduce((a, b) => a * b, 1);
  return space.parties.map((party) => {
    const u = new Float64Array(total);
    const digits = new Array<number>(radices.length).fill(0);
    for (let o = 0; o < total; o++) {
      let s = 0;
      for (let i = 0; i < radices.length; i++) s += party.contributions[i]![digits[i]!]!;
      u[o] = party.cap !== undefined && s > party.cap ? party.cap : s;
      for (let i = radices.length - 1; i >= 0; i--) {
        if (++digits[i]! < radices[i]!) break;
        digits[i] = 0;
      }
    }
    return u;
  });
}

/** Baseline 2-party frontier: float sort by (u0 desc, u1 desc) and sweep, ties kept. */
function floatSortSweep(u0: Float64Array, u1: Float64Array): number {
  const order = new Uint32Array(u0.length);
  for (let j = 0; j < order.length; j++) order[j] = j;
  order.sort((a, b) => u0[b]! - u0[a]! || u1[b]! - u1[a]!);
  let count = 0;
  let best = Number.NEGATIVE_INFINITY;
  let i = 0;
  while (i < order.length) {
    const head = order[i]!;
    let j = i + 1;
    while (j < order.length && u0[order[j]!] === u0[head]) j++;
    if (u1[head]! > best) {
      for (let t = i; t < j && u1[order[t]!] === u1[head]; t++) count++;
      best = u1[head]!;
    }
    i = j;
  }
  return count;
}

/** Baseline n-party frontier of a sample: all-pairs dominance (O(n²)). */
function pairwiseSample(us: Float64Array[], sample: Uint32Array): number {
  const k = us.length;
  let count = 0;
  for (const x of sample) {
    let dominated = false;
    for (const y of sample) {
      let ge = true;
      let gt = false;
      for (let p = 0; p < k && ge; p++) {
        const a = us[p]![y]!;
        const b = us[p]![x]!;
        if (a < b) ge = false;
        else if (a > b) gt = true;
      }
      if (ge && gt) {
        dominated = true;
        break;
      }
    }
    if (!dominated) count++;
  }
  return count;
}

const rows: string[][] = [['case', 'method', 'time', 'frontier', 'peak RSS so far', 'note']];
const energy = loadReference('anac_y2011_Energy');
const seven = loadReference('7issues');
const synthetic = syntheticSpace();
if (!energy || !seven) process.stderr.write(`reference domains not found under ${ref}: Genius cases skipped\n`);

// Engine first.
if (energy) {
  prepareSpace(energy.space); // warm-up of the code paths
  paretoFrontier(prepareSpace(energy.space));
  const f = time(() => paretoFrontier(prepareSpace(energy.space)));
  rows.push([
    'Energy 2011 (390,625)',
    'engine: exact frontier',
    ms(f.ms),
    String(f.value.outcomes.length),
    peak(),
    `reference ${energy.paretoN}`,
  ]);
  const a = time(() => analyzeSpace(energy.space, { partialDeals: false }));
  rows.push([
    'Energy 2011 (390,625)',
    'engine: frontier + zone + 4 solutions',
    ms(a.ms),
    String(a.value.frontier.size),
    peak(),
    `nash #${a.value.solutions.nash.outcomes.join(',')}`,
  ]);
}
if (seven) {
  const f = time(() => paretoFrontier(prepareSpace(seven.space)));
  rows.push([
    '7issues (10,000,000)',
    'engine: exact frontier',
    ms(f.ms),
    String(f.value.outcomes.length),
    peak(),
    `reference ${seven.paretoN}`,
  ]);
  const a = time(() => analyzeSpace(seven.space, { partialDeals: false }));
  rows.push([
    '7issues (10,000,000)',
    'engine: frontier + zone + 4 solutions',
    ms(a.ms),
    String(a.value.frontier.size),
    peak(),
    '',
  ]);
}
{
  const f = time(() => paretoFrontier(prepareSpace(synthetic)));
  rows.push([
    'synthetic 4 parties × 10 issues (1,048,576)',
    'engine: exact frontier',
    ms(f.ms),
    String(f.value.outcomes.length),
    peak(),
    '',
  ]);
  const a = time(() => analyzeSpace(synthetic, { partialDeals: false }));
  rows.push([
    'synthetic 4 parties × 10 issues (1,048,576)',
    'engine: frontier + zone + 4 solutions',
    ms(a.ms),
    String(a.value.frontier.size),
    peak(),
    `zone ${a.value.zone.count}`,
  ]);
}

// Baselines.
for (const [name, c] of [
  ['Energy 2011 (390,625)', energy],
  ['7issues (10,000,000)', seven],
] as const) {
  if (!c) continue;
  const e = time(() => enumerateFloat(c.space));
  const s = time(() => floatSortSweep(e.value[0]!, e.value[1]!));
  rows.push([
    name,
    'baseline: enumerate + float sort-and-sweep',
    ms(e.ms + s.ms),
    String(s.value),
    peak(),
    `enumerate ${ms(e.ms)}; float ties ${s.value === c.paretoN ? 'agree' : 'DIFFER'}`,
  ]);
}
{
  const e = time(() => enumerateFloat(synthetic));
  const rng = createRandom(1);
  const n = 20_000;
  const sample = Uint32Array.from({ length: n }, () => rng.int(e.value[0]!.length));
  const s = time(() => pairwiseSample(e.value, sample));
  const total = e.value[0]!.length;
  const projected = (s.ms * (total / n) ** 2) / 1000 / 60;
  rows.push([
    'synthetic 4 parties × 10 issues (1,048,576)',
    `baseline: all-pairs dominance on a ${n} sample`,
    ms(e.ms + s.ms),
    `${s.value} (of sample)`,
    peak(),
    `full O(n²) ≈ ${projected.toFixed(0)} min`,
  ]);
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) process.stdout.write(`${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}\n`);

/**
 * Benchmark of the negotiation simulation: `npm run bench -- simulate [seconds-per-cell]`.
 * Engine: SAO on presorted typed arrays (binary-search offers). Baseline, measured in the same run: the
 * same runs with NegMAS' offer query, which scans every outcome on each call (FORMAT.md §5.4).
 * Rates are per CPU second of this process (one thread), the fair per-core figure on a shared machine.
 * Domains: the five Genius parity domains of ../shared/reference/simulation (synthetic ones without it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readGeniusDomain, readGeniusProfile } from '../src/genius/to-space';
import { createRandom } from '../src/random/seeded-random';
import { geniusTable } from '../src/simulation/genius-table';
import { simulate } from '../src/simulation/simulate';
import { randomDomain, tableOfDomain } from '../src/simulation/test-tables.test-helper';
import type { NegotiationTable, PackageId } from '../src/simulation/types';

const seconds = Number(process.argv[2] ?? 0.5);
const domainsDir = path.resolve(process.cwd(), '../shared/reference/negotiation/domains');
const PARITY: [string, string, string, string][] = [
  [
    'ItexvsCypress',
    'anac/y2010/ItexvsCypress/ItexvsCypress_domain.xml',
    'anac/y2010/ItexvsCypress/ItexvsCypress_Cypress.xml',
    'anac/y2010/ItexvsCypress/ItexvsCypress_Itex.xml',
  ],
  [
    'EnglandZimbabwe',
    'anac/y2010/EnglandZimbabwe/EnglandZimbabwe_domain.xml',
    'anac/y2010/EnglandZimbabwe/England.xml',
    'anac/y2010/EnglandZimbabwe/Zimbabwe.xml',
  ],
  [
    'Laptop',
    'negmas-tests/Laptop/Laptop-C-domain.xml',
    'negmas-tests/Laptop/Laptop-C-prof1.xml',
    'negmas-tests/Laptop/Laptop-C-prof2.xml',
  ],
  [
    'Camera',
    'negmas-tests/cameradomain/Camera-A-domain.xml',
    'negmas-tests/cameradomain/Camera-A-prof1.xml',
    'negmas-tests/cameradomain/Camera-A-prof2.xml',
  ],
  [
    'Car',
    'negmas-tests/Car-A-domain/Car-A-domain.xml',
    'negmas-tests/Car-A-domain/Car-A-prof1.xml',
    'negmas-tests/Car-A-domain/Car-A-prof2.xml',
  ],
];
const PAIRS = [
  ['boulware', 'conceder'],
  ['linear', 'linear'],
  ['boulware', 'boulware'],
  ['aspiration', 'tit-for-tat'],
  ['micro', 'micro'],
];

function tables(): { name: string; table: NegotiationTable }[] {
  if (PARITY.every(([, d]) => existsSync(path.join(domainsDir, d))))
    return PARITY.map(([name, d, ...profiles]) => {
      const read = (f: string) => readFileSync(path.join(domainsDir, f), 'utf8');
      const domain = readGeniusDomain(read(d), d);
      const sides = profiles.map((f) => ({ profile: readGeniusProfile(read(f), domain, f), text: read(f) }));
      return { name, table: geniusTable(domain, sides, 'entente') };
    });
  console.log(`(${domainsDir} not found: synthetic domains instead of the Genius parity domains)`);
  return [1, 2, 3].map((seed) => ({
    name: `synthetic-${seed}`,
    table: tableOfDomain(randomDomain(createRandom(seed), 2)),
  }));
}

/** The same table with the offer query NegMAS uses: a scan over every outcome on each call. */
function scanning(table: NegotiationTable): NegotiationTable {
  return {
    ...table,
    bestAtOrAbove(party, level, hi) {
      let best: PackageId | null = null;
      let bestU = Number.POSITIVE_INFINITY;
      for (let pkg = 0; pkg < table.size; pkg++) {
        const u = table.utility(party, pkg);
        if (u >= level - 1e-6 && u <= hi + 2e-6 && Math.abs(u - level) < Math.abs(bestU - level)) {
          best = pkg;
          bestU = u;
        }
      }
      return best;
    },
  };
}

/** CPU seconds of this process: on a machine shared with other work, the fair "per core" clock. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function measure(table: NegotiationTable, strategies: string[], budget: number): { rate: number; rounds: number } {
  let runs = 0;
  let rounds = 0;
  const c0 = cpuSeconds();
  while (cpuSeconds() - c0 < budget) {
    for (let i = 0; i < 50; i++) {
      const out = simulate(table, { protocol: 'sao', strategies, deadline: { kind: 'fixed', steps: 100 }, seed: runs });
      rounds += out.finalStep;
      runs++;
    }
  }
  return { rate: runs / (cpuSeconds() - c0), rounds: rounds / runs };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US').padStart(10);
console.log(
  `two-party SAO, 100-round deadline, ${seconds} CPU-s per cell, one core (runs per CPU second, so other load on the machine does not count; mean final step in brackets)`,
);
console.log(`${'domain'.padEnd(16)}${'pair'.padEnd(26)}${'engine'.padStart(10)}${'baseline'.padStart(10)}  speed-up`);
const all = tables();
// Warm-up, so the first cell is not charged with compiling the hot path.
for (const { table } of all) for (const pair of PAIRS) measure(table, pair, 0.02);
let total = 0;
let totalRounds = 0;
let cells = 0;
let min = Number.POSITIVE_INFINITY;
let minRounds = Number.POSITIVE_INFINITY;
for (const { name, table } of all) {
  const base = scanning(table);
  for (const pair of PAIRS) {
    const engine = measure(table, pair, seconds);
    const baseline = measure(base, pair, seconds / 2);
    total += engine.rate;
    totalRounds += engine.rate * engine.rounds;
    min = Math.min(min, engine.rate);
    if (engine.rounds >= 50) minRounds = Math.min(minRounds, engine.rate * engine.rounds);
    cells++;
    console.log(
      `${name.padEnd(16)}${`${pair.join('–')} (${engine.rounds.toFixed(0)})`.padEnd(26)}${fmt(engine.rate)}${fmt(baseline.rate)}  ×${(engine.rate / baseline.rate).toFixed(1)}`,
    );
  }
}
console.log(`mean ${fmt(total / cells).trim()} runs/s, slowest cell ${fmt(min).trim()} runs/s`);
// Runs that agree early are cheap; rounds/100 over the long cells counts runs as if they played all 100 rounds.
console.log(
  `rounds/s: mean ${fmt(totalRounds / cells).trim()}; slowest cell with ≥ 50 rounds a run: ${fmt(minRounds).trim()} = ${fmt(minRounds / 100).trim()} full 100-round runs/s (goal: ≥ 20,000 runs/s per core)`,
);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);

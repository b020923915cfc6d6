/**
 * GMCR engine benchmark: synthetic conflicts (3 and 4 DMs; 8-20 options; Nash, GMR, SMR, SEQ, SIM,
 * SEQ+SIM, textbook semantics), time and peak RSS per size, each size in a fresh process. The
 * definitional brute force runs beside it on the sizes it can handle, and the worker-thread
 * splitter (packages/runtime, as with `--threads N`, default N = all cores) on the sizes where workers could pay
 * (SIM/SEQ+SIM from 2^18 states), all in the same run, so each such size has a row with and one
 * without workers (the evidence behind the CLI's default of one thread). From 2^16 states the
 * SIM engine before issue 16 (`baseline`, SIM and SEQ+SIM only) runs beside the fast one, with and
 * without workers (`--no-baseline` skips it). In the fast rows SEQ+SIM is timed given the SIM
 * flags (it walks only the SIM-unstable states), as the analysis computes it. From 2^18 states two
 * more rows time SIM and SEQ+SIM alone on the splitter: `sim-tasks`, one task per DM (the splitter
 * before states were split), and `sim-ranges`, each DM's states cut into ranges over a plan built once
 * (the default); each row ends with the 1-minute load average, as other work on the machine skews wall time.
 * Usage: npm run bench -- gmcr [--max-options 20] [--min-options 8] [--dms 3,4] [--no-workers] [--classical] [--no-baseline] [--sim-only]
 *   [--threads N] (`--threads N`: the splitter with N threads, and on every size from 2^16 states,
 *   classical concepts included) [--no-coalitions | --coalitions-only] [--coalition-cap SECONDS]
 * Coalition rows (issue 16): coalition analyses over all coalitions and for the partition {0+1, rest}
 * at 2^12, 2^14 and 2^16 states, the fast engine beside the definitional solver (only where it
 * finishes within its time cap) in the same run, each in a fresh process.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALL_CONCEPTS,
  analyzeAllCoalitions,
  analyzePartition,
  analyzeStability,
  analyzeStabilityWith,
  CONCEPTS,
  compileModel,
  definitionalAllCoalitions,
  definitionalPartition,
  definitionalSimStability,
  definitionalStability,
  equilibriaOf,
  individualPlayers,
  type StabilityConcept,
  stabilityFor,
  syntheticModel,
  syntheticRankings,
} from '@entente/core';
import { createGmcrSplitter, tsxLoaderUrl } from '../src/index';

type Engine = 'fast' | 'brute-force' | 'workers' | 'baseline' | 'baseline-workers' | 'sim-tasks' | 'sim-ranges';

const SEED = 20250101;
const here = path.dirname(fileURLToPath(import.meta.url));
const referenceDir = path.resolve(here, '../../../../shared/reference/gmcr/synthetic');

interface Measurement {
  engine: Engine;
  dms: number;
  options: number;
  states: number;
  compileS: number;
  conceptS: Partial<Record<StabilityConcept, number>>;
  totalS: number;
  /** CPU seconds of the process (all threads) up to the end of the analysis: steadier than wall time on a shared machine. */
  cpuS: number;
  warmS: number;
  peakRssMB: number;
  equilibria: Partial<Record<StabilityConcept, number>>;
  checks: string;
}

/** Runs one size in this process and prints one JSON line. */
async function measureOne(
  dms: number,
  options: number,
  engine: Engine,
  classical: boolean,
  threads: number | undefined,
): Promise<void> {
  let workerTasks = 0;
  const old = engine === 'baseline' || engine === 'baseline-workers';
  const concepts: readonly StabilityConcept[] =
    old || engine.startsWith('sim-') ? ['sim', 'seqsim'] : classical ? CONCEPTS : ALL_CONCEPTS;
  const t0 = performance.now();
  const spec = { options, dms, seed: SEED };
  const graph = compileModel(syntheticModel(spec));
  const t1 = performance.now();
  const conceptS: Partial<Record<StabilityConcept, number>> = {};
  const equilibria = {} as Partial<Record<StabilityConcept, number>>;
  const players = individualPlayers(graph);
  // CPU seconds per simultaneous concept: on a shared machine, steadier than their wall time.
  const cpuNotes: string[] = [];
  if (engine === 'sim-tasks' || engine === 'sim-ranges') {
    // SIM and SEQ+SIM alone on the splitter: one task per DM (the path before) or ranges of states.
    const split = createGmcrSplitter({
      threads: threads ?? availableParallelism(),
      simSplit: engine === 'sim-tasks' ? 'tasks' : 'ranges',
    });
    const simConcepts = ['sim', 'seqsim'] as const;
    const cpuBefore = process.cpuUsage();
    const table = await analyzeStabilityWith(graph, 'textbook', split, simConcepts);
    const used = process.cpuUsage(cpuBefore);
    await split.close();
    if (!split.usedWorkers()) throw new Error('the splitter did not use workers for this size');
    workerTasks = split.workerTasks();
    // Tasks are in concept-major order: SIM for every DM, then SEQ+SIM for every DM.
    const done = split.lastTaskSeconds();
    const n = graph.payoffs.length;
    const simDone = Math.max(...done.slice(0, n));
    conceptS.sim = simDone;
    // (one task per DM: SEQ+SIM tasks may be done before the last SIM one)
    conceptS.seqsim = Math.max(0, Math.max(...done.slice(n)) - simDone);
    cpuNotes.push(`sim+seqsim cpu ${((used.user + used.system) / 1e6).toFixed(2)}s`);
    for (const c of simConcepts) equilibria[c] = equilibriaOf(table[c], graph.stateCount).length;
  } else if (engine === 'workers' || engine === 'baseline-workers') {
    // The runtime's worker-thread splitter, as the CLI uses it (core itself has no threads).
    const split = createGmcrSplitter({
      threads: threads ?? availableParallelism(),
      ...(old ? { simStrategy: 'baseline' as const } : {}),
    });
    const table = await analyzeStabilityWith(graph, 'textbook', split, concepts);
    await split.close();
    if (!split.usedWorkers()) throw new Error('the splitter did not use workers for this size');
    workerTasks = split.workerTasks();
    for (const c of concepts) equilibria[c] = equilibriaOf(table[c], graph.stateCount).length;
  } else {
    let simFlags: Uint8Array[] = [];
    for (const c of concepts) {
      const a = performance.now();
      const cpuBefore = process.cpuUsage();
      const flags =
        engine === 'fast'
          ? graph.payoffs.map((_, d) => stabilityFor(graph, d, c, 'textbook', 'auto', () => simFlags[d] ?? null))
          : engine === 'baseline'
            ? graph.payoffs.map((_, d) => stabilityFor(graph, d, c, 'textbook', 'baseline'))
            : c === 'sim' || c === 'seqsim'
              ? definitionalSimStability(graph, c, 'textbook')
              : definitionalStability(graph, players, c, 'textbook');
      if (c === 'sim') simFlags = flags;
      conceptS[c] = (performance.now() - a) / 1000;
      const used = process.cpuUsage(cpuBefore);
      if (c === 'sim' || c === 'seqsim') cpuNotes.push(`${c} cpu ${((used.user + used.system) / 1e6).toFixed(2)}s`);
      equilibria[c] = equilibriaOf(flags, graph.stateCount).length;
    }
  }
  const total = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  // A second pass over the four classical concepts with a warmed-up JIT (fast engine only).
  let warmS = Number.NaN;
  if (engine === 'fast') {
    const w = performance.now();
    analyzeStability(graph, 'textbook', CONCEPTS);
    warmS = (performance.now() - w) / 1000;
  }
  // Independent checks against the reference suite when it is present.
  const checks: string[] = [];
  const file = path.join(referenceDir, `syn_d${dms}_o${options}_s${SEED}.json`);
  if (existsSync(file)) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const hash = createHash('sha256');
    for (const r of syntheticRankings(spec)) hash.update(`${Array.from(r).join(',')};`);
    checks.push(`checksum ${hash.digest('hex') === doc.rankingSha256 ? 'ok' : 'MISMATCH'}`);
    const tb = doc.crossChecks?.textbook;
    const counts: Record<string, number> | undefined =
      tb?.equilibriaCounts ??
      (tb?.stability
        ? Object.fromEntries(
            CONCEPTS.map((c) => {
              const rows = tb.stability[c] as string[];
              let n = 0;
              for (let s = 0; s < rows[0]!.length; s++) if (rows.every((r) => r[s] === '1')) n++;
              return [c, n];
            }),
          )
        : undefined);
    if (counts)
      checks.push(
        `equilibrium counts ${CONCEPTS.every((c) => equilibria[c] === undefined || counts[c] === equilibria[c]) ? 'match reference' : 'DIFFER'}`,
      );
  }
  const m: Measurement = {
    engine,
    dms,
    options,
    states: graph.stateCount,
    compileS: (t1 - t0) / 1000,
    conceptS,
    totalS: total,
    cpuS: (cpu.user + cpu.system) / 1e6,
    warmS,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    equilibria,
    checks: [
      ...checks,
      ...cpuNotes,
      ...(engine.endsWith('workers') || engine.startsWith('sim-') ? [`${workerTasks} steps on workers`] : []),
      `load ${loadavg()[0]!.toFixed(2)}`,
    ].join(', '),
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

/** Seconds the definitional coalition solver may take per row (`--coalition-cap S`) before it is reported as not finishing. */
const COALITION_DEFINITIONAL_CAP_S = 300;

/** The definitional coalition solver is tried up to 2^12 states (2^12, 3 DMs: about 3 minutes; it grows with states squared). */
const COALITION_DEFINITIONAL_MAX_OPTIONS = 12;

/** Runs the coalition analyses for one size in this process and prints one JSON line. */
function measureCoalitionsOne(dms: number, options: number, engine: 'fast' | 'definitional'): void {
  const graph = compileModel(syntheticModel({ options, dms, seed: SEED }));
  const blocks = [[0, 1], ...Array.from({ length: dms - 2 }, (_, j) => [j + 2])];
  const cpu0 = process.cpuUsage();
  const a = performance.now();
  const all =
    engine === 'fast' ? analyzeAllCoalitions(graph, 'textbook') : definitionalAllCoalitions(graph, 'textbook');
  const b = performance.now();
  const part =
    engine === 'fast' ? analyzePartition(graph, blocks, 'textbook') : definitionalPartition(graph, blocks, 'textbook');
  const c = performance.now();
  const cpu = process.cpuUsage(cpu0);
  // A digest of every flag, so rows of different engines can be compared exactly.
  const hash = createHash('sha256');
  for (const k of CONCEPTS) for (const row of [...all.stability[k], ...part.stability[k]]) hash.update(row);
  process.stdout.write(
    `${JSON.stringify({
      allS: (b - a) / 1000,
      partitionS: (c - b) / 1000,
      cpuS: (cpu.user + cpu.system) / 1e6,
      states: graph.stateCount,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      counts: CONCEPTS.map((k) => `${all.equilibria[k].length}/${part.equilibria[k].length}`).join(' '),
      digest: hash.digest('hex').slice(0, 12),
    })}\n`,
  );
}

/** The coalition rows: fast beside definitional at 2^12, 2^14, 2^16 states, in the same run. */
function coalitionRows(dmCounts: number[], minOptions: number, maxOptions: number, capS: number): void {
  process.stdout.write(
    `\nGMCR coalition analyses (textbook, synthetic seed ${SEED}): all coalitions (CNash/CGMR/CSMR/CSEQ) and the partition {0+1, rest}; definitional up to 2^${COALITION_DEFINITIONAL_MAX_OPTIONS} states, capped at ${capS} s\n\n`,
  );
  process.stdout.write(
    'engine         DMs opts   states   all coal.  partition        cpu  peakRSS  equilibria all/partition N G S Q  digest        check\n',
  );
  const script = fileURLToPath(import.meta.url);
  for (const options of [12, 14, 16].filter((k) => k >= minOptions && k <= maxOptions))
    for (const dms of dmCounts) {
      let fastDigest = '';
      for (const engine of ['fast', 'definitional'] as const) {
        if (engine === 'definitional' && options > COALITION_DEFINITIONAL_MAX_OPTIONS) {
          process.stdout.write(
            `definitional   ${String(dms).padStart(3)} ${String(options).padStart(4)} ${String(2 ** options).padStart(8)}   not run (above 2^${COALITION_DEFINITIONAL_MAX_OPTIONS} states it cannot finish within the cap)\n`,
          );
          continue;
        }
        const r = spawnSync(
          process.execPath,
          ['--import', tsxLoaderUrl(), script, '--one-coalitions', String(dms), String(options), engine],
          { encoding: 'utf8', maxBuffer: 1 << 24, timeout: capS * 1000 },
        );
        const head = `${engine.padEnd(14)} ${String(dms).padStart(3)} ${String(options).padStart(4)} ${String(2 ** options).padStart(8)}`;
        if (r.status !== 0) {
          const why = r.signal ? `did not finish within ${capS} s` : r.stderr.split('\n')[0];
          process.stdout.write(`${head}   ${why}\n`);
          continue;
        }
        const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
        if (engine === 'fast') fastDigest = m.digest;
        const f = (x: number) => `${x.toFixed(3)}s`.padStart(10);
        const check = engine === 'fast' ? '' : m.digest === fastDigest ? 'same flags as fast' : 'DIFFERS from fast';
        process.stdout.write(
          `${head} ${f(m.allS)} ${f(m.partitionS)} ${f(m.cpuS)} ${`${m.peakRssMB.toFixed(0)}MB`.padStart(8)}  ${m.counts.padEnd(27)} ${m.digest}  ${check}\n`,
        );
      }
    }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--one-coalitions') {
    measureCoalitionsOne(Number(args[1]), Number(args[2]), args[3] as 'fast' | 'definitional');
    return;
  }
  if (args[0] === '--one') {
    await measureOne(
      Number(args[1]),
      Number(args[2]),
      args[3] as Engine,
      args[4] === 'classical',
      args[5] === undefined ? undefined : Number(args[5]),
    );
    return;
  }
  const maxIdx = args.indexOf('--max-options');
  const maxOptions = maxIdx >= 0 ? Number(args[maxIdx + 1]) : 20;
  const workers = !args.includes('--no-workers');
  const baseline = !args.includes('--no-baseline');
  const classical = args.includes('--classical');
  const minIdx = args.indexOf('--min-options');
  const minOptions = minIdx >= 0 ? Number(args[minIdx + 1]) : 8;
  const dmsIdx = args.indexOf('--dms');
  const dmCounts = dmsIdx >= 0 ? args[dmsIdx + 1]!.split(',').map(Number) : [3, 4];
  const threadsIdx = args.indexOf('--threads');
  const threads = threadsIdx >= 0 ? Number(args[threadsIdx + 1]) : undefined;
  const coalitions = !args.includes('--no-coalitions');
  const capIdx = args.indexOf('--coalition-cap');
  const capS = capIdx >= 0 ? Number(args[capIdx + 1]) : COALITION_DEFINITIONAL_CAP_S;
  if (args.includes('--coalitions-only')) {
    coalitionRows(dmCounts, minOptions, maxOptions, capS);
    return;
  }
  // `--sim-only`: the one-thread row and the two SIM splitter rows (one task per DM, ranges) only.
  const simOnly = args.includes('--sim-only');
  const runs: [number, number, Engine][] = [];
  for (const options of [8, 10, 12, 16, 18, 20].filter((k) => k <= maxOptions && k >= minOptions))
    for (const dms of dmCounts) {
      runs.push([dms, options, 'fast']);
      if (simOnly) {
        if (options >= 18) runs.push([dms, options, 'sim-tasks'], [dms, options, 'sim-ranges']);
        continue;
      }
      if (options <= 10) runs.push([dms, options, 'brute-force']);
      // Workers rows for SIM/SEQ+SIM from 2^18 states; with --threads, from 2^16 (any concepts).
      const large = !classical && options >= 18;
      if (workers && (large || (threads !== undefined && options >= 16))) runs.push([dms, options, 'workers']);
      // Today's engine beside the SIM engine before issue 16, in the same run.
      if (baseline && !classical && options >= 16) runs.push([dms, options, 'baseline']);
      if (baseline && workers && large) runs.push([dms, options, 'baseline-workers']);
      // SIM and SEQ+SIM alone on the splitter: one task per DM (before) beside ranges of states.
      if (workers && large) runs.push([dms, options, 'sim-tasks'], [dms, options, 'sim-ranges']);
    }
  const script = fileURLToPath(import.meta.url);
  const rows: Measurement[] = [];
  process.stdout.write(
    `GMCR benchmark (textbook semantics, synthetic seed ${SEED}); each size in a fresh process; workers rows: the runtime's splitter (as the CLI's --threads) with --threads ${threads ?? availableParallelism()} (main thread + workers), total incl. compile and worker start-up; sim-tasks / sim-ranges rows: SIM and SEQ+SIM alone on the splitter, one task per DM (the path before) / ranges of states, 'sim' = until every SIM flag is ready (incl. worker start-up), 'seqsim' = from then until every SEQ+SIM flag is; load average at start ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n\n`,
  );
  const header =
    'engine           DMs opts   states   compile     nash      gmr      smr      seq      sim   seqsim    total      cpu  warm(4)  peakRSS  equilibria N/G/S/Q/SIM/SEQ+SIM  checks';
  process.stdout.write(`${header}\n`);
  const fastCounts = new Map<string, string>();
  for (const [dms, options, engine] of runs) {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        tsxLoaderUrl(),
        script,
        '--one',
        String(dms),
        String(options),
        engine,
        classical ? 'classical' : 'all',
        ...(threads === undefined ? [] : [String(threads)]),
      ],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    if (r.status !== 0) {
      process.stdout.write(`${engine} ${dms}/${options}: failed (${r.stderr.split('\n')[0]})\n`);
      continue;
    }
    const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measurement;
    rows.push(m);
    const counts = ALL_CONCEPTS.map((c) => m.equilibria[c] ?? '-').join('/');
    const key = `${dms}/${options}`;
    if (engine === 'fast' || engine === 'brute-force') fastCounts.set(key, counts);
    else {
      // Compare the concepts this row computed with the fast single-thread row.
      const mine = ALL_CONCEPTS.filter((c) => m.equilibria[c] !== undefined);
      const fast = fastCounts.get(key)?.split('/') ?? [];
      const same = mine.every((c) => fast[ALL_CONCEPTS.indexOf(c)] === String(m.equilibria[c]));
      m.checks = `${m.checks}${m.checks ? ', ' : ''}${same ? 'same equilibria as fast 1 thread' : 'DIFFERS from fast 1 thread'}`;
    }
    const f = (x: number | undefined) => (x === undefined ? '       -' : `${x.toFixed(3)}s`.padStart(8));
    process.stdout.write(
      `${m.engine.padEnd(16)} ${String(m.dms).padStart(3)} ${String(m.options).padStart(4)} ${String(m.states).padStart(8)} ${f(m.compileS)} ${ALL_CONCEPTS.map((c) => f(m.conceptS[c])).join(' ')} ${f(m.totalS)} ${f(m.cpuS)} ${typeof m.warmS === 'number' && !Number.isNaN(m.warmS) ? f(m.warmS) : '       -'} ${`${m.peakRssMB.toFixed(0)}MB`.padStart(8)}  ${counts.padEnd(32)} ${m.checks}\n`,
    );
  }
  if (coalitions) coalitionRows(dmCounts, minOptions, maxOptions, capS);
}

await main();

import { z } from 'zod';
import { type LoadedScenario, loadScenarioSource } from '../engine/scenario-input';
import { defineEngine, type EngineContext, type SweepRange } from '../engine/types';
import { EntenteError } from '../errors';
import type { GeniusDomain } from '../genius/model';
import { readGeniusDomain, readGeniusProfile } from '../genius/to-space';
import { type GeniusSide, geniusTable } from './genius-table';
import { type Block, combineBlocks, type ManyRunsResult, runBlock } from './many-runs';
import { PROTOCOLS } from './protocols';
import { simulate } from './simulate';
import { strategyRegistry } from './strategy-registry';
import { scenarioTable } from './table/scenario-table';
import type { Compat, Deadline, NegotiationTable, RunConfig, RunOutcome } from './types';
import { runSeed } from './uncertainty';

/** `boulware,conceder` (by party order), `a=boulware,b=conceder` (by party id) or one name for everyone. */
export function parseStrategiesText(text: string): string[] | Record<string, string> {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.some((p) => p.includes('='))) return parts;
  const out: Record<string, string> = {};
  for (const part of parts) {
    const [party, name, ...rest] = part.split('=').map((p) => p.trim());
    if (!party || !name || rest.length > 0)
      throw new EntenteError(
        'SIMULATION_INVALID',
        `Cannot read "${part}" in the strategies; write names in party order (boulware,conceder) or party=name pairs.`,
      );
    out[party] = name;
  }
  return out;
}

/** `60-140`: a deadline drawn per run between two round counts. */
function parseRange(text: string): { min: number; max: number } {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (!m)
    throw new EntenteError(
      'SIMULATION_INVALID',
      `Write the random deadline as MIN-MAX rounds (e.g. 60-140), not "${text}".`,
    );
  return { min: Number(m[1]), max: Number(m[2]) };
}

const StrategiesSchema = z.union([z.array(z.string().min(1)).min(1).max(64), z.record(z.string(), z.string().min(1))]);

const params = z
  .object({
    protocol: z
      .string()
      .default('sao')
      .describe('protocol: sao (stacked alternating offers) or mediated (single text)'),
    strategies: z
      .preprocess((v) => (typeof v === 'string' ? parseStrategiesText(v) : v), StrategiesSchema)
      .optional()
      .describe(
        `strategies: names in party order (boulware,conceder), party=name pairs, or one name for all; default boulware. Names: ${strategyRegistry.names().join(', ')}`,
      ),
    steps: z.number().int().min(1).max(100_000).default(100).describe('deadline in rounds'),
    randomDeadline: z
      .preprocess(
        (v) => (typeof v === 'string' ? parseRange(v) : v),
        z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }),
      )
      .optional()
      .describe(
        'a deadline drawn per run between MIN-MAX rounds instead of --steps (parties that know it: see --unaware)',
      ),
    unaware: z
      .preprocess(
        (v) =>
          typeof v === 'string'
            ? v
                .split(',')
                .map((p) => p.trim())
                .filter(Boolean)
            : v,
        z.array(z.string()).max(64),
      )
      .optional()
      .describe('parties that do not know the deadline (they plan with --steps or the random range’s maximum)'),
    first: z.string().optional().describe('the party that opens (default: the first profile / party)'),
    compat: z
      .enum(['entente', 'negmas'])
      .default('entente')
      .describe('entente (stable ties, fresh state per run) or negmas (NegMAS’ tie order, for parity)'),
    runs: z.number().int().min(1).max(1_000_000).default(1).describe('number of seeded runs (1 prints the run itself)'),
    trace: z.boolean().default(false).describe('include every offer (for concession curves)'),
  })
  .strict();

type Params = z.output<typeof params>;

/** What the engine loads: a Genius domain with its profiles, or a scenario. */
type SimulateInput =
  | { kind: 'genius'; domain: GeniusDomain; sides: GeniusSide[]; names: string[] }
  | { kind: 'scenario'; loaded: LoadedScenario };

function tableOf(input: SimulateInput, compat: Compat): NegotiationTable {
  if (input.kind === 'genius') return geniusTable(input.domain, input.sides, compat);
  return scenarioTable(input.loaded.model);
}

function strategiesFor(table: NegotiationTable, given: Params['strategies']): string[] {
  if (given === undefined) return table.parties.map(() => 'boulware');
  if (Array.isArray(given)) {
    if (given.length === 1) return table.parties.map(() => given[0]!);
    if (given.length !== table.parties.length)
      throw new EntenteError(
        'SIMULATION_INVALID',
        `${given.length} strategies for ${table.parties.length} parties (${table.parties.join(', ')}): give one per party.`,
      );
    return given;
  }
  for (const id of Object.keys(given))
    if (!table.parties.includes(id))
      throw new EntenteError('SIMULATION_INVALID', `No party "${id}"; the parties are ${table.parties.join(', ')}.`);
  return table.parties.map((p) => {
    const name = given[p];
    if (!name) throw new EntenteError('SIMULATION_INVALID', `No strategy for party "${p}": name one for every party.`);
    return name;
  });
}

function partyIndex(table: NegotiationTable, id: string): number {
  const k = table.parties.indexOf(id);
  if (k < 0)
    throw new EntenteError('SIMULATION_INVALID', `No party "${id}"; the parties are ${table.parties.join(', ')}.`);
  return k;
}

const terms = (table: NegotiationTable, pkg: number | null) =>
  pkg === null
    ? null
    : Object.fromEntries(table.decode(pkg).map((o, i) => [table.issues[i]!.id, table.issues[i]!.options[o]!]));

function runJson(table: NegotiationTable, out: RunOutcome) {
  return {
    end: out.end,
    agreement: terms(table, out.agreement),
    finalStep: out.finalStep,
    utilities: out.utilities ? [...out.utilities] : null,
    walkedAway: out.walkedAway === null ? null : table.parties[out.walkedAway]!,
    deadline: out.deadline,
    ...(out.trace
      ? {
          trace: out.trace.map((t) => ({
            round: t.round,
            party: table.parties[t.party]!,
            utilities: [...t.utilities],
            terms: terms(table, t.offer),
          })),
        }
      : {}),
  };
}

/** Counts of a block of runs on a Genius table (scenarios get the many-runs module's full statistics). */
interface CountBlock {
  runs: number;
  agreements: number;
  stepSum: number;
  ends: Record<string, number>;
}

/** A block of a simulation sweep: the first run itself (in block 0) and the block's statistics. */
interface SimulationBlock {
  first?: ReturnType<typeof runJson>;
  counts?: CountBlock;
  scenario?: Block;
}

function summaryOf(blocks: readonly CountBlock[]) {
  const ends: Record<string, number> = {};
  let runs = 0;
  let agreements = 0;
  let steps = 0;
  for (const b of blocks) {
    runs += b.runs;
    agreements += b.agreements;
    steps += b.stepSum;
    for (const [k, v] of Object.entries(b.ends)) ends[k] = (ends[k] ?? 0) + v;
  }
  return {
    runs,
    agreements,
    agreementRate: runs ? agreements / runs : 0,
    meanFinalStep: runs ? steps / runs : 0,
    ends,
  };
}

/** Everything a run or a block needs, derived once from the input and the parameters. */
function planOf(input: SimulateInput, p: Params) {
  const table = tableOf(input, p.compat);
  const strategies = strategiesFor(table, p.strategies);
  const unaware = new Set((p.unaware ?? []).map((id) => partyIndex(table, id)));
  const deadline: Deadline = p.randomDeadline
    ? { kind: 'random', min: p.randomDeadline.min, max: p.randomDeadline.max }
    : { kind: 'fixed', steps: p.steps };
  if (!PROTOCOLS[p.protocol])
    throw new EntenteError(
      'SIMULATION_INVALID',
      `Unknown protocol "${p.protocol}"; known: ${Object.keys(PROTOCOLS).join(', ')}.`,
    );
  const base: Omit<RunConfig, 'seed' | 'trace'> = {
    protocol: p.protocol,
    strategies,
    deadline,
    knowsDeadline: table.parties.map((_, k) => !unaware.has(k)),
    firstProposer: p.first === undefined ? 0 : partyIndex(table, p.first),
    compat: p.compat,
  };
  return { table, strategies, base };
}

// Run r of a sweep with seed S is seeded as the many-runs module seeds it, so the printed first run is run 0.
const seedOfRun = (seed: number, run: number) => (runSeed(seed, run) ^ 0x9e3779b9) >>> 0;

function runBlockOf(
  input: SimulateInput,
  p: Params,
  range: SweepRange,
  ctx: Pick<EngineContext, 'signal' | 'progress'>,
  counted: boolean,
): SimulationBlock {
  const { table, base } = planOf(input, p);
  const out: SimulationBlock = {};
  if (range.from === 0)
    out.first = runJson(
      table,
      simulate(table, { ...base, seed: seedOfRun(range.seed, 0), trace: p.trace && !counted }),
    );
  if (!counted) return out;
  if (input.kind === 'scenario') {
    const model = input.loaded.model;
    out.scenario = runBlock(model, { config: base, runs: range.to - range.from, seed: range.seed }, range, {
      signal: ctx.signal,
      progress: (f) => ctx.progress(f, 'runs'),
    });
    return out;
  }
  const counts: CountBlock = { runs: 0, agreements: 0, stepSum: 0, ends: {} };
  for (let r = range.from; r < range.to; r++) {
    if ((r & 1023) === 0) {
      if (ctx.signal.aborted) throw new EntenteError('CANCELLED', 'The simulation was cancelled.');
      ctx.progress((r - range.from) / (range.to - range.from), 'runs');
    }
    const o = simulate(table, { ...base, seed: seedOfRun(range.seed, r) });
    counts.runs++;
    if (o.agreement !== null) counts.agreements++;
    counts.stepSum += o.finalStep;
    counts.ends[o.end] = (counts.ends[o.end] ?? 0) + 1;
  }
  out.counts = counts;
  return out;
}

function combineOf(blocks: readonly SimulationBlock[], input: SimulateInput, p: Params) {
  const { table, strategies, base } = planOf(input, p);
  const first = blocks[0]?.first;
  if (!first) throw new EntenteError('INTERNAL', 'The first block of a simulation sweep is missing its first run.');
  let many: ManyRunsResult | undefined;
  if (blocks.every((b) => b.scenario)) {
    const runs = blocks.reduce((a, b) => a + b.scenario!.runs, 0);
    many = combineBlocks(
      blocks.map((b) => b.scenario!),
      (input as Extract<SimulateInput, { kind: 'scenario' }>).loaded.model,
      { config: base, runs, seed: 0 },
    );
  }
  const summary = blocks.every((b) => b.counts) ? summaryOf(blocks.map((b) => b.counts!)) : undefined;
  return {
    protocol: p.protocol,
    compat: p.compat,
    parties: [...table.parties],
    strategies,
    ...first,
    ...(many ? { many } : {}),
    ...(summary ? { summary } : {}),
  };
}

const BLOCK_SIZE = 4096;

const resultSchema = z
  .object({
    protocol: z.string(),
    compat: z.enum(['entente', 'negmas']),
    parties: z.array(z.string()),
    strategies: z.array(z.string()),
    agreement: z.record(z.string(), z.string()).nullable(),
    finalStep: z.number(),
    utilities: z.array(z.number()).nullable(),
  })
  .loose();

/** Negotiation simulation as a registered engine: `entente simulate DOMAIN PROFILE_A PROFILE_B …` or a scenario. */
export const simulateEngine = defineEngine({
  id: 'simulate',
  title: 'Negotiation simulation',
  summary:
    'Simulate a negotiation under a protocol (stacked alternating offers) with concession strategies per party and a deadline, on a Genius XML / GeniusWeb JSON domain with two or more profiles (the first profile opens) or on a scenario: the agreement or none, the round it ends in and each party’s utility.',
  input: {
    name: 'input',
    description: 'a scenario file, or a domain file followed by two or more profiles (Genius XML or GeniusWeb JSON)',
    min: 1,
    max: 65,
    scenario: true,
  },
  params,
  long: true,
  result: resultSchema,
  load(sources): SimulateInput {
    if (sources.length === 1) return { kind: 'scenario', loaded: loadScenarioSource(sources[0]!) };
    if (sources.length === 2)
      throw new EntenteError('SIMULATION_UNSUPPORTED_INPUT', 'A domain needs two or more profiles after it.');
    const [domainSource, ...profileSources] = sources;
    const domain = readGeniusDomain(domainSource!.text, domainSource!.name);
    const sides = profileSources.map((s) => ({ profile: readGeniusProfile(s.text, domain, s.name), text: s.text }));
    return { kind: 'genius', domain, sides, names: profileSources.map((s) => s.name) };
  },
  run(input, p, ctx) {
    const seed = ctx.random.int(2 ** 31);
    const blocks: SimulationBlock[] = [];
    for (let from = 0; from < p.runs; from += BLOCK_SIZE) {
      const to = Math.min(p.runs, from + BLOCK_SIZE);
      blocks.push(
        runBlockOf(
          input,
          p,
          { from, to, seed },
          {
            signal: ctx.signal,
            progress: (f, phase) => ctx.progress((from + f * (to - from)) / p.runs, phase),
          },
          p.runs > 1,
        ),
      );
    }
    ctx.progress(1, 'runs');
    return combineOf(blocks, input, p);
  },
  sweep: {
    blockSize: BLOCK_SIZE,
    block: (input, p, range, ctx) => runBlockOf(input, p, range, ctx, true),
    combine: (blocks, input, p) => combineOf(blocks, input, p),
  },
  render(r) {
    const lines = [
      `protocol: ${r.protocol}${r.compat === 'negmas' ? ' (NegMAS compatibility)' : ''}`,
      `parties: ${r.parties.map((party, k) => `${party} (${r.strategies[k]})`).join(', ')}`,
    ];
    if (r.summary) {
      const s = r.summary;
      lines.push(
        `runs: ${s.runs}, agreements: ${s.agreements} (${(100 * s.agreementRate).toFixed(1)}%), mean final step ${s.meanFinalStep.toFixed(1)}`,
        `endings: ${Object.entries(s.ends)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
        'first run:',
      );
    }
    if (r.many) {
      const m = r.many;
      lines.push(
        `runs: ${m.runs}, P(agreement) ${m.pAgreement.toFixed(3)} [${m.interval.map((x) => x.toFixed(3)).join(', ')}]`,
        ...(m.timeToAgreement
          ? [`rounds to agreement: mean ${m.timeToAgreement.mean.toFixed(1)}, median ${m.timeToAgreement.median}`]
          : []),
        `walked away: ${Object.entries(m.walkedAway)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
        'one run (the first seed):',
      );
    }
    if (r.agreement === null) {
      const why =
        r.end === 'timeout'
          ? `no agreement within ${r.deadline} rounds`
          : `${r.walkedAway ?? 'a party'} ${r.end === 'walk-away' ? 'walked away' : 'broke off'} in round ${r.finalStep}`;
      lines.push(`outcome: ${why}`);
    } else {
      lines.push(`outcome: agreement at step ${r.finalStep} of ${r.deadline}`);
      for (const [issue, option] of Object.entries(r.agreement)) lines.push(`  ${issue}: ${option}`);
      lines.push(`utilities: ${r.parties.map((party, k) => `${party} ${r.utilities![k]!.toFixed(4)}`).join(', ')}`);
    }
    return `${lines.join('\n')}\n`;
  },
});

import { z } from 'zod';
import { type LoadedScenario, loadScenarioSource } from '../engine/scenario-input';
import { defineEngine, type EngineContext, type SweepRange } from '../engine/types';
import { EntenteError } from '../errors';
import type { GeniusDomain } from '../genius/model';
import { readGeniusDomain, readGeniusProfile } from '../genius/to-space';
import { openingLeverSets } from '../levers/scenario-levers';
import { validateLeverUses } from '../levers/validate';
import { type GeniusSide, geniusTable } from './genius-table';
import {
  type Block,
  combineBlocks,
  type ManyRunsParams,
  type ManyRunsResult,
  type RunRecord,
  runBlock,
  runOne,
} from './many-runs';
import { type PartialStage, parsePartialStages } from './partial-agreements';
import { PROTOCOLS } from './protocols';
import { parseSchedule, type ScheduleEntry } from './schedule';
import { simulate } from './simulate';
import { fit, renderMany, simulationCsv, simulationSection } from './simulate-render';
import { strategyRegistry } from './strategy-registry';
import { scenarioTable } from './table/scenario-table';
import type { Deadline, NegotiationTable, RunConfig, RunOutcome } from './types';
import { parseUncertainty, runSeed, scenarioRangeInputs, type UncertaintySpec } from './uncertainty';

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

/** `us_sanctions_and_tariffs=0,1,2,3@30`: a lever's strengths to sweep, from an optional round (default 0). */
export function parseLeverSweep(text: string): { lever: string; strengths: number[]; round?: number } {
  if (text.trim() === 'auto') return { lever: AUTO, strengths: [0] };
  const m = /^\s*([a-z0-9][a-z0-9_-]*)\s*=\s*([-0-9.eE,\s]+?)\s*(?:@\s*(\d+))?\s*$/i.exec(text);
  const strengths = m ? m[2]!.split(',').map((x) => Number(x.trim())) : [];
  if (!m || strengths.length === 0 || strengths.some((x) => !Number.isFinite(x)))
    throw new EntenteError(
      'SIMULATION_INVALID',
      `Cannot read the lever sweep "${text}": write LEVER=S1,S2,…[@ROUND] (e.g. us_sanctions_and_tariffs=0,1,2,3@30).`,
    );
  return { lever: m[1]!, strengths, ...(m[3] ? { round: Number(m[3]) } : {}) };
}

/** `--lever-sweep auto`: the smallest single lever that opens a zone, swept over whole strengths. */
const AUTO = 'auto';
/** `--parties all`: every actor with preferences. */
const ALL = 'all';

const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : v;

const ScheduleSchema = z.array(
  z.union([
    z.object({ round: z.number().int().min(0), lever: z.string(), strength: z.number() }).strict(),
    z.object({ round: z.number().int().min(0), actor: z.string(), noDealShift: z.number() }).strict(),
  ]),
);

const UncertaintySchema = z
  .object({
    spread: z
      .object({
        weights: z.number().min(0).optional(),
        values: z.number().min(0).optional(),
        noDeal: z.number().min(0).optional(),
        dist: z.enum(['uniform', 'triangular']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const StagesSchema = z.array(
  z.object({ issues: z.array(z.string()).min(1), rounds: z.number().int().min(1).optional() }).strict(),
);

const LeverSweepSchema = z
  .object({
    lever: z.string(),
    strengths: z.array(z.number()).min(1).max(64),
    round: z.number().int().min(0).optional(),
  })
  .strict();

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
    parties: z
      .preprocess(list, z.array(z.string().min(1)).min(1).max(64))
      .optional()
      .describe(
        'scenarios: the negotiating parties, comma-separated, or all (every actor with preferences); default: the actors with role party, as the space engine counts them (two on ukraine-2025; all gives its four)',
      ),
    schedule: z
      .preprocess((v) => (typeof v === 'string' ? parseSchedule(v) : v), ScheduleSchema)
      .optional()
      .describe(
        'scenarios: levers and events from given rounds, e.g. "30:us_sanctions_and_tariffs=2,50:russia.noDeal=-0.05"',
      ),
    uncertainty: z
      .preprocess((v) => (typeof v === 'string' ? parseUncertainty(v) : v), UncertaintySchema)
      .optional()
      .describe(
        'scenarios: spreads drawn per run, e.g. "weights=0.2,values=0.1,noDeal=0.05,dist=triangular" (weights ×[1−w,1+w], values and walk-away ±)',
      ),
    pointFigures: z
      .boolean()
      .default(false)
      .describe(
        'scenarios: keep the stated figures, ignoring the ranges the scenario writes as {value, range} (drawn per run by default, uniform)',
      ),
    stages: z
      .preprocess((v) => (typeof v === 'string' ? parsePartialStages(v) : v), StagesSchema)
      .optional()
      .describe('scenarios: partial agreements tried first, issue ids joined by + and stages by ; (e.g. "a+b;c")'),
    leverSweep: z
      .preprocess((v) => (typeof v === 'string' ? parseLeverSweep(v) : v), LeverSweepSchema)
      .optional()
      .describe(
        'scenarios: P(agreement) against a lever, LEVER=S1,S2,…[@ROUND]; run r uses strength r mod count (e.g. us_sanctions_and_tariffs=0,1,2,3@30); auto: the smallest lever that opens a zone',
      ),
    patience: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('mediated protocol: failed rounds after which the mediator leaves'),
    leaveAt: z.number().int().min(1).optional().describe('mediated protocol: the round at which the mediator leaves'),
  })
  .strict();

type Params = z.output<typeof params>;

/** What the engine loads: a Genius domain with its profiles, or a scenario. */
type SimulateInput =
  | { kind: 'genius'; domain: GeniusDomain; sides: GeniusSide[]; names: string[] }
  | { kind: 'scenario'; loaded: LoadedScenario };

/** Options that only a scenario can take (a Genius domain has no levers, ranges or red lines). */
const SCENARIO_ONLY = ['parties', 'schedule', 'uncertainty', 'stages', 'leverSweep'] as const;

function tableOf(input: SimulateInput, p: Params): NegotiationTable {
  if (input.kind === 'genius') {
    const given = SCENARIO_ONLY.filter((k) => p[k] !== undefined);
    if (given.length > 0)
      throw new EntenteError(
        'SIMULATION_UNSUPPORTED_INPUT',
        `${given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')} needs a scenario, not a Genius domain.`,
      );
    return geniusTable(input.domain, input.sides, p.compat);
  }
  const parties = partiesOf(input, p);
  return scenarioTable(input.loaded.model, parties ? { parties } : {});
}

/** The parties asked for (`all`: every actor with preferences), or undefined for the default. */
function partiesOf(input: SimulateInput, p: Params): string[] | undefined {
  if (input.kind !== 'scenario' || !p.parties) return undefined;
  if (p.parties.length === 1 && p.parties[0] === ALL) return input.loaded.model.actors.map((a) => a.actor.id);
  if (p.parties.length < 2)
    throw new EntenteError(
      'SIMULATION_INVALID',
      'Name two or more parties (or "all" for every actor with preferences).',
    );
  return p.parties;
}

const autoLevers = new WeakMap<object, { lever: string; strengths: number[] } | null>();

/**
 * The lever `auto` sweeps: the first of the smallest single levers that open a zone among the
 * scenario's negotiating parties (the space engine's answer), at up to five strengths from 0 to its
 * maximum, or null when no single lever opens one.
 */
function autoLever(input: Extract<SimulateInput, { kind: 'scenario' }>) {
  const key = input.loaded.model;
  if (autoLevers.has(key)) return autoLevers.get(key)!;
  const model = input.loaded.model;
  const found = openingLeverSets(model, model.hasSettlement ? { kind: 'settlement' } : {}, { maxLevers: 1 });
  const use = found.combinations[0]?.levers[0];
  let out: { lever: string; strengths: number[] } | null = null;
  if (use) {
    const max = model.scenario.levers.find((l) => l.id === use.id)!.maxStrength;
    const steps = Math.min(4, Math.max(1, Math.ceil(max)));
    out = { lever: use.id, strengths: Array.from({ length: steps + 1 }, (_, k) => +((k * max) / steps).toFixed(3)) };
  }
  autoLevers.set(key, out);
  return out;
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

const labels = (table: NegotiationTable, digits: readonly number[]) =>
  Object.fromEntries(digits.map((o, i) => [table.issues[i]!.id, table.issues[i]!.options[o]!]));

const terms = (table: NegotiationTable, pkg: number | null) => (pkg === null ? null : labels(table, table.decode(pkg)));

type TraceRow = { round: number; party: string; utilities: number[]; terms: Record<string, string> | null };

function traceJson(table: NegotiationTable, trace: RunOutcome['trace']): { trace?: TraceRow[] } {
  if (!trace) return {};
  return {
    trace: trace.map((t) => ({
      round: t.round,
      party: table.parties[t.party]!,
      utilities: [...t.utilities],
      terms: terms(table, t.offer),
    })),
  };
}

function runJson(table: NegotiationTable, out: RunOutcome) {
  return {
    end: out.end,
    agreement: terms(table, out.agreement),
    finalStep: out.finalStep,
    utilities: out.utilities ? [...out.utilities] : null,
    walkedAway: out.walkedAway === null ? null : table.parties[out.walkedAway]!,
    deadline: out.deadline,
    ...traceJson(table, out.trace),
  };
}

/** A scenario run as the result shows it (the sweep's record, with labels instead of indices). */
function recordJson(table: NegotiationTable, rec: RunRecord) {
  return {
    end: rec.end,
    agreement: rec.terms ? labels(table, rec.terms) : null,
    finalStep: rec.finalStep,
    utilities: rec.utilities ? [...rec.utilities] : null,
    walkedAway: rec.walkedAway === null ? null : table.parties[rec.walkedAway]!,
    deadline: rec.deadline,
    ...traceJson(table, rec.trace),
  };
}

/** One row of the per-run table (kept for sweeps of at most ROW_CAP runs). */
export interface RunRow {
  run: number;
  end: string;
  finalStep: number;
  walkedAway: string | null;
  strength: number | null;
  utilities: number[] | null;
  agreement: Record<string, string> | null;
}

/** Sweeps up to this many runs keep one row per run (for --csv and the workbench's distribution). */
export const ROW_CAP = 10_000;

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
  rows?: RunRow[];
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

/** The scenario's uncertainty: the --uncertainty spreads and (unless turned off) the ranges it declares. */
function uncertaintyOf(input: SimulateInput, p: Params): UncertaintySpec | undefined {
  if (input.kind !== 'scenario') return undefined;
  const inputs = p.pointFigures ? [] : scenarioRangeInputs(input.loaded.model);
  const given = p.uncertainty?.spread;
  // Keys left out by the schema stay out (the spec's fields are exactly optional).
  const spread = given ? (JSON.parse(JSON.stringify(given)) as NonNullable<UncertaintySpec['spread']>) : undefined;
  if (!spread && inputs.length === 0) return undefined;
  return { ...(spread ? { spread } : {}), ...(inputs.length > 0 ? { inputs } : {}) };
}

/** Everything a run or a block needs, derived once from the input and the parameters. */
function planOf(input: SimulateInput, p: Params) {
  const table = tableOf(input, p);
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
  if ((p.patience !== undefined || p.leaveAt !== undefined) && p.protocol !== 'mediated')
    throw new EntenteError(
      'SIMULATION_INVALID',
      '--patience and --leave-at set the mediator: add --protocol mediated.',
    );
  const base: Omit<RunConfig, 'seed' | 'trace'> = {
    protocol: p.protocol,
    strategies,
    deadline,
    knowsDeadline: table.parties.map((_, k) => !unaware.has(k)),
    firstProposer: p.first === undefined ? 0 : partyIndex(table, p.first),
    compat: p.compat,
  };
  let many: ManyRunsParams | undefined;
  if (input.kind === 'scenario') {
    const uncertainty = uncertaintyOf(input, p);
    const mediator = { ...(p.patience ? { patience: p.patience } : {}), ...(p.leaveAt ? { leaveAt: p.leaveAt } : {}) };
    const parties = partiesOf(input, p);
    // `auto` takes the lever the space engine reports (over its default parties), swept for these parties.
    const sweep = p.leverSweep?.lever === AUTO ? autoLever(input) : (p.leverSweep ?? null);
    if (sweep)
      validateLeverUses(
        input.loaded.model,
        sweep.strengths.map((strength) => ({ id: sweep.lever, strength })),
      );
    many = {
      config: base,
      runs: p.runs,
      seed: 0,
      ...(parties ? { table: { parties } } : {}),
      ...(p.schedule ? { schedule: p.schedule as ScheduleEntry[] } : {}),
      ...(uncertainty ? { uncertainty } : {}),
      ...(p.stages ? { partials: p.stages as PartialStage[] } : {}),
      ...(sweep ? { leverSweep: sweep } : {}),
      ...(p.protocol === 'mediated' ? { mediator } : {}),
    };
  }
  return { table, strategies, base, many };
}

// Run r of a sweep with seed S is seeded as the many-runs module seeds it, so the printed first run is run 0.
const seedOfRun = (seed: number, run: number) => (runSeed(seed, run) ^ 0x9e3779b9) >>> 0;

const rowOf = (table: NegotiationTable, r: RunRecord): RunRow => ({
  run: r.run,
  end: r.end,
  finalStep: r.finalStep,
  walkedAway: r.walkedAway === null ? null : table.parties[r.walkedAway]!,
  strength: r.strength,
  utilities: r.utilities ? [...r.utilities] : null,
  agreement: r.terms ? labels(table, r.terms) : null,
});

function runBlockOf(
  input: SimulateInput,
  p: Params,
  range: SweepRange,
  ctx: Pick<EngineContext, 'signal' | 'progress'>,
  counted: boolean,
): SimulationBlock {
  const { table, base, many } = planOf(input, p);
  const out: SimulationBlock = {};
  if (many && input.kind === 'scenario') {
    const model = input.loaded.model;
    const seeded = { ...many, seed: range.seed };
    if (range.from === 0) out.first = recordJson(table, runOne(model, seeded, 0, new Map(), p.trace && !counted));
    if (!counted) return out;
    out.scenario = runBlock(model, seeded, range, {
      signal: ctx.signal,
      progress: (f) => ctx.progress(f, 'runs'),
      keepRecords: p.runs <= ROW_CAP,
    });
    const { records, ...counts } = out.scenario;
    if (records) out.rows = records.map((r) => rowOf(table, r));
    out.scenario = counts;
    return out;
  }
  if (range.from === 0)
    out.first = runJson(
      table,
      simulate(table, { ...base, seed: seedOfRun(range.seed, 0), trace: p.trace && !counted }),
    );
  if (!counted) return out;
  const counts: CountBlock = { runs: 0, agreements: 0, stepSum: 0, ends: {} };
  const rows: RunRow[] = [];
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
    if (p.runs <= ROW_CAP)
      rows.push({
        run: r,
        end: o.end,
        finalStep: o.finalStep,
        walkedAway: o.walkedAway === null ? null : table.parties[o.walkedAway]!,
        strength: null,
        utilities: o.utilities ? [...o.utilities] : null,
        agreement: terms(table, o.agreement),
      });
  }
  out.counts = counts;
  if (p.runs <= ROW_CAP) out.rows = rows;
  return out;
}

function combineOf(blocks: readonly SimulationBlock[], input: SimulateInput, p: Params) {
  const { table, strategies, many: plan } = planOf(input, p);
  const first = blocks[0]?.first;
  if (!first) throw new EntenteError('INTERNAL', 'The first block of a simulation sweep is missing its first run.');
  let many: ManyRunsResult | undefined;
  if (plan && input.kind === 'scenario' && blocks.length > 0 && blocks.every((b) => b.scenario)) {
    const runs = blocks.reduce((a, b) => a + b.scenario!.runs, 0);
    many = combineBlocks(
      blocks.map((b) => b.scenario!),
      input.loaded.model,
      { ...plan, runs },
    );
  }
  const summary = blocks.every((b) => b.counts) ? summaryOf(blocks.map((b) => b.counts!)) : undefined;
  const rows = blocks.every((b) => b.rows) && blocks.length > 0 ? blocks.flatMap((b) => b.rows!) : undefined;
  return {
    protocol: p.protocol,
    compat: p.compat,
    parties: [...table.parties],
    strategies,
    ...first,
    ...(many ? { many } : {}),
    ...(plan?.leverSweep ? { leverCurve: plan.leverSweep.lever } : {}),
    ...(summary ? { summary } : {}),
    ...(rows ? { rows } : {}),
  };
}

/** The engine's result (the first run's fields, and over many runs the aggregate and, for small sweeps, the rows). */
export type SimulationResult = ReturnType<typeof combineOf>;

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

/** The report's runs: seeded runs among every party with preferences (four on the flagship), within ~0.3 s. */
const REPORT_RUNS = 120;
/** Small spreads around the stated figures, so the report's runs differ (fixed inputs make them one run repeated). */
const REPORT_UNCERTAINTY = 'weights=0.1,values=0.05,noDeal=0.05';

/** Negotiation simulation as a registered engine: `entente simulate DOMAIN PROFILE_A PROFILE_B …` or a scenario. */
export const simulateEngine = defineEngine({
  id: 'simulate',
  title: 'Negotiation simulation',
  summary:
    'Simulate a negotiation under a protocol (stacked alternating offers, or a mediator’s single text) with concession strategies per party and a deadline, on a Genius XML / GeniusWeb JSON domain with two or more profiles (the first profile opens) or on a scenario (levers and events on a schedule, uncertain figures drawn per run, partial agreements, P(agreement) against a lever): the agreement or none, the round it ends in and each party’s utility.',
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
    // The sweep gives its blocks this same first draw of the seed (runtime's blockSeedOf), so both agree.
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
    if (r.many) lines.push(...renderMany(r.many), 'one run (the first seed):');
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
    return `${lines.flatMap(fit).join('\n')}\n`;
  },
  csv: (r) => simulationCsv(r),
  section: (r) => simulationSection(r),
  report: {
    applies: (scenario) => Object.keys(scenario.preferences).length >= 2,
    params: {
      runs: REPORT_RUNS,
      steps: 40,
      uncertainty: REPORT_UNCERTAINTY,
      // The lever curve (`--lever-sweep auto`) would search the opening lever again (~0.15 s): left to the command.
      parties: [ALL],
    },
  },
});

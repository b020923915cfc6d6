import type { z } from 'zod';
import type { ForecastSplitter } from '../forecast/split';
import type { WorkSplitter } from '../gmcr/stability';
import type { SeededRandom } from '../random/seeded-random';
import type { ReportSection } from '../report/render-analysis';
import type { Scenario } from '../scenario/schema';
import type { SpaceSplitter } from '../space/split';

/** A file's text as an engine receives it: core never reads files, the caller does. */
export interface SourceText {
  /** The file name or path (used in messages and to tell formats apart by extension). */
  name: string;
  text: string;
}

/** Ways to spread an engine's work over threads; each engine uses the ones it knows. */
export interface EngineSplitters {
  /** Makes a space splitter over `threads` worker threads for a run; closed by the engine when done. */
  space?: (threads: number) => SpaceSplitter & { close(): Promise<void> };
  /** Makes a GMCR work splitter for a run (threads as the run asks); closed by the engine when done. */
  gmcr?: (options: { threads?: number }) => WorkSplitter & { close(): Promise<void> };
  /** Makes a forecast splitter (Monte-Carlo draws) over `threads` worker threads; closed by the engine when done. */
  forecast?: (threads: number) => ForecastSplitter & { close(): Promise<void> };
}

/** What an engine run receives besides its input and parameters. */
export interface EngineContext {
  signal: AbortSignal;
  /** Reports progress as a fraction in [0, 1]; a run may call it as often as it likes. */
  progress(fraction: number, phase?: string): void;
  /** The run's only source of randomness, seeded by the caller. */
  random: SeededRandom;
  splitters: EngineSplitters;
}

/** The files an engine takes, as positional arguments on the CLI and `sources` in the API. */
export interface EngineInputSpec {
  /** Argument name shown in help, e.g. `scenario`. */
  name: string;
  description: string;
  /** How many files: at least `min`, at most `max` (the first is the main input). */
  min: number;
  max: number;
  /** True when the input is a scenario, so the API may name a loaded scenario instead of sending its text. */
  scenario?: boolean;
}

/** How a parameter is given on the command line, read from its zod metadata (`.meta({ cli: … })`). */
export interface ParamCliMeta {
  /** The flag's name without dashes (default: the parameter name in kebab-case). */
  flag?: string;
  /** The flag's value is a file path whose text becomes the parameter. */
  file?: boolean;
  /** Hidden from the CLI (API only). */
  hidden?: boolean;
}

/**
 * A contiguous range of runs of a sweep: runs `from` (inclusive) to `to` (exclusive) under `seed`,
 * which is the first `ctx.random.int(2 ** 31)` a direct run under the sweep's seed draws (so a run
 * that seeds its runs from that draw equals a sweep of as many runs).
 */
export interface SweepRange {
  from: number;
  to: number;
  seed: number;
}

/**
 * How an engine's many-run work splits into seed blocks for `entente sweep` (local threads or a
 * queue): blocks are JSON and combine in block order, so the aggregate never depends on which
 * worker ran which block or when.
 */
export interface EngineSweep<Input, Params, Result, Block = unknown> {
  /** Runs per block when the caller does not choose. */
  blockSize: number;
  /**
   * Runs `range.from` to `range.to`; each run must be seeded from (range.seed, run index), never
   * from the block, so results do not depend on the block size. The result must be JSON-serialisable.
   */
  block(input: Input, params: Params, range: SweepRange, ctx: EngineContext): Block | Promise<Block>;
  /** The sweep's result from all its blocks, given in block order. */
  combine(blocks: readonly Block[], input: Input, params: Params): Result;
}

/**
 * One engine, described once: the CLI command, the API route, the job, the report section and the
 * workbench's client are all derived from this.
 */
export interface EngineModule<Input = unknown, Params extends z.ZodObject = z.ZodObject, Result = unknown> {
  /** Stable id: the CLI command and the API path segment (lowercase, dashes). */
  id: string;
  title: string;
  /** One paragraph: what question the engine answers and how. */
  summary: string;
  input: EngineInputSpec;
  /** The parameters, with descriptions and defaults; string forms (e.g. `a=b,c=d`) are accepted where the CLI needs them. */
  params: Params;
  /** The shape of the result, for the API description. */
  result: z.ZodType;
  /** True when a run may take long: the API runs it as a job with progress and cancel. */
  long?: boolean;
  /** Turns the files into the engine's input (pure parsing; throws EntenteError on bad input). */
  load(sources: readonly SourceText[], params: z.output<Params>): Input;
  run(input: Input, params: z.output<Params>, ctx: EngineContext): Result | Promise<Result>;
  /** Human-readable text of a result, for terminals. */
  render(result: Result, params: z.output<Params>, input: Input): string;
  /** The result as CSV (one table), for engines whose result is a table; the CLI adds `--csv` when present. */
  csv?(result: Result, params: z.output<Params>, input: Input): string;
  /** A section of the main report (`entente analyze`), for engines that add one. */
  section?(result: Result, input: Input): ReportSection;
  /** How the engine runs for the main report: on which scenarios, with which parameters (default: the schema's). */
  report?: { applies?(scenario: Scenario): boolean; params?: z.input<Params> };
  /** Present when the engine's runs can be split into seed blocks (`entente sweep`, `entente worker`). */
  // biome-ignore lint/suspicious/noExplicitAny: each engine picks its own block type; callers treat blocks as JSON.
  sweep?: EngineSweep<Input, z.output<Params>, Result, any>;
}

/** An engine with its types erased, as a registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds engines of every input, parameter and result type.
export type AnyEngine = EngineModule<any, z.ZodObject, any>;

/** Declares an engine (an identity function that keeps its types). */
export function defineEngine<Input, Params extends z.ZodObject, Result>(
  engine: EngineModule<Input, Params, Result>,
): EngineModule<Input, Params, Result> {
  return engine;
}

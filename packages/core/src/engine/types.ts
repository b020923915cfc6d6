import type { z } from 'zod';
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
  /** A section of the main report (`entente analyze`), for engines that add one. */
  section?(result: Result, input: Input): ReportSection;
  /** How the engine runs for the main report: on which scenarios, with which parameters (default: the schema's). */
  report?: { applies?(scenario: Scenario): boolean; params?: z.input<Params> };
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

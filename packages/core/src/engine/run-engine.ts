import type { z } from 'zod';
import { EntenteError, type ValidationIssue } from '../errors';
import { createRandom } from '../random/seeded-random';
import type { AnyEngine, EngineContext, SourceText } from './types';

/** Parses raw parameters (from flags, a JSON body or a job) with the engine's schema, or throws every problem. */
export function parseEngineParams<E extends AnyEngine>(engine: E, raw: unknown): z.output<E['params']> {
  const parsed = engine.params.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as z.output<E['params']>;
  // zod's own messages say what was expected and what came ("expected number, received string").
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
    code: 'INVALID_PARAMS',
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message.replace(/^Invalid input: /, ''),
    severity: 'error',
  }));
  const first = issues[0];
  throw new EntenteError(
    'INVALID_PARAMS',
    `Invalid parameters for ${engine.id}${first ? `: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message.replace(/\.$/, '')}` : ''}.`,
    { issues },
  );
}

/** A context for runs that need no threads, progress or cancel (tests, small work). */
export function defaultEngineContext(seed = 1, overrides: Partial<EngineContext> = {}): EngineContext {
  return {
    signal: new AbortController().signal,
    progress: () => {},
    random: createRandom(seed),
    splitters: {},
    ...overrides,
  };
}

/** Checks the number of files an engine takes. */
export function checkEngineSources(engine: AnyEngine, sources: readonly SourceText[]): void {
  const { min, max, description } = engine.input;
  if (sources.length < min || sources.length > max)
    throw new EntenteError(
      'INVALID_PARAMS',
      `The ${engine.id} engine takes ${min === max ? min : `${min} to ${max}`} file${max === 1 ? '' : 's'} (${description}); got ${sources.length}.`,
    );
}

/** Everything one run produced: the parsed parameters and the result. */
export interface EngineRun<R = unknown> {
  engine: string;
  /** The parameters as the schema parsed them (defaults filled in). */
  params: Record<string, unknown>;
  /** The loaded input (not serialised: renderers and report sections need it). */
  input: unknown;
  result: R;
}

/**
 * Runs an engine on file texts and raw parameters: validates both, loads, runs. Every interface
 * (CLI, API, jobs, report) goes through here, so they validate the same way.
 */
export async function runEngine(
  engine: AnyEngine,
  sources: readonly SourceText[],
  rawParams: unknown,
  ctx: Partial<EngineContext> & { seed?: number } = {},
): Promise<EngineRun> {
  const params = parseEngineParams(engine, rawParams);
  checkEngineSources(engine, sources);
  const { seed, ...rest } = ctx;
  const context = defaultEngineContext(seed ?? 1, rest);
  if (context.signal.aborted) throw new EntenteError('CANCELLED', `The ${engine.id} run was cancelled.`);
  const input = engine.load(sources, params);
  const result = await engine.run(input, params, context);
  return { engine: engine.id, params, input, result };
}

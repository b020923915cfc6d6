import { BUILTIN_ENGINES, describeParams, type EngineRegistry, EntenteError, type SourceText } from '@entente/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type EngineTask, runEngineTask } from '../analysis-tasks';
import type { JobContext } from '../jobs';
import { jsonBody, jsonSchemaOf, type RouteDoc } from '../route';
import { runSweepJob, sweepOfTask } from '../sweep-job';
import type { RouteContext, RouteDocs } from './context';
import { jsonTextOf, ROUTE_TIME_BUDGET_MS, requestContext, sendJson } from './off-thread';

const MAX_SOURCES = 64;

/** The body of an engine run: a loaded scenario or file texts, the engine's parameters and a seed. */
export const EngineRunBodySchema = z
  .object({
    scenario: z.string().min(1).max(200).optional().describe('id of a loaded scenario (for engines that take one)'),
    sources: z
      .array(z.object({ name: z.string().min(1).max(1000), text: z.string() }).strict())
      .max(MAX_SOURCES)
      .optional()
      .describe('the input files as texts, in the order the engine takes them'),
    params: z.record(z.string(), z.unknown()).default({}).describe("the engine's parameters (see GET /api/engines)"),
    seed: z.number().int().min(-2147483648).max(2147483647).default(1).describe('seed of the run’s random numbers'),
  })
  .strict();

export const engineDocs = {
  list: {
    method: 'get',
    path: '/api/engines',
    summary: 'The registered engines with their inputs and parameters (a JSON Schema each)',
    tag: 'engines',
  },
  run: {
    method: 'post',
    path: '/api/engines/:engine/run',
    summary: 'Run an engine and wait for its result',
    tag: 'engines',
    body: EngineRunBodySchema,
    responses: { 404: 'unknown engine or scenario' },
  },
  job: {
    method: 'post',
    path: '/api/engines/:engine/jobs',
    summary:
      'Run an engine as a job (progress by /api/jobs/{id}/events, result by /api/jobs/{id}/result, cancel by DELETE)',
    tag: 'engines',
    body: EngineRunBodySchema,
    responses: { 202: 'job started', 404: 'unknown engine or scenario' },
  },
} as const satisfies RouteDocs;

/** One OpenAPI entry per registered engine and way to run it, with the engine's own parameter schema. */
export function engineRouteDocs(engines: EngineRegistry): RouteDoc[] {
  return engines.list().flatMap((engine) => {
    const body = EngineRunBodySchema.extend({ params: engine.params.default({}) });
    return [
      {
        method: 'post',
        path: `/api/engines/${engine.id}/run`,
        summary: `${engine.title}: ${engine.summary}`,
        tag: 'engines',
        body,
        responses: { 404: 'unknown scenario' },
      },
      {
        method: 'post',
        path: `/api/engines/${engine.id}/jobs`,
        summary: `${engine.title}, as a job with progress and cancel`,
        tag: 'engines',
        body,
        responses: { 202: 'job started', 404: 'unknown scenario' },
      },
    ] satisfies RouteDoc[];
  });
}

const builtin = new Set(BUILTIN_ENGINES.map((e) => e.id));

/** What every interface shows about an engine. */
export function engineDescription(engines: EngineRegistry, id: string) {
  const engine = engines.get(id);
  return {
    id: engine.id,
    title: engine.title,
    summary: engine.summary,
    input: engine.input,
    long: engine.long ?? false,
    params: describeParams(engine.params),
    paramsSchema: jsonSchemaOf(engine.params),
    resultSchema: jsonSchemaOf(engine.result),
  };
}

/** The registered engines, reached through one route shape each: describe, run, run as a job. */
export function engineRoutes({ registry, jobs, runAnalysis, deps, engines }: RouteContext) {
  const d = engineDocs;

  const taskOf = (engineId: string, body: z.output<typeof EngineRunBodySchema>): EngineTask => {
    const engine = engines.get(engineId);
    let sources: SourceText[];
    if (body.scenario !== undefined) {
      if (!engine.input.scenario)
        throw new EntenteError(
          'INVALID_PARAMS',
          `The ${engine.id} engine takes ${engine.input.name} files, not a scenario: send them as "sources".`,
        );
      if (body.sources !== undefined)
        throw new EntenteError('INVALID_PARAMS', 'Give either "scenario" or "sources", not both.');
      const entry = registry.usable(body.scenario);
      sources = [{ name: entry.file, text: entry.text }];
    } else sources = body.sources ?? [];
    return { kind: 'engine', engine: engine.id, sources, params: body.params, seed: body.seed };
  };
  // Built-in engines go to the analysis runner (worker threads under `entente serve`); engines added at run time stay here.
  const execute = (task: EngineTask, ctx: JobContext) =>
    builtin.has(task.engine) && deps.runAnalysis ? runAnalysis(task, ctx) : runEngineTask(task, engines, ctx);

  return new Hono()
    .get(d.list.path, (c) => c.json({ engines: engines.ids().map((id) => engineDescription(engines, id)) }))
    .post(d.run.path, jsonBody(d.run.body), async (c) => {
      const task = taskOf(c.req.param('engine'), c.req.valid('json'));
      // A client that goes away cancels its run; a worker's answer arrives as JSON text and is sent as it is.
      const out = await execute({ ...task, budgetMs: ROUTE_TIME_BUDGET_MS }, requestContext(c));
      return sendJson<{ engine: string; params: unknown; result: unknown }>(c, jsonTextOf(out));
    })
    .post(d.job.path, jsonBody(d.job.body), (c) => {
      const task = taskOf(c.req.param('engine'), c.req.valid('json'));
      // An engine with seed blocks asked for many runs runs block by block, with progress per block.
      const engine = engines.get(task.engine);
      const sweep = sweepOfTask(engine, task);
      return c.json(
        jobs.start(`engine:${task.engine}`, (ctx) =>
          sweep ? runSweepJob(engine, sweep, ctx, { threads: Boolean(deps.runAnalysis) }) : execute(task, ctx),
        ),
        202,
      );
    });
}

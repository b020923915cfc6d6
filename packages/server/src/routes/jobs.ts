import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { type AnalysisTask, JsonText } from '../analysis-tasks';
import { extractionOf, ingestDocuments } from '../evidence-services';
import type { JobContext } from '../jobs';
import { jsonBody } from '../route';
import type { ScenarioEntry } from '../scenario-registry';
import { scenarioGmcrModel } from '../scenario-services';
import { JobBodySchema } from '../schemas';
import type { RouteContext, RouteDocs } from './context';

export const jobDocs = {
  start: {
    method: 'post',
    path: '/api/jobs',
    summary: 'Start long work (space, opening-levers, gmcr, ingest) as a job',
    tag: 'jobs',
    body: JobBodySchema,
    responses: { 202: 'job started', 404: 'unknown scenario' },
  },
  view: {
    method: 'get',
    path: '/api/jobs/:id',
    summary: 'Status and progress of a job',
    tag: 'jobs',
    responses: { 404: 'unknown job' },
  },
  result: {
    method: 'get',
    path: '/api/jobs/:id/result',
    summary: 'Result of a finished job',
    tag: 'jobs',
    responses: { 404: 'unknown job', 409: 'job not finished' },
  },
  events: {
    method: 'get',
    path: '/api/jobs/:id/events',
    summary: 'Progress of a job as server-sent events (progress, done, failed, cancelled)',
    tag: 'jobs',
    produces: 'text/event-stream',
    responses: { 404: 'unknown job' },
  },
  cancel: {
    method: 'delete',
    path: '/api/jobs/:id',
    summary: 'Cancel a running job',
    tag: 'jobs',
    responses: { 404: 'unknown job' },
  },
} as const satisfies RouteDocs;

/** Long work as jobs: start, status, result, progress by server-sent events, cancel. */
export function jobRoutes({ registry, jobs, store, runAnalysis, now, deps }: RouteContext) {
  const d = jobDocs;
  const runJob = (kind: string, work: (ctx: JobContext) => Promise<unknown> | unknown) => jobs.start(kind, work);
  const analysisJob = (task: AnalysisTask) => runJob(task.kind, (ctx) => runAnalysis(task, ctx));
  const source = (entry: ScenarioEntry) => ({ id: entry.id, file: entry.file, text: entry.text });
  // The start route answers 202 Accepted, as its document says.
  const started = 202;

  return new Hono()
    .post(d.start.path, jsonBody(d.start.body), (c) => {
      const body = c.req.valid('json');
      switch (body.kind) {
        case 'space':
          return c.json(
            analysisJob({ kind: 'space', scenario: source(registry.usable(body.scenario)), params: body.params }),
            started,
          );
        case 'opening-levers':
          return c.json(
            analysisJob({
              kind: 'opening-levers',
              scenario: source(registry.usable(body.scenario)),
              params: body.params,
            }),
            started,
          );
        case 'gmcr': {
          const entry = registry.usable(body.scenario);
          // Checked here so that a scenario without a gmcr section is refused at once, not as a failed job.
          scenarioGmcrModel(entry);
          return c.json(analysisJob({ kind: 'gmcr', scenario: source(entry), params: body.params }), started);
        }
        case 'ingest': {
          const params = body.params;
          if (params.scenario) registry.usable(params.scenario);
          return c.json(
            runJob('ingest', async (ctx) =>
              ingestDocuments(await store(), registry, params, now, ctx, extractionOf(deps)),
            ),
            started,
          );
        }
      }
    })
    .get(d.view.path, (c) => c.json(jobs.view(c.req.param('id'))))
    .get(d.result.path, (c) => {
      const id = c.req.param('id');
      const result = jobs.result(id);
      const body = { job: jobs.view(id), result };
      // A worker's result arrives as JSON text: sent without parsing it on the event loop.
      if (result instanceof JsonText)
        return c.body(`{"job":${JSON.stringify(body.job)},"result":${result.text}}`, 200, {
          'content-type': 'application/json',
        }) as unknown as ReturnType<typeof c.json<typeof body, 200>>;
      return c.json(body, 200);
    })
    .get(d.events.path, (c) => {
      const id = c.req.param('id');
      jobs.view(id);
      return streamSSE(c, async (stream) => {
        // Writes are chained so that the final event is on the wire before the stream closes.
        let written: Promise<void> = Promise.resolve();
        await new Promise<void>((resolve) => {
          let unsubscribe = () => {};
          stream.onAbort(() => {
            unsubscribe();
            resolve();
          });
          unsubscribe = jobs.subscribe(id, (event) => {
            written = written.then(() => stream.writeSSE({ event: event.type, data: JSON.stringify(event) }));
            if (event.type !== 'progress') resolve();
          });
        });
        await written;
      });
    })
    .delete(d.cancel.path, (c) => c.json(jobs.cancel(c.req.param('id'))));
}

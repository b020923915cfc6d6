import { checkQuotes, locateIssuesInText, parseScenarioText, scenarioCounts, scenarioJsonSchema } from '@entente/core';
import type { EvidenceStore } from '@entente/store';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';

import { type AnalysisRunner, type AnalysisTask, runAnalysisTask } from './analysis-tasks';
import { tokenAuth } from './auth';
import { ingestDocuments } from './evidence-services';
import { HttpError, toErrorResponse } from './http-error';
import { type JobContext, JobManager } from './jobs';
import { openApiDocument, type Route, route } from './route';
import type { ScenarioEntry, ScenarioRegistry } from './scenario-registry';
import {
  analysisOf,
  analyzeGmcrModel,
  backtestScenario,
  closestPackage,
  documentGmcrModel,
  evaluateProposal,
  explainGmcrState,
  openingLevers,
  partialDeals,
  scenarioGmcrModel,
  scenarioSpaceReport,
} from './scenario-services';
import {
  ClosestBodySchema,
  ErrorSchema,
  EvaluateBodySchema,
  GmcrBodySchema,
  GmcrDocumentBodySchema,
  GmcrExplainBodySchema,
  IngestBodySchema,
  JobBodySchema,
  OpeningLeversBodySchema,
  PartialDealsBodySchema,
  SearchQuerySchema,
  SpaceBodySchema,
  TimelineQuerySchema,
  ValidateBodySchema,
} from './schemas';
import { serveWebBundle } from './static-files';

/** What the app needs from the outside world; everything is injectable so tests need no socket. */
export interface AppDeps {
  scenarios: ScenarioRegistry;
  /** Opens the evidence store (SQLite/PostgreSQL); called once, on first use. Absent: evidence routes answer 503. */
  openStore?: () => Promise<EvidenceStore>;
  now?: () => Date;
  /** Access token; when set, every route needs it. */
  token?: string;
  /** Origins allowed by CORS; CORS is off when absent or empty. */
  corsOrigins?: string[];
  /** Largest request body in bytes (default 4 MiB). */
  maxBodyBytes?: number;
  /** Folder of the built web workbench, served at `/`. */
  webRoot?: string;
  /** Where internal faults are logged (default console.error). */
  logError?: (error: unknown) => void;
  version?: string;
  /**
   * Runs the long analyses of jobs (space, opening levers, GMCR). Default: in this thread, between
   * requests. `entente serve` passes a pool of worker threads, so that progress streams while the
   * work runs and cancelling a job stops it.
   */
  runAnalysis?: AnalysisRunner;
}

/** The app and the resources it holds. */
export interface EntenteApp {
  app: Hono;
  jobs: JobManager;
  routes: Route[];
  /** Closes the evidence store if it was opened. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 4 * 1024 * 1024;

function summary(entry: ScenarioEntry) {
  const s = entry.scenario;
  return {
    id: entry.id,
    file: entry.file,
    valid: entry.valid,
    usable: s !== undefined,
    errors: entry.issues.filter((i) => i.severity === 'error').length,
    warnings: entry.issues.filter((i) => i.severity === 'warning').length,
    title: s?.title ?? null,
    asOf: s?.asOf ?? null,
    counts: s ? scenarioCounts(s) : null,
    hasGmcr: s?.gmcr !== undefined,
    hasSettlement: s?.settlement !== undefined,
  };
}

/** Builds the HTTP API (and, with `webRoot`, the workbench) as a Hono app, without opening a socket. */
export function createApp(deps: AppDeps): EntenteApp {
  const now = deps.now ?? (() => new Date());
  const logError = deps.logError ?? ((error: unknown) => console.error(error));
  const registry = deps.scenarios;
  const jobs = new JobManager(now, (error) => {
    const { status, body } = toErrorResponse(error);
    if (status === 500) logError(error);
    return { code: body.code, message: body.message };
  });
  let storePromise: Promise<EvidenceStore> | undefined;
  const store = (): Promise<EvidenceStore> => {
    if (!deps.openStore)
      throw new HttpError(
        503,
        'STORE_UNAVAILABLE',
        'This server has no evidence database; start it with --db PATH or DATABASE_URL.',
      );
    storePromise ??= deps.openStore().catch((error) => {
      storePromise = undefined;
      throw error;
    });
    return storePromise;
  };

  const runJob = (kind: string, work: (ctx: JobContext) => Promise<unknown> | unknown) => jobs.start(kind, work);
  const runAnalysis: AnalysisRunner =
    deps.runAnalysis ?? (async (task, ctx) => runAnalysisTask(task, ctx, registry.usable(task.scenario.id)));
  const source = (entry: ScenarioEntry) => ({ id: entry.id, file: entry.file, text: entry.text });
  const analysisJob = (task: AnalysisTask) => runJob(task.kind, (ctx) => runAnalysis(task, ctx));

  const routes: Route[] = [
    route({ method: 'get', path: '/api/health', summary: 'Liveness and version', tag: 'meta' }, () => ({
      status: 'ok',
      version: deps.version ?? '0.1.0',
      scenarios: registry.list().length,
      store: deps.openStore !== undefined,
    })),
    route({ method: 'get', path: '/api/scenarios', summary: 'List the loaded scenarios', tag: 'scenarios' }, () => ({
      scenarios: registry.list().map(summary),
    })),
    route(
      {
        method: 'get',
        path: '/api/scenarios/:id',
        summary: 'A scenario: its content and validation problems',
        tag: 'scenarios',
        responses: { 404: 'unknown scenario' },
      },
      (c) => {
        const entry = registry.get(c.req.param('id')!);
        return {
          ...summary(entry),
          issues: entry.issues,
          quotes: entry.quotes ?? null,
          scenario: entry.scenario ?? null,
        };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/scenarios/:id/validation',
        summary: 'Validation problems of a loaded scenario, with file, line and column',
        tag: 'scenarios',
        responses: { 404: 'unknown scenario' },
      },
      (c) => {
        const entry = registry.get(c.req.param('id')!);
        return { file: entry.file, valid: entry.valid, issues: entry.issues, quotes: entry.quotes ?? null };
      },
    ),
    route(
      { method: 'get', path: '/api/schema/scenario', summary: 'JSON Schema of the scenario format', tag: 'scenarios' },
      () => scenarioJsonSchema(),
    ),
    route(
      {
        method: 'post',
        path: '/api/validate',
        summary: 'Validate a scenario text (and its quotes against given source texts)',
        tag: 'scenarios',
        body: ValidateBodySchema,
      },
      (_c, { body }) => {
        const parsed = parseScenarioText(body.text, { file: body.file });
        let issues = parsed.issues;
        let quotes = null;
        if (parsed.scenario && body.sources) {
          quotes = checkQuotes(parsed.scenario, new Map(Object.entries(body.sources)));
          if (quotes.issues.length) issues = [...issues, ...locateIssuesInText(body.text, quotes.issues, body.file)];
        }
        return { file: body.file, valid: !issues.some((i) => i.severity === 'error'), issues, quotes };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/scenarios/:id/evaluate',
        summary: "Each party's utility, margin, red lines broken, predicted answer and why",
        tag: 'analysis',
        body: EvaluateBodySchema,
        responses: { 404: 'unknown scenario or proposal' },
      },
      (c, { body }) => evaluateProposal(registry.usable(c.req.param('id')!), body),
    ),
    route(
      {
        method: 'post',
        path: '/api/scenarios/:id/space',
        summary:
          'Agreement space: settlements against walking away (zone, shortfalls, blocking issues, solutions, opening levers), steps against today (partial deals), points to plot',
        tag: 'analysis',
        body: SpaceBodySchema,
        responses: { 404: 'unknown scenario' },
      },
      (c, { body }) => scenarioSpaceReport(registry.usable(c.req.param('id')!), body),
    ),
    route(
      {
        method: 'post',
        path: '/api/scenarios/:id/partial-deals',
        summary:
          'Issue subsets every party prefers (steps, against today, when the scenario has settlements), the rest as it is',
        tag: 'analysis',
        body: PartialDealsBodySchema,
        responses: { 404: 'unknown scenario' },
      },
      (c, { body }) => partialDeals(registry.usable(c.req.param('id')!), body),
    ),
    route(
      {
        method: 'post',
        path: '/api/scenarios/:id/closest',
        summary: 'Closest acceptable package to a proposal or to given terms',
        tag: 'analysis',
        body: ClosestBodySchema,
        responses: { 404: 'unknown scenario or proposal' },
      },
      (c, { body }) => closestPackage(registry.usable(c.req.param('id')!), body),
    ),
    route(
      {
        method: 'post',
        path: '/api/scenarios/:id/opening-levers',
        summary: 'Smallest lever combinations that open a zone of agreement',
        tag: 'analysis',
        body: OpeningLeversBodySchema,
        responses: { 404: 'unknown scenario' },
      },
      (c, { body }) => openingLevers(registry.usable(c.req.param('id')!), body),
    ),
    route(
      {
        method: 'post',
        path: '/api/scenarios/:id/gmcr',
        summary: "Stability analysis (Nash, GMR, SMR, SEQ) of the scenario's gmcr section, with the state graph",
        tag: 'analysis',
        body: GmcrBodySchema,
        responses: { 404: 'unknown scenario or no gmcr section' },
      },
      async (c, { body }) => {
        const entry = registry.usable(c.req.param('id')!);
        return analyzeGmcrModel(scenarioGmcrModel(entry), body);
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/scenarios/:id/gmcr/explain',
        summary: 'Why one state of the gmcr section is or is not stable, for every decision maker and concept',
        tag: 'analysis',
        body: GmcrExplainBodySchema,
        responses: { 404: 'unknown scenario or no gmcr section' },
      },
      (c, { body }) => explainGmcrState(scenarioGmcrModel(registry.usable(c.req.param('id')!)), body),
    ),
    route(
      {
        method: 'post',
        path: '/api/gmcr',
        summary: 'Stability analysis of an uploaded GMCR document (gmcr-case/1, gmcr-py, or scenario)',
        tag: 'analysis',
        body: GmcrDocumentBodySchema,
      },
      async (_c, { body }) => analyzeGmcrModel(documentGmcrModel(body.document), body),
    ),
    route(
      {
        method: 'get',
        path: '/api/scenarios/:id/backtest',
        summary: 'Recorded proposals: predicted versus observed answers, accuracy per party and issue',
        tag: 'analysis',
        responses: { 404: 'unknown scenario' },
      },
      (c) => backtestScenario(registry.usable(c.req.param('id')!)),
    ),
    route(
      {
        method: 'get',
        path: '/api/scenarios/:id/analysis',
        summary: 'Stakes, issues, proposal verdicts with levers to close gaps, backtest',
        tag: 'analysis',
        responses: { 404: 'unknown scenario' },
      },
      (c) => analysisOf(registry.usable(c.req.param('id')!)),
    ),
    route(
      {
        method: 'post',
        path: '/api/ingest',
        summary: 'Ingest articles (text, Markdown, HTML) into the evidence database',
        tag: 'evidence',
        body: IngestBodySchema,
        responses: { 503: 'no evidence database' },
      },
      async (_c, { body }) => ingestDocuments(await store(), registry, body, now),
    ),
    route(
      {
        method: 'get',
        path: '/api/timeline',
        summary: 'Stored events in date order with their sources',
        tag: 'evidence',
        query: TimelineQuerySchema,
        responses: { 503: 'no evidence database' },
      },
      async (_c, { query }) => {
        const events = await (await store()).timeline({
          ...(query.actor ? { actor: query.actor } : {}),
          ...(query.issue ? { issue: query.issue } : {}),
          ...(query.from ? { from: query.from } : {}),
          ...(query.to ? { to: query.to } : {}),
        });
        return { events };
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/search',
        summary: 'Full-text search over stored sentences and quotes',
        tag: 'evidence',
        query: SearchQuerySchema,
        responses: { 503: 'no evidence database' },
      },
      async (_c, { query }) => ({ query: query.q, hits: await (await store()).search(query.q, query.limit) }),
    ),
    route(
      {
        method: 'post',
        path: '/api/jobs',
        summary: 'Start long work (space, opening-levers, gmcr, ingest) as a job',
        tag: 'jobs',
        body: JobBodySchema,
        responses: { 202: 'job started', 404: 'unknown scenario' },
      },
      (_c, { body }) => {
        switch (body.kind) {
          case 'space':
            return analysisJob({
              kind: 'space',
              scenario: source(registry.usable(body.scenario)),
              params: body.params,
            });
          case 'opening-levers':
            return analysisJob({
              kind: 'opening-levers',
              scenario: source(registry.usable(body.scenario)),
              params: body.params,
            });
          case 'gmcr': {
            const entry = registry.usable(body.scenario);
            // Checked here so that a scenario without a gmcr section is refused at once, not as a failed job.
            scenarioGmcrModel(entry);
            return analysisJob({ kind: 'gmcr', scenario: source(entry), params: body.params });
          }
          case 'ingest': {
            if (body.params.scenario) registry.usable(body.params.scenario);
            return runJob('ingest', async (ctx) => ingestDocuments(await store(), registry, body.params, now, ctx));
          }
        }
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/jobs/:id',
        summary: 'Status and progress of a job',
        tag: 'jobs',
        responses: { 404: 'unknown job' },
      },
      (c) => jobs.view(c.req.param('id')!),
    ),
    route(
      {
        method: 'get',
        path: '/api/jobs/:id/result',
        summary: 'Result of a finished job',
        tag: 'jobs',
        responses: { 404: 'unknown job', 409: 'job not finished' },
      },
      (c) => ({ job: jobs.view(c.req.param('id')!), result: jobs.result(c.req.param('id')!) }),
    ),
    route(
      {
        method: 'get',
        path: '/api/jobs/:id/events',
        summary: 'Progress of a job as server-sent events (progress, done, failed, cancelled)',
        tag: 'jobs',
        produces: 'text/event-stream',
        responses: { 404: 'unknown job' },
      },
      (c) => {
        const id = c.req.param('id')!;
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
      },
    ),
    route(
      {
        method: 'delete',
        path: '/api/jobs/:id',
        summary: 'Cancel a running job',
        tag: 'jobs',
        responses: { 404: 'unknown job' },
      },
      (c) => jobs.cancel(c.req.param('id')!),
    ),
  ];

  const app = new Hono();
  app.onError((error, c) => {
    const { status, body } = toErrorResponse(error);
    if (status === 500) logError(error);
    return c.json(body, status);
  });
  if (deps.corsOrigins && deps.corsOrigins.length > 0)
    app.use(
      '/api/*',
      cors({
        origin: deps.corsOrigins,
        allowHeaders: ['Authorization', 'Content-Type'],
        allowMethods: ['GET', 'POST', 'DELETE'],
      }),
    );
  if (deps.token) app.use('*', tokenAuth(deps.token));
  const maxSize = deps.maxBodyBytes ?? DEFAULT_MAX_BODY;
  app.use(
    '/api/*',
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(
          {
            code: 'BODY_TOO_LARGE',
            message: `The request body is larger than ${maxSize} bytes; send less at once (split the documents).`,
            details: { maxBytes: maxSize },
          },
          413,
        ),
    }),
  );
  for (const r of routes) r.mount(app);
  const openApi = openApiDocument(routes, { title: 'Entente HTTP API', version: deps.version ?? '0.1.0' }, ErrorSchema);
  app.get('/api/openapi.json', (c) => c.json(openApi));
  app.all('/api/*', (c) =>
    c.json(
      {
        code: 'NOT_FOUND',
        message: `No API route ${c.req.method} ${c.req.path}; see /api/openapi.json.`,
        details: null,
      },
      404,
    ),
  );
  if (deps.webRoot) app.get('*', serveWebBundle(deps.webRoot));

  return {
    app,
    jobs,
    routes,
    async close() {
      if (storePromise) await (await storePromise.catch(() => undefined))?.close();
      storePromise = undefined;
    },
  };
}

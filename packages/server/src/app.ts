import { createEngineRegistry, type EngineRegistry, EntenteError } from '@entente/core';
import type { EvidenceStore } from '@entente/store';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';

import { type AnalysisRunner, runAnalysisTask, runEngineTask } from './analysis-tasks';
import { tokenAuth } from './auth';
import type { DocumentExtractor } from './evidence-services';
import { hostCheck, LOOPBACK_HOSTS } from './host-check';
import { toErrorResponse } from './http-error';
import { JobManager } from './jobs';
import { openApiDocument, type RouteDoc } from './route';
import type { RouteContext } from './routes/context';
import { engineDocs, engineRouteDocs, engineRoutes } from './routes/engines';
import { evidenceDocs, evidenceRoutes } from './routes/evidence';
import { gmcrDocs, gmcrRoutes } from './routes/gmcr';
import { jobDocs, jobRoutes } from './routes/jobs';
import { metaDocs, metaRoutes } from './routes/meta';
import { scenarioDocs, scenarioRoutes } from './routes/scenarios';
import { spaceDocs, spaceRoutes } from './routes/space';
import type { ScenarioRegistry } from './scenario-registry';
import { ErrorSchema } from './schemas';
import { serveWebBundle } from './static-files';

/** What the app needs from the outside world; everything is injectable so tests need no socket. */
export interface AppDeps {
  scenarios: ScenarioRegistry;
  /** Opens the evidence store (SQLite/PostgreSQL); called once, on first use. Absent: evidence routes answer 503. */
  openStore?: () => Promise<EvidenceStore>;
  now?: () => Date;
  /** Access token; when set, every route needs it. */
  token?: string;
  /**
   * Host names (`name` or `name:port`) the server answers to; any other Host header gets 403, against DNS
   * rebinding (default: localhost, 127.0.0.1 and [::1], on any port).
   */
  allowedHosts?: string[];
  /** Jobs that may run at once; more are refused with 429 and Retry-After (default 8). */
  maxRunningJobs?: number;
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
  /** The engines the API offers (default: the built-in ones). */
  engines?: EngineRegistry;
  /**
   * Extracts the documents of `POST /api/ingest`. Default: in this thread. `entente serve` passes the
   * runtime's extraction pool, so that a long article does not hold up other requests.
   */
  extractDocument?: DocumentExtractor;
  /** Milliseconds one uploaded document may take to read before INGEST_TIMEOUT (default 30 s; enforced off-thread). */
  ingestTimeoutMs?: number;
}

/** Every API route document, in the order the OpenAPI description lists them. */
export const routeDocs: readonly RouteDoc[] = [
  ...Object.values(metaDocs),
  ...Object.values(scenarioDocs),
  ...Object.values(spaceDocs),
  ...Object.values(gmcrDocs),
  ...Object.values(evidenceDocs),
  ...Object.values(jobDocs),
  ...Object.values(engineDocs),
];

/**
 * Mounts the route modules on `base`; chained, so that the returned app's type carries every route's
 * request and response types (exported as `AppType` for hono's typed client).
 */
function mountRoutes(base: Hono, ctx: RouteContext) {
  return base
    .route('/', metaRoutes(ctx))
    .route('/', scenarioRoutes(ctx))
    .route('/', spaceRoutes(ctx))
    .route('/', gmcrRoutes(ctx))
    .route('/', evidenceRoutes(ctx))
    .route('/', jobRoutes(ctx))
    .route('/', engineRoutes(ctx));
}

/** The API app with its typed routes. */
export type ApiApp = ReturnType<typeof mountRoutes>;

/** The app and the resources it holds. */
export interface EntenteApp {
  app: ApiApp;
  jobs: JobManager;
  /** The documents of the API routes (what /api/openapi.json describes). */
  routes: readonly RouteDoc[];
  /** Closes the evidence store if it was opened. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 4 * 1024 * 1024;

/** The seconds a 429 answer asks the client to wait: the error's own figure, else 5. */
function retryAfterOf(details: unknown): number {
  const value = (details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof value === 'number' && value > 0 ? Math.ceil(value) : 5;
}

/** Builds the HTTP API (and, with `webRoot`, the workbench) as a Hono app, without opening a socket. */
export function createApp(deps: AppDeps): EntenteApp {
  const now = deps.now ?? (() => new Date());
  const logError = deps.logError ?? ((error: unknown) => console.error(error));
  const registry = deps.scenarios;
  const engines = deps.engines ?? createEngineRegistry();
  const jobs = new JobManager(
    now,
    (error) => {
      const { status, body } = toErrorResponse(error);
      if (status === 500) logError(error);
      return { code: body.code, message: body.message };
    },
    undefined,
    deps.maxRunningJobs,
  );
  let storePromise: Promise<EvidenceStore> | undefined;
  const store = (): Promise<EvidenceStore> => {
    if (!deps.openStore)
      throw new EntenteError(
        'STORE_UNAVAILABLE',
        'This server has no evidence database; start it with --db PATH or DATABASE_URL.',
      );
    storePromise ??= deps.openStore().catch((error) => {
      storePromise = undefined;
      throw error;
    });
    return storePromise;
  };
  const runAnalysis: AnalysisRunner =
    deps.runAnalysis ??
    (async (task, ctx) =>
      task.kind === 'engine'
        ? runEngineTask(task, engines, ctx)
        : runAnalysisTask(task, ctx, 'scenario' in task ? registry.usable(task.scenario.id) : undefined));
  const ctx: RouteContext = { registry, jobs, store, runAnalysis, deps, now, engines };

  const base = new Hono();
  base.onError((error, c) => {
    const { status, body } = toErrorResponse(error);
    if (status === 500) logError(error);
    // A refused job says when to try again, as RFC 9110 asks of a 429.
    if (status === 429) c.header('Retry-After', String(retryAfterOf(body.details)));
    return c.json(body, status);
  });
  base.use('*', hostCheck(deps.allowedHosts ?? LOOPBACK_HOSTS, deps.corsOrigins ?? []));
  if (deps.corsOrigins && deps.corsOrigins.length > 0)
    base.use(
      '/api/*',
      cors({
        origin: deps.corsOrigins,
        allowHeaders: ['Authorization', 'Content-Type'],
        allowMethods: ['GET', 'POST', 'DELETE'],
      }),
    );
  if (deps.token) base.use('*', tokenAuth(deps.token));
  const maxSize = deps.maxBodyBytes ?? DEFAULT_MAX_BODY;
  base.use(
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
  const app = mountRoutes(base, ctx);
  const allDocs = [...routeDocs, ...engineRouteDocs(engines)];
  const openApi = openApiDocument(
    allDocs,
    { title: 'Entente HTTP API', version: deps.version ?? '0.1.0' },
    ErrorSchema,
  );
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
    routes: allDocs,
    async close() {
      if (storePromise) await (await storePromise.catch(() => undefined))?.close();
      storePromise = undefined;
    },
  };
}

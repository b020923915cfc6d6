import type { AppType } from '@entente/server';
import { type ClientResponse, hc, type InferRequestType, type InferResponseType } from 'hono/client';

const TOKEN_KEY = 'entente.token';

function authHeaders(): Record<string, string> {
  let token: string | null = null;
  try {
    token = window.localStorage.getItem(TOKEN_KEY);
  } catch {
    token = null;
  }
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The API as hono's typed client: paths, request bodies and response types come from the server's routes. */
export const client = hc<AppType>('/', { headers: authHeaders });

type Scenarios = typeof client.api.scenarios;
type OneScenario = Scenarios[':id'];
type Jobs = typeof client.api.jobs;

// Response types, inferred from the server's routes (none is written by hand, so none can drift).
export type ScenarioSummary = InferResponseType<Scenarios['$get'], 200>['scenarios'][number];
export type ScenarioDetail = InferResponseType<OneScenario['$get'], 200>;
export type EvaluationResponse = InferResponseType<OneScenario['evaluate']['$post'], 200>;
export type ClosestResponse = InferResponseType<OneScenario['closest']['$post'], 200>;
export type SpaceResponse = InferResponseType<OneScenario['space']['$post'], 200>;
export type OpeningLeversResponse = InferResponseType<OneScenario['opening-levers']['$post'], 200>;
export type GmcrResponse = InferResponseType<OneScenario['gmcr']['$post'], 200>;
export type GmcrExplanation = InferResponseType<OneScenario['gmcr']['explain']['$post'], 200>;
export type BacktestResult = InferResponseType<OneScenario['backtest']['$get'], 200>;
export type ScenarioAnalysis = InferResponseType<OneScenario['analysis']['$get'], 200>;
export type TimelineEvent = InferResponseType<typeof client.api.timeline.$get, 200>['events'][number];
export type SearchHit = InferResponseType<typeof client.api.search.$get, 200>['hits'][number];
export type IngestResponse = InferResponseType<typeof client.api.ingest.$post, 200>;
export type PartialDeal = SpaceResponse['partialDeals'][number];
export type LeverUse = NonNullable<InferRequestType<OneScenario['evaluate']['$post']>['json']['levers']>[number];

/** A job as the API starts it: its kind, scenario and parameters. */
export type JobRequest = InferRequestType<Jobs['$post']>['json'];
/** What each kind of job returns: the same as the route that answers at once. */
export interface JobResults {
  space: SpaceResponse;
  'opening-levers': OpeningLeversResponse;
  gmcr: GmcrResponse;
  ingest: IngestResponse;
}

/** An error answered by the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Takes `?token=` from the address once, keeps it for later requests, and removes it from the address bar. */
export function captureToken(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  try {
    window.localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage can be disabled; the cookie set by the server still carries the token.
  }
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.toString());
}

/** The path parameter of a scenario or job id, encoded (hono's client puts it into the path as it is). */
export const idParam = (id: string) => ({ id: encodeURIComponent(id) });

/** Sends a typed client call and returns its JSON, or throws an ApiError with the server's message. */
export async function call<T>(request: Promise<ClientResponse<T>>): Promise<T> {
  const res = await request;
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = data as { code?: string; message?: string } | null;
    throw new ApiError(res.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `The server answered ${res.status}.`);
  }
  return data as T;
}

/**
 * Runs long work as a job: starts it, follows its progress by server-sent events, and fetches the result,
 * typed by the job's kind. `signal` cancels the job on the server.
 */
export async function runJob<R = never, K extends JobRequest['kind'] = JobRequest['kind']>(
  body: JobRequest & { kind: K },
  onProgress: (fraction: number, phase: string | null) => void,
  signal?: AbortSignal,
): Promise<[R] extends [never] ? JobResults[K] : R> {
  const job = await call(client.api.jobs.$post({ json: body }));
  // The result route cannot know the kind; the kind the job was started with does.
  return (await followJob(job.id, onProgress, signal)) as [R] extends [never] ? JobResults[K] : R;
}

/** Follows a started job's progress by server-sent events until it ends, then fetches its result. */
async function followJob<T>(
  id: string,
  onProgress: (fraction: number, phase: string | null) => void,
  signal?: AbortSignal,
): Promise<T> {
  const param = idParam(id);
  await new Promise<void>((resolve, reject) => {
    const source = new EventSource(client.api.jobs[':id'].events.$path({ param }));
    const stop = () => source.close();
    const onAbort = () => {
      stop();
      void call(client.api.jobs[':id'].$delete({ param })).catch(() => {});
      reject(new ApiError(0, 'CANCELLED', 'The analysis was cancelled.'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    source.addEventListener('progress', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { progress?: number; phase?: string };
      onProgress(data.progress ?? 0, data.phase ?? null);
    });
    source.addEventListener('done', () => {
      stop();
      resolve();
    });
    source.addEventListener('cancelled', () => {
      stop();
      reject(new ApiError(0, 'CANCELLED', 'The analysis was cancelled.'));
    });
    source.addEventListener('failed', (e) => {
      stop();
      const data = JSON.parse((e as MessageEvent<string>).data) as { error?: { code: string; message: string } };
      reject(new ApiError(400, data.error?.code ?? 'JOB_FAILED', data.error?.message ?? 'The analysis failed.'));
    });
    source.onerror = () => {
      stop();
      reject(new ApiError(0, 'STREAM_LOST', 'Lost the connection to the server while the analysis ran.'));
    };
  });
  const done = await call(client.api.jobs[':id'].result.$get({ param }));
  return done.result as T;
}

type Engines = typeof client.api.engines;
/** The body of an engine run or job, as the server's route declares it. */
export type EngineRunBody = InferRequestType<Engines[':engine']['run']['$post']>['json'];

/** Runs a registered engine and waits for its result (`R`: the engine's result shape, see its zod schema in core). */
export async function runEngine<R>(engine: string, body: EngineRunBody, signal?: AbortSignal): Promise<R> {
  const out = (await call(
    client.api.engines[':engine'].run.$post({ param: { engine }, json: body }, { init: signal ? { signal } : {} }),
  )) as {
    result: unknown;
  };
  return out.result as R;
}

/** Runs a registered engine as a job: progress by server-sent events, `signal` cancels it on the server. */
export async function runEngineJob<R>(
  engine: string,
  body: EngineRunBody,
  onProgress: (fraction: number, phase: string | null) => void,
  signal?: AbortSignal,
): Promise<R> {
  const job = (await call(client.api.engines[':engine'].jobs.$post({ param: { engine }, json: body }))) as {
    id: string;
  };
  const out = await followJob<{ result: unknown }>(job.id, onProgress, signal);
  return out.result as R;
}

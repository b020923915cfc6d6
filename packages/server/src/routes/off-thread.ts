import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { JsonText } from '../analysis-tasks';
import type { JobContext } from '../jobs';

/** Time budget of a synchronous route's work in a worker thread. */
export const ROUTE_TIME_BUDGET_MS = 60_000;

/** A JSON text sent as is, typed as the value it encodes (so hono's client still sees the route's result type). */
export function sendJson<T>(c: Context, json: string) {
  return c.body(json, 200, { 'content-type': 'application/json' }) as unknown as Response &
    TypedResponse<JSONParsed<T>, 200, 'json'>;
}

/** A context for work done on behalf of one request: cancelled when the client goes away. */
export function requestContext(c: Context): JobContext {
  const signal = c.req.raw.signal;
  return {
    signal,
    progress: () => {
      if (signal.aborted) throw signal.reason;
    },
    yield: () => Promise.resolve(),
  };
}

/** The JSON text of a result that came back from a worker (already serialised there) or from this thread. */
export function jsonTextOf(result: unknown): string {
  return result instanceof JsonText ? result.text : JSON.stringify(result);
}

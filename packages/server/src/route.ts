import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { HttpError, parseInput } from './http-error';

/** HTTP methods the API uses. */
export type Method = 'get' | 'post' | 'delete';

/** What the OpenAPI generator needs to know about a route. */
export interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Status codes besides 200 that the route may answer, with what they mean. */
  responses?: Record<number, string>;
  /** Content type of the success response (default JSON). */
  produces?: string;
}

/** A route: its documentation, and how to mount it on an app. */
export interface Route {
  doc: RouteDoc;
  mount(app: Hono): void;
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type))
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the body as JSON (Content-Type: application/json), not ${type}.`,
    );
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      'INVALID_JSON',
      `The request body is not valid JSON (${(error as Error).message}); send a JSON object.`,
    );
  }
}

/**
 * Declares a route whose body and query are checked by zod schemas (the same schemas feed the
 * OpenAPI description). The handler returns data (sent as JSON) or a Response.
 */
export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  doc: Omit<RouteDoc, 'body' | 'query'> & { body?: B; query?: Q },
  handler: (c: Context, input: { body: z.output<B>; query: z.output<Q> }) => unknown,
): Route {
  return {
    doc,
    mount(app) {
      app.on(doc.method.toUpperCase(), doc.path, async (c) => {
        const body = doc.body ? parseInput(doc.body, await readJson(c), 'body') : undefined;
        const query = doc.query ? parseInput(doc.query, c.req.query(), 'query') : undefined;
        const result = await handler(c, { body: body as z.output<B>, query: query as z.output<Q> });
        if (result instanceof Response) return result;
        return c.json(result as object, doc.responses?.[202] ? 202 : 200);
      });
    },
  };
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** An OpenAPI 3.1 description of the routes, generated from their zod schemas. */
export function openApiDocument(
  routes: readonly Route[],
  info: { title: string; version: string },
  errorSchema: z.ZodType,
) {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { $ref: '#/components/schemas/Error' };
  for (const { doc } of routes) {
    const path = toOpenApiPath(doc.path);
    const parameters: unknown[] = [...doc.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (doc.query) {
      const q = jsonSchemaOf(doc.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {}))
        parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
    }
    const responses: Record<string, unknown> = {
      [doc.responses?.[202] ? '202' : '200']: {
        description: doc.responses?.[202] ?? 'success',
        content: { [doc.produces ?? 'application/json']: {} },
      },
      '400': { description: 'bad input', content: { 'application/json': { schema: error } } },
      '401': {
        description: 'missing or wrong token (when ENTENTE_TOKEN is set)',
        content: { 'application/json': { schema: error } },
      },
      '500': {
        description: 'internal fault (details are logged, not returned)',
        content: { 'application/json': { schema: error } },
      },
    };
    for (const [status, description] of Object.entries(doc.responses ?? {}))
      if (status !== '202') responses[status] = { description, content: { 'application/json': { schema: error } } };
    if (doc.body)
      responses['413'] = { description: 'body too large', content: { 'application/json': { schema: error } } };
    paths[path] ??= {};
    paths[path]![doc.method] = {
      summary: doc.summary,
      tags: [doc.tag],
      operationId: `${doc.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      ...(parameters.length ? { parameters } : {}),
      ...(doc.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(doc.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    components: {
      schemas: { Error: jsonSchemaOf(errorSchema) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }, {}],
    paths,
  };
}

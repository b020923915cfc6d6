import { EntenteError } from '@entente/core';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { parseInput } from './http-error';

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

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type))
    throw new EntenteError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the body as JSON (Content-Type: application/json), not ${type}.`,
    );
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EntenteError(
      'INVALID_JSON',
      `The request body is not valid JSON (${(error as Error).message}); send a JSON object.`,
    );
  }
}

/** What a query string can carry for each field of a query schema (hono's typed client sends strings). */
type QueryInput<T> = { [K in keyof T]: string };

/**
 * Checks the JSON body with a zod schema (an empty body counts as `{}`), answering 415, INVALID_JSON
 * or INVALID_BODY with the API's error body; typed so that `c.req.valid('json')` and hono's client see it.
 */
export function jsonBody<S extends z.ZodType, E extends Env = Env, P extends string = string>(
  schema: S,
): MiddlewareHandler<E, P, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async (c, next) => {
    c.req.addValidatedData('json', parseInput(schema, await readJson(c), 'body') as object);
    await next();
  };
}

/** Checks the query string with a zod schema, answering INVALID_QUERY with the API's error body. */
export function queryOf<S extends z.ZodType, E extends Env = Env, P extends string = string>(
  schema: S,
): MiddlewareHandler<E, P, { in: { query: QueryInput<z.input<S>> }; out: { query: z.output<S> } }> {
  return async (c, next) => {
    c.req.addValidatedData('query', parseInput(schema, c.req.query(), 'query') as object);
    await next();
  };
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

/** The JSON Schema of a zod schema, as the OpenAPI document embeds it. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** An OpenAPI 3.1 description of the routes, generated from their zod schemas. */
export function openApiDocument(
  docs: readonly RouteDoc[],
  info: { title: string; version: string },
  errorSchema: z.ZodType,
) {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { $ref: '#/components/schemas/Error' };
  for (const doc of docs) {
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

import { Hono } from 'hono';
import { extractionOf, ingestDocuments } from '../evidence-services';
import { jsonBody, queryOf } from '../route';
import { IngestBodySchema, SearchQuerySchema, TimelineQuerySchema } from '../schemas';
import type { RouteContext, RouteDocs } from './context';

export const evidenceDocs = {
  ingest: {
    method: 'post',
    path: '/api/ingest',
    summary: 'Ingest articles (text, Markdown, HTML) into the evidence database',
    tag: 'evidence',
    body: IngestBodySchema,
    responses: { 503: 'no evidence database' },
  },
  timeline: {
    method: 'get',
    path: '/api/timeline',
    summary: 'Stored events in date order with their sources',
    tag: 'evidence',
    query: TimelineQuerySchema,
    responses: { 503: 'no evidence database' },
  },
  search: {
    method: 'get',
    path: '/api/search',
    summary: 'Full-text search over stored sentences and quotes (`truncated` when more hits match than `limit`)',
    tag: 'evidence',
    query: SearchQuerySchema,
    responses: { 503: 'no evidence database' },
  },
} as const satisfies RouteDocs;

/** The evidence database: ingestion, timeline and full-text search. */
export function evidenceRoutes({ registry, store, now, deps }: RouteContext) {
  const d = evidenceDocs;
  const extraction = extractionOf(deps);
  return new Hono()
    .post(d.ingest.path, jsonBody(d.ingest.body), async (c) =>
      c.json(await ingestDocuments(await store(), registry, c.req.valid('json'), now, undefined, extraction)),
    )
    .get(d.timeline.path, queryOf(d.timeline.query), async (c) => {
      const query = c.req.valid('query');
      const events = await (await store()).timeline({
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.issue ? { issue: query.issue } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.background === 'false' ? { background: false } : {}),
      });
      return c.json({ events });
    })
    .get(d.search.path, queryOf(d.search.query), async (c) => {
      const query = c.req.valid('query');
      // One hit past the limit tells a full page from a cut one.
      const hits = await (await store()).search(query.q, query.limit + 1);
      return c.json({ query: query.q, hits: hits.slice(0, query.limit), truncated: hits.length > query.limit });
    });
}

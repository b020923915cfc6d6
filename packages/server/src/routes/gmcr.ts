import { Hono } from 'hono';
import { jsonBody } from '../route';
import { analyzeGmcrModel, documentGmcrModel, explainGmcrState, scenarioGmcrModel } from '../scenario-services';
import { GmcrBodySchema, GmcrDocumentBodySchema, GmcrExplainBodySchema } from '../schemas';
import type { RouteContext, RouteDocs } from './context';

export const gmcrDocs = {
  scenario: {
    method: 'post',
    path: '/api/scenarios/:id/gmcr',
    summary: "Stability analysis (Nash, GMR, SMR, SEQ) of the scenario's gmcr section, with the state graph",
    tag: 'analysis',
    body: GmcrBodySchema,
    responses: { 404: 'unknown scenario or no gmcr section' },
  },
  explain: {
    method: 'post',
    path: '/api/scenarios/:id/gmcr/explain',
    summary: 'Why one state of the gmcr section is or is not stable, for every decision maker and concept',
    tag: 'analysis',
    body: GmcrExplainBodySchema,
    responses: { 404: 'unknown scenario or no gmcr section' },
  },
  document: {
    method: 'post',
    path: '/api/gmcr',
    summary: 'Stability analysis of an uploaded GMCR document (gmcr-case/1, gmcr-py, or scenario)',
    tag: 'analysis',
    body: GmcrDocumentBodySchema,
  },
} as const satisfies RouteDocs;

/** GMCR stability analysis of a scenario's gmcr section or of an uploaded document. */
export function gmcrRoutes({ registry }: RouteContext) {
  const d = gmcrDocs;
  return new Hono()
    .post(d.scenario.path, jsonBody(d.scenario.body), async (c) =>
      c.json(await analyzeGmcrModel(scenarioGmcrModel(registry.usable(c.req.param('id'))), c.req.valid('json'))),
    )
    .post(d.explain.path, jsonBody(d.explain.body), (c) =>
      c.json(explainGmcrState(scenarioGmcrModel(registry.usable(c.req.param('id'))), c.req.valid('json'))),
    )
    .post(d.document.path, jsonBody(d.document.body), async (c) => {
      const body = c.req.valid('json');
      return c.json(await analyzeGmcrModel(documentGmcrModel(body.document), body));
    });
}

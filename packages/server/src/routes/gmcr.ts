import { documentOptionCount } from '@entente/core';
import { type Context, Hono } from 'hono';
import { type GmcrAnswerTask, JsonText, runAnalysisTask } from '../analysis-tasks';
import { jsonBody } from '../route';
import {
  type analyzeGmcrModel,
  type explainGmcrState,
  GMCR_API_LIMITS,
  type GmcrRequest,
  scenarioGmcrModel,
} from '../scenario-services';
import { GmcrBodySchema, GmcrDocumentBodySchema, GmcrExplainBodySchema } from '../schemas';
import type { RouteContext, RouteDocs } from './context';
import { requestContext, sendJson } from './off-thread';

const tooLarge = {
  422: 'the model exceeds a GMCR limit (names, options, states), the answer the response-size cap (GMCR_OUTPUT_TOO_LARGE), or the work the 60 s time budget (TIME_BUDGET_EXCEEDED)',
};

export const gmcrDocs = {
  scenario: {
    method: 'post',
    path: '/api/scenarios/:id/gmcr',
    summary: "Stability analysis (Nash, GMR, SMR, SEQ) of the scenario's gmcr section, with the state graph",
    tag: 'analysis',
    body: GmcrBodySchema,
    responses: { 404: 'unknown scenario or no gmcr section', ...tooLarge },
  },
  explain: {
    method: 'post',
    path: '/api/scenarios/:id/gmcr/explain',
    summary: 'Why one state of the gmcr section is or is not stable, for every decision maker and concept',
    tag: 'analysis',
    body: GmcrExplainBodySchema,
    responses: { 404: 'unknown scenario or no gmcr section', ...tooLarge },
  },
  document: {
    method: 'post',
    path: '/api/gmcr',
    summary: 'Stability analysis of an uploaded GMCR document (gmcr-case/1, gmcr-py, or scenario)',
    tag: 'analysis',
    body: GmcrDocumentBodySchema,
    responses: tooLarge,
  },
} as const satisfies RouteDocs;

/**
 * GMCR stability analysis of a scenario's gmcr section or of an uploaded document. Under `entente
 * serve` every model above 2^8 candidate states is analysed in a worker thread within a 60 s budget,
 * its answer serialised there, so that the event loop stays free; smaller ones answer in this thread.
 */
export function gmcrRoutes({ registry, runAnalysis, deps }: RouteContext) {
  const d = gmcrDocs;
  const answer = async (
    c: Context,
    task: GmcrAnswerTask,
    optionCount: number,
    entry?: Parameters<typeof runAnalysisTask>[2],
  ) => {
    const offThread = deps.runAnalysis !== undefined && optionCount > GMCR_API_LIMITS.inThreadOptions;
    const work = offThread
      ? runAnalysis({ ...task, budgetMs: GMCR_API_LIMITS.timeBudgetMs }, requestContext(c))
      : runAnalysisTask(task, requestContext(c), entry);
    const out = await work;
    return out instanceof JsonText ? out.text : (out as string);
  };
  const source = (id: string) => {
    const entry = registry.usable(id);
    const model = scenarioGmcrModel(entry);
    return { entry, model, scenario: { id: entry.id, file: entry.file, text: entry.text } };
  };
  return new Hono()
    .post(d.scenario.path, jsonBody(d.scenario.body), async (c) => {
      const { entry, model, scenario } = source(c.req.param('id'));
      const request: GmcrRequest = { route: 'analyze', params: c.req.valid('json') };
      const json = await answer(c, { kind: 'gmcr-answer', model: { scenario }, request }, model.options.length, entry);
      return sendJson<Awaited<ReturnType<typeof analyzeGmcrModel>>>(c, json);
    })
    .post(d.explain.path, jsonBody(d.explain.body), async (c) => {
      const { entry, model, scenario } = source(c.req.param('id'));
      const request: GmcrRequest = { route: 'explain', params: c.req.valid('json') };
      const json = await answer(c, { kind: 'gmcr-answer', model: { scenario }, request }, model.options.length, entry);
      return sendJson<ReturnType<typeof explainGmcrState>>(c, json);
    })
    .post(d.document.path, jsonBody(d.document.body), async (c) => {
      const { document, ...params } = c.req.valid('json');
      const request: GmcrRequest = { route: 'analyze', params };
      // The document's size is read from its shape, so a large one is not parsed on the event loop.
      const json = await answer(
        c,
        { kind: 'gmcr-answer', model: { document }, request },
        documentOptionCount(document),
      );
      return sendJson<Awaited<ReturnType<typeof analyzeGmcrModel>>>(c, json);
    });
}

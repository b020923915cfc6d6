import { type Context, Hono } from 'hono';
import type { AnalysisTask, ScenarioSource } from '../analysis-tasks';
import { jsonBody } from '../route';
import { closestPackage, openingLevers, partialDeals, scenarioSpaceReport } from '../scenario-services';
import { ClosestBodySchema, OpeningLeversBodySchema, PartialDealsBodySchema, SpaceBodySchema } from '../schemas';
import type { RouteContext, RouteDocs } from './context';
import { jsonTextOf, ROUTE_TIME_BUDGET_MS, requestContext, sendJson } from './off-thread';

export const spaceDocs = {
  space: {
    method: 'post',
    path: '/api/scenarios/:id/space',
    summary:
      'Agreement space: settlements against walking away (zone, shortfalls, blocking issues, solutions, opening levers), steps against today (partial deals), points to plot',
    tag: 'analysis',
    body: SpaceBodySchema,
    responses: { 404: 'unknown scenario' },
  },
  partialDeals: {
    method: 'post',
    path: '/api/scenarios/:id/partial-deals',
    summary:
      'Issue subsets every party prefers (steps, against today, when the scenario has settlements), the rest as it is',
    tag: 'analysis',
    body: PartialDealsBodySchema,
    responses: { 404: 'unknown scenario' },
  },
  closest: {
    method: 'post',
    path: '/api/scenarios/:id/closest',
    summary: 'Closest acceptable package to a proposal or to given terms',
    tag: 'analysis',
    body: ClosestBodySchema,
    responses: { 404: 'unknown scenario or proposal' },
  },
  openingLevers: {
    method: 'post',
    path: '/api/scenarios/:id/opening-levers',
    summary: 'Smallest lever combinations that open a zone of agreement',
    tag: 'analysis',
    body: OpeningLeversBodySchema,
    responses: { 404: 'unknown scenario' },
  },
} as const satisfies RouteDocs;

/** The agreement space of a scenario: zone, partial deals, closest package, opening levers. */
export function spaceRoutes({ registry, runAnalysis, deps }: RouteContext) {
  const d = spaceDocs;
  // Under `entente serve` these routes run in a worker thread within a budget, so the event loop stays free.
  const offThread = deps.runAnalysis !== undefined;
  const respond = async <R>(
    c: Context,
    task: (scenario: ScenarioSource) => AnalysisTask,
    inThread: (entry: ReturnType<typeof registry.usable>) => R,
  ) => {
    const entry = registry.usable(c.req.param('id') ?? '');
    const json = offThread
      ? jsonTextOf(await runAnalysis(task({ id: entry.id, file: entry.file, text: entry.text }), requestContext(c)))
      : JSON.stringify(inThread(entry));
    return sendJson<R>(c, json);
  };
  const budgetMs = ROUTE_TIME_BUDGET_MS;
  return new Hono()
    .post(d.space.path, jsonBody(d.space.body), (c) => {
      const params = c.req.valid('json');
      return respond(
        c,
        (scenario) => ({ kind: 'space', scenario, params, budgetMs }),
        (entry) => scenarioSpaceReport(entry, params),
      );
    })
    .post(d.partialDeals.path, jsonBody(d.partialDeals.body), (c) => {
      const params = c.req.valid('json');
      return respond(
        c,
        (scenario) => ({ kind: 'partial-deals', scenario, params, budgetMs }),
        (entry) => partialDeals(entry, params),
      );
    })
    .post(d.closest.path, jsonBody(d.closest.body), (c) => {
      const params = c.req.valid('json');
      return respond(
        c,
        (scenario) => ({ kind: 'closest', scenario, params, budgetMs }),
        (entry) => closestPackage(entry, params),
      );
    })
    .post(d.openingLevers.path, jsonBody(d.openingLevers.body), (c) => {
      const params = c.req.valid('json');
      return respond(
        c,
        (scenario) => ({ kind: 'opening-levers', scenario, params, budgetMs }),
        (entry) => openingLevers(entry, params),
      );
    });
}

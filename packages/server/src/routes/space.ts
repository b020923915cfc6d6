import { Hono } from 'hono';
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
  const scenario = (id: string) => {
    const entry = registry.usable(id);
    return { entry, source: { id: entry.id, file: entry.file, text: entry.text } };
  };
  // Under `entente serve` the heavy routes run in a worker thread within a budget, so the event loop stays free.
  const offThread = deps.runAnalysis !== undefined;
  return new Hono()
    .post(d.space.path, jsonBody(d.space.body), async (c) => {
      const { entry, source } = scenario(c.req.param('id'));
      const params = c.req.valid('json');
      if (!offThread) return c.json(scenarioSpaceReport(entry, params));
      const task = { kind: 'space', scenario: source, params, budgetMs: ROUTE_TIME_BUDGET_MS } as const;
      return sendJson<ReturnType<typeof scenarioSpaceReport>>(
        c,
        jsonTextOf(await runAnalysis(task, requestContext(c))),
      );
    })
    .post(d.partialDeals.path, jsonBody(d.partialDeals.body), async (c) => {
      const { entry, source } = scenario(c.req.param('id'));
      const params = c.req.valid('json');
      if (!offThread) return c.json(partialDeals(entry, params));
      const task = { kind: 'partial-deals', scenario: source, params, budgetMs: ROUTE_TIME_BUDGET_MS } as const;
      return sendJson<ReturnType<typeof partialDeals>>(c, jsonTextOf(await runAnalysis(task, requestContext(c))));
    })
    .post(d.closest.path, jsonBody(d.closest.body), async (c) => {
      const { entry, source } = scenario(c.req.param('id'));
      const params = c.req.valid('json');
      if (!offThread) return c.json(closestPackage(entry, params));
      const task = { kind: 'closest', scenario: source, params, budgetMs: ROUTE_TIME_BUDGET_MS } as const;
      return sendJson<ReturnType<typeof closestPackage>>(c, jsonTextOf(await runAnalysis(task, requestContext(c))));
    })
    .post(d.openingLevers.path, jsonBody(d.openingLevers.body), async (c) => {
      const { entry, source } = scenario(c.req.param('id'));
      const params = c.req.valid('json');
      if (!offThread) return c.json(openingLevers(entry, params));
      const task = { kind: 'opening-levers', scenario: source, params, budgetMs: ROUTE_TIME_BUDGET_MS } as const;
      return sendJson<ReturnType<typeof openingLevers>>(c, jsonTextOf(await runAnalysis(task, requestContext(c))));
    });
}

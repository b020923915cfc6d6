import { Hono } from 'hono';
import { jsonBody } from '../route';
import { closestPackage, openingLevers, partialDeals, scenarioSpaceReport } from '../scenario-services';
import { ClosestBodySchema, OpeningLeversBodySchema, PartialDealsBodySchema, SpaceBodySchema } from '../schemas';
import type { RouteContext, RouteDocs } from './context';

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
export function spaceRoutes({ registry }: RouteContext) {
  const d = spaceDocs;
  return new Hono()
    .post(d.space.path, jsonBody(d.space.body), (c) =>
      c.json(scenarioSpaceReport(registry.usable(c.req.param('id')), c.req.valid('json'))),
    )
    .post(d.partialDeals.path, jsonBody(d.partialDeals.body), (c) =>
      c.json(partialDeals(registry.usable(c.req.param('id')), c.req.valid('json'))),
    )
    .post(d.closest.path, jsonBody(d.closest.body), (c) =>
      c.json(closestPackage(registry.usable(c.req.param('id')), c.req.valid('json'))),
    )
    .post(d.openingLevers.path, jsonBody(d.openingLevers.body), (c) =>
      c.json(openingLevers(registry.usable(c.req.param('id')), c.req.valid('json'))),
    );
}

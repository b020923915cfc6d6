import { checkQuotes, locateIssuesInText, parseScenarioText, scenarioCounts, scenarioJsonSchema } from '@entente/core';
import { Hono } from 'hono';
import { jsonBody } from '../route';
import type { ScenarioEntry } from '../scenario-registry';
import { analysisOf, backtestScenario, evaluateProposal } from '../scenario-services';
import { EvaluateBodySchema, ValidateBodySchema } from '../schemas';
import type { RouteContext, RouteDocs } from './context';

export const scenarioDocs = {
  list: { method: 'get', path: '/api/scenarios', summary: 'List the loaded scenarios', tag: 'scenarios' },
  get: {
    method: 'get',
    path: '/api/scenarios/:id',
    summary: 'A scenario: its content and validation problems',
    tag: 'scenarios',
    responses: { 404: 'unknown scenario' },
  },
  validation: {
    method: 'get',
    path: '/api/scenarios/:id/validation',
    summary: 'Validation problems of a loaded scenario, with file, line and column',
    tag: 'scenarios',
    responses: { 404: 'unknown scenario' },
  },
  schema: {
    method: 'get',
    path: '/api/schema/scenario',
    summary: 'JSON Schema of the scenario format',
    tag: 'scenarios',
  },
  validate: {
    method: 'post',
    path: '/api/validate',
    summary: 'Validate a scenario text (and its quotes against given source texts)',
    tag: 'scenarios',
    body: ValidateBodySchema,
  },
  evaluate: {
    method: 'post',
    path: '/api/scenarios/:id/evaluate',
    summary: "Each party's utility, margin, red lines broken, predicted answer and why",
    tag: 'analysis',
    body: EvaluateBodySchema,
    responses: { 404: 'unknown scenario or proposal' },
  },
  backtest: {
    method: 'get',
    path: '/api/scenarios/:id/backtest',
    summary: 'Recorded proposals: predicted versus observed answers, accuracy per party and issue',
    tag: 'analysis',
    responses: { 404: 'unknown scenario' },
  },
  analysis: {
    method: 'get',
    path: '/api/scenarios/:id/analysis',
    summary: 'Stakes, issues, proposal verdicts with levers to close gaps, backtest',
    tag: 'analysis',
    responses: { 404: 'unknown scenario' },
  },
} as const satisfies RouteDocs;

/** A scenario as the list shows it. */
function summary(entry: ScenarioEntry) {
  const s = entry.scenario;
  return {
    id: entry.id,
    file: entry.file,
    valid: entry.valid,
    usable: s !== undefined,
    errors: entry.issues.filter((i) => i.severity === 'error').length,
    warnings: entry.issues.filter((i) => i.severity === 'warning').length,
    title: s?.title ?? null,
    asOf: s?.asOf ?? null,
    counts: s ? scenarioCounts(s) : null,
    hasGmcr: s?.gmcr !== undefined,
    hasSettlement: s?.settlement !== undefined,
  };
}

/** The loaded scenarios, validation, and the analyses that answer at once (evaluate, backtest, report). */
export function scenarioRoutes({ registry }: RouteContext) {
  const d = scenarioDocs;
  return new Hono()
    .get(d.list.path, (c) => c.json({ scenarios: registry.list().map(summary) }))
    .get(d.get.path, (c) => {
      const entry = registry.get(c.req.param('id'));
      return c.json({
        ...summary(entry),
        issues: entry.issues,
        quotes: entry.quotes ?? null,
        scenario: entry.scenario ?? null,
      });
    })
    .get(d.validation.path, (c) => {
      const entry = registry.get(c.req.param('id'));
      return c.json({ file: entry.file, valid: entry.valid, issues: entry.issues, quotes: entry.quotes ?? null });
    })
    .get(d.schema.path, (c) => c.json(scenarioJsonSchema()))
    .post(d.validate.path, jsonBody(d.validate.body), (c) => {
      const body = c.req.valid('json');
      const parsed = parseScenarioText(body.text, { file: body.file });
      let issues = parsed.issues;
      let quotes = null;
      if (parsed.scenario && body.sources) {
        quotes = checkQuotes(parsed.scenario, new Map(Object.entries(body.sources)));
        if (quotes.issues.length) issues = [...issues, ...locateIssuesInText(body.text, quotes.issues, body.file)];
      }
      return c.json({ file: body.file, valid: !issues.some((i) => i.severity === 'error'), issues, quotes });
    })
    .post(d.evaluate.path, jsonBody(d.evaluate.body), (c) =>
      c.json(evaluateProposal(registry.usable(c.req.param('id')), c.req.valid('json'))),
    )
    .get(d.backtest.path, (c) => c.json(backtestScenario(registry.usable(c.req.param('id')))))
    .get(d.analysis.path, (c) => c.json(analysisOf(registry.usable(c.req.param('id')))));
}

import { Hono } from 'hono';
import type { RouteContext, RouteDocs } from './context';

export const metaDocs = {
  health: { method: 'get', path: '/api/health', summary: 'Liveness and version', tag: 'meta' },
} as const satisfies RouteDocs;

/** Liveness and version. */
export function metaRoutes(ctx: RouteContext) {
  return new Hono().get(metaDocs.health.path, (c) =>
    c.json({
      status: 'ok',
      version: ctx.deps.version ?? '0.1.0',
      scenarios: ctx.registry.list().length,
      store: ctx.deps.openStore !== undefined,
    }),
  );
}

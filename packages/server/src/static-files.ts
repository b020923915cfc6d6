import { lookupStaticFile } from '@entente/runtime';
import type { Context } from 'hono';

/**
 * Serves the built web workbench: files under `root`, and `index.html` for any other page path
 * (the workbench routes in the browser). Paths that escape the folder are refused.
 */
export function serveWebBundle(root: string) {
  return (c: Context): Response => {
    const found = lookupStaticFile(root, new URL(c.req.url).pathname);
    if (found.kind === 'bad-path') return c.json({ code: 'INVALID_PATH', message: found.message, details: null }, 400);
    if (found.kind === 'not-found') return c.json({ code: 'NOT_FOUND', message: found.message, details: null }, 404);
    if (found.kind === 'not-built')
      return c.text('The web workbench is not built: run `npm run build:web` and restart `entente serve`.', 503);
    return c.body(found.body, 200, found.headers);
  };
}

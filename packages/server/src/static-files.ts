import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Serves the built web workbench: files under `root`, and `index.html` for any other page path
 * (the workbench routes in the browser). Paths that escape the folder are refused.
 */
export function serveWebBundle(root: string) {
  const base = path.resolve(root);
  return (c: Context): Response => {
    const rel = decodeURIComponent(new URL(c.req.url).pathname);
    let file = path.resolve(base, `.${rel}`);
    if (file !== base && !file.startsWith(base + path.sep))
      return c.json({ code: 'NOT_FOUND', message: 'No such page.', details: null }, 404);
    if (!existsSync(file) || !statSync(file).isFile()) {
      // Asset paths that do not exist are real 404s; page paths fall back to the app.
      if (path.extname(rel)) return c.json({ code: 'NOT_FOUND', message: `No file ${rel}.`, details: null }, 404);
      file = path.join(base, 'index.html');
      if (!existsSync(file))
        return c.text('The web workbench is not built: run `npm run build:web` and restart `entente serve`.', 503);
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const hashed = /\/assets\//.test(file);
    return c.body(readFileSync(file), 200, {
      'Content-Type': type,
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  };
}

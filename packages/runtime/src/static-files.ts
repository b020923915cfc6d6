import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

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

/** What to answer for a path under a static bundle, independent of the HTTP framework. */
export type StaticLookup =
  | { kind: 'file'; file: string; body: Uint8Array<ArrayBuffer>; headers: Record<string, string> }
  | { kind: 'not-found'; message: string }
  | { kind: 'bad-path'; message: string }
  | { kind: 'not-built' };

/**
 * Finds the file for a URL path under `root`: the file itself, or `index.html` for any page path
 * (a single-page app routes in the browser). Paths that escape the folder and missing assets are
 * not found; a missing `index.html` means the bundle was never built.
 */
export function lookupStaticFile(root: string, urlPath: string): StaticLookup {
  const base = path.resolve(root);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return {
      kind: 'bad-path',
      message: 'The URL path has malformed percent-encoding (such as "%E0%A4%A"); fix the URL.',
    };
  }
  let file = path.resolve(base, `.${rel}`);
  if (file !== base && !file.startsWith(base + path.sep)) return { kind: 'not-found', message: 'No such page.' };
  if (!existsSync(file) || !statSync(file).isFile()) {
    // Asset paths that do not exist are real 404s; page paths fall back to the app.
    if (path.extname(rel)) return { kind: 'not-found', message: `No file ${rel}.` };
    file = path.join(base, 'index.html');
    if (!existsSync(file)) return { kind: 'not-built' };
  }
  const hashed = /\/assets\//.test(file);
  return {
    kind: 'file',
    file,
    body: readFileSync(file),
    headers: {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}

#!/usr/bin/env node
// Starts the compiled CLI (packages/cli/dist, built by `npm run build`, which `npm ci` runs) when it
// is up to date, and the TypeScript sources through tsx otherwise, so an edit is never run stale.
import { readFileSync, statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);

/** Whether dist exists and no file it was built from changed since (ENTENTE_FROM_SOURCE=1 forces sources). */
function distIsFresh() {
  if (process.env.ENTENTE_FROM_SOURCE === '1') return false;
  try {
    const { builtAt, root, inputs } = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
    const base = new URL(`${root}/`, dist);
    return inputs.every((file) => statSync(new URL(file, base)).mtimeMs <= builtAt);
  } catch {
    return false; // not built, or a source was removed: run the sources
  }
}

if (distIsFresh()) await import(new URL('entente.js', dist).href);
else {
  if (process.env.ENTENTE_DEBUG) process.stderr.write('entente: running the sources (dist is absent or older)\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}

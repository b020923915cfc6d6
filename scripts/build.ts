/**
 * Builds the compiled CLI (with the server it starts) into packages/cli/dist, so `entente` starts
 * without compiling TypeScript: one entry for the CLI, one per worker thread, shared chunks beside
 * them. Workspace packages and a few small start-up dependencies are bundled; the other third-party
 * packages (native, heavy or loaded only by some commands) stay external, loaded from node_modules.
 * Run by the root `prepare` script (so `npm ci` runs it); `npm run build` runs it by hand.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'packages/cli/dist');

/** Entry points, named by their path under dist (the runtime finds workers at dist/workers/<name>.js). */
const entryPoints = {
  entente: 'packages/cli/src/main.ts',
  'workers/space-task-worker': 'packages/runtime/src/workers/space-task-worker.ts',
  'workers/gmcr-task-worker': 'packages/runtime/src/workers/gmcr-task-worker.ts',
  'workers/forecast-task-worker': 'packages/runtime/src/workers/forecast-task-worker.ts',
  'workers/ingest-extract-worker': 'packages/runtime/src/workers/ingest-extract-worker.ts',
  'workers/sweep-block-worker': 'packages/runtime/src/sweep/sweep-block-worker.ts',
  'workers/server-job-worker': 'packages/server/src/workers/server-job-worker.ts',
};

/**
 * Pure-JavaScript packages every command loads at start: bundled, because loading their hundreds of
 * small modules one by one was most of `entente --version` (measured with --cpu-prof).
 */
const BUNDLED = /^(zod|yaml|commander|cli-progress)(\/|$)/;

/** Bundles `@entente/*`, relative imports and BUNDLED; every other bare import stays a runtime import. */
const externalThirdParty: Plugin = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@entente/') || BUNDLED.test(args.path) || args.kind === 'entry-point'
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Chunks sit beside the CLI entry, so `import.meta.url` in shared code points into dist/ itself.
  chunkNames: 'chunk-[hash]',
  // Bundled CommonJS packages (yaml) call require() for Node built-ins; ESM has none, so give it one.
  banner: {
    js: "import { createRequire as __ententeRequire } from 'node:module'; const require = __ententeRequire(import.meta.url);",
  },
  plugins: [externalThirdParty],
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
// The bin falls back to the sources when any file bundled here changed after this build.
const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules'));
writeFileSync(
  path.join(outdir, 'inputs.json'),
  `${JSON.stringify({ builtAt: Date.now(), root: path.relative(outdir, root), inputs }, null, 1)}\n`,
);
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
process.stdout.write(
  `entente: built packages/cli/dist (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KB, ${inputs.length} sources) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);

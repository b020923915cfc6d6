/**
 * Package boundaries, checked by `npm run check:deps` (part of `npm test`). Imports point inward:
 * core ← ingest ← store; core, ingest ← runtime; core, ingest, store, runtime ← server; everything ← cli;
 * the web workbench imports core and the server (types only: scripts/check-deps.ts checks that, as
 * dependency-cruiser cannot read TypeScript 7). Unused and undeclared dependencies are knip's job (knip.json).
 */
const layer = (name, allowed) => ({
  name: `${name}-imports-inward`,
  comment: `packages/${name} may import only ${allowed.join(', ')} (docs/ARCHITECTURE.md, "Packages").`,
  severity: 'error',
  from: { path: `^packages/${name}/` },
  to: { path: '^packages/', pathNot: `^packages/(${[name, ...allowed].join('|')})/` },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    layer('core', []),
    layer('ingest', ['core']),
    layer('store', ['core', 'ingest']),
    layer('runtime', ['core', 'ingest']),
    layer('server', ['core', 'ingest', 'store', 'runtime']),
    layer('web', ['core', 'server']),
    {
      name: 'nothing-imports-cli',
      comment: 'The CLI is the outermost layer: only its own files (and its bin) import it.',
      severity: 'error',
      from: { pathNot: '^packages/cli/' },
      to: { path: '^packages/cli/' },
    },
    {
      name: 'core-has-no-node-builtins',
      comment: 'packages/core is pure: no node: imports, no I/O (its tests and benches may read fixtures).',
      severity: 'error',
      from: { path: '^packages/core/src/', pathNot: '\\.test(-helper)?\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

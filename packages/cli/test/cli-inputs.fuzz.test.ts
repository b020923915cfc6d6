import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mutatedJson, mutatedText } from '../../core/src/fuzz.test-helper';
import { repoRoot, runCli } from './run-cli';

// Each case spawns the CLI once (start-up dominates): a handful of runs here, the bulk of fuzzing in-process.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'entente-cli-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const read = (p: string) => readFileSync(path.join(repoRoot, p), 'utf8');
const river = read('packages/core/src/scenario/fixtures/river-dispute.yaml');
const gmcrScenario = read('packages/core/src/gmcr/fixtures/example-scenario.yaml');
const article = read('packages/ingest/test/fixtures/harbour-talks.md');
const webDomain = { name: 't', issuesValues: { x: { values: ['a', 'b'] }, y: { values: ['c', 'd'] } } };
const webProfile = {
  LinearAdditiveUtilitySpace: {
    name: 'p',
    issueUtilities: {
      x: { discreteutils: { valueUtilities: { a: 0.1, b: 1 } } },
      y: { discreteutils: { valueUtilities: { c: 0.2, d: 0.3 } } },
    },
    issueWeights: { x: 1, y: 1 },
    domain: webDomain,
  },
};

/** Runs the CLI on generated files and checks its contract: exit 0 or 2, no stack trace, JSON that parses. */
function check(args: (files: string[]) => string[], contents: string[], names: string[]): void {
  const files = names.map((name, i) => {
    const file = path.join(tmp, `${Date.now()}-${name}`);
    writeFileSync(file, contents[i]!);
    return file;
  });
  const r = runCli([...args(files), '--json']);
  expect([0, 2], r.stderr).toContain(r.code);
  expect(r.stderr).not.toMatch(/\n\s+at [^\n]*[(:]\d+/);
  // With --json, what is on stdout is one JSON document (validate prints its issues there and exits 2).
  if (r.code === 0 || r.stdout.trim() !== '') expect(() => JSON.parse(r.stdout)).not.toThrow();
  else expect(r.stderr).toMatch(/^entente: .+\[[A-Z_]+\]/m);
}

const once = { numRuns: 1 };

describe('the CLI on fuzzed files (exit 0 or 2, no stack trace, JSON that parses)', () => {
  it('validate: a mutated scenario', () => {
    fc.assert(
      fc.property(mutatedText(river), (t) => check((f) => ['validate', f[0]!], [t], ['s.yaml'])),
      once,
    );
  });

  it('gmcr: a mutated gmcr section', () => {
    fc.assert(
      fc.property(mutatedText(gmcrScenario), (t) => check((f) => ['gmcr', f[0]!], [t], ['g.yaml'])),
      once,
    );
  });

  it('domain: a structurally mutated GeniusWeb profile', () => {
    fc.assert(
      fc.property(mutatedJson(webProfile), (p) =>
        check(
          (f) => ['domain', ...f],
          [JSON.stringify(webDomain), JSON.stringify(webProfile), JSON.stringify(p) ?? 'null'],
          ['d.json', 'p1.json', 'p2.json'],
        ),
      ),
      once,
    );
  });

  it('ingest: a mutated Markdown article into a new database', () => {
    fc.assert(
      fc.property(mutatedText(article), (t) =>
        check((f) => ['ingest', f[0]!, '--db', path.join(tmp, `${Date.now()}.db`)], [t], ['a.md']),
      ),
      once,
    );
  });

  it('evaluate: random terms and levers on the command line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (terms, levers) =>
        check((f) => ['evaluate', f[0]!, '--terms', terms, '--levers', levers], [river], ['r.yaml']),
      ),
      once,
    );
  });
});

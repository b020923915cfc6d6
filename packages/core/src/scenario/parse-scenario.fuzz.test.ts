import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runEngine } from '../engine/run-engine';
import { isEntenteError } from '../errors';
import { expectSuccessOrInputError, FUZZ_RUNS, mutatedJson, mutatedText } from '../fuzz.test-helper';
import { analyzeScenario } from '../report/analyze-scenario';
import { renderAnalysis } from '../report/render-analysis';
import { evaluateEngine } from './evaluate-engine';
import { loadScenarioText, parseScenarioText } from './parse-scenario';
import { buildScenarioModel } from './scenario-model';

const here = path.dirname(fileURLToPath(import.meta.url));
const river = readFileSync(path.join(here, 'fixtures/river-dispute.yaml'), 'utf8');
const riverJson = parseYaml(river) as unknown;

/** Parses a text as the CLI and the API do: the issues list, then the throwing loader; both must hold. */
function parseBoth(text: string, file: string): void {
  const { scenario, issues } = parseScenarioText(text, { file });
  // The issues are data that the CLI prints and the API sends: they must survive JSON.
  expect(JSON.parse(JSON.stringify(issues))).toHaveLength(issues.length);
  expect(scenario !== undefined || issues.some((i) => i.severity === 'error')).toBe(true);
  expectSuccessOrInputError(() => loadScenarioText(text, { file }));
}

describe('scenario parser under fuzzing (YAML and JSON)', () => {
  it('reads the unmutated fixture (the generators start from a valid scenario)', () => {
    expect(parseScenarioText(river).scenario?.actors.length).toBe(3);
    expect(parseScenarioText(JSON.stringify(riverJson)).scenario?.actors.length).toBe(3);
  });

  it('answers mutated YAML with issues, never an exception', () => {
    fc.assert(
      fc.property(mutatedText(river), (text) => parseBoth(text, 'river.yaml')),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('answers structurally mutated JSON with issues, never an exception', () => {
    fc.assert(
      fc.property(mutatedJson(riverJson), (doc) => parseBoth(JSON.stringify(doc) ?? 'null', 'river.json')),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('analyses every mutated scenario that validates, or answers with an input error', () => {
    let analysed = 0;
    fc.assert(
      fc.property(mutatedJson(riverJson), (doc) => {
        const { scenario } = parseScenarioText(JSON.stringify(doc) ?? 'null');
        if (!scenario) return;
        analysed++;
        expectSuccessOrInputError(() => {
          const analysis = analyzeScenario(buildScenarioModel(scenario));
          // The report is what `entente analyze --json` prints: it must be JSON with finite numbers kept.
          expect(JSON.parse(JSON.stringify(analysis))).toBeTypeOf('object');
          return renderAnalysis(analysis, 'md');
        });
      }),
      { numRuns: FUZZ_RUNS },
    );
    // Some mutations keep the scenario valid (a changed weight, a removed note), so the analysis is reached.
    expect(analysed).toBeGreaterThan(0);
  });

  it('evaluates a mutated proposal file (evaluate --file) or answers with an input error, printing no warning', async () => {
    const proposal = 'terms:\n  water: split\n';
    await expect(
      runEngine(evaluateEngine, [{ name: 'river.yaml', text: river }], { file: proposal }),
    ).resolves.toBeTruthy();
    // The YAML library prints warnings (an unknown tag such as `!W`) on stderr unless told not to.
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutatedText(proposal), fc.constant('!W terms: {}')), async (file) => {
          try {
            await runEngine(evaluateEngine, [{ name: 'river.yaml', text: river }], { file });
          } catch (error) {
            if (!isEntenteError(error)) throw error;
            expect(error.kind, `${error.code}: ${error.message}`).toBe('input');
          }
        }),
        { numRuns: Math.max(50, FUZZ_RUNS / 3), examples: [['!W terms: {}']] },
      );
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('answers random strings and bytes with issues, never an exception', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(junk, (text) => parseBoth(text, 'junk.yaml')),
      { numRuns: FUZZ_RUNS },
    );
  });
});

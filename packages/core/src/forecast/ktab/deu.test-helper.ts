import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseToInput, forecastingDir, type ReferenceCase, referencePresent } from './reference.test-helper';
import { runSmp } from './run-smp';

if (!referencePresent)
  console.warn('[ktab deu] ../shared/reference/forecasting not found: DEU III comparison skipped.');

interface KtabDeuResult {
  issue_id: string;
  outcome: number | null;
  n_actors: number;
  turns?: number;
  final_positions?: Record<string, number>;
  error?: string[];
}

function load(): { cases: Map<string, ReferenceCase>; runs: (variant: string) => KtabDeuResult[] } {
  const cases = new Map<string, ReferenceCase>();
  for (const line of readFileSync(path.join(forecastingDir, 'cases', 'deu3-issues.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as ReferenceCase;
    cases.set(c.id, c);
  }
  const runs = (variant: string): KtabDeuResult[] =>
    (
      JSON.parse(readFileSync(path.join(forecastingDir, 'data', 'deu3', `ktab_deu_${variant}.json`), 'utf8')) as {
        results: KtabDeuResult[];
      }
    ).results;
  return { cases, runs };
}

// KTAB's own smpc runs on DEU III: 250 issues it solves (compared actor by actor) and 101 on which it throws.
/** Registers the comparison with KTAB's own smpc runs on DEU III for one capability variant. */
export function describeDeu(variant: string, cap: string, mae: number): void {
  if (!referencePresent)
    console.warn('[ktab deu] ../shared/reference/forecasting not found: DEU III comparison skipped.');
  describe.skipIf(!referencePresent)(`KTAB SMP on DEU III (${variant} capabilities)`, () => {
    const data = referencePresent ? load() : undefined;

    it('final positions of every solvable issue (250), the dichotomous path on the rest (101)', () => {
      let solved = 0;
      let dichotomous = 0;
      let errorSum = 0;
      for (const run of data!.runs(variant)) {
        const c = data!.cases.get(`deu3-${run.issue_id}`)!;
        // As in the reference runs: actors without a position or with no salience take no part.
        const actors = c.actors.filter((a) => a.positions[0] != null && (a.saliences[0] ?? 0) > 0);
        const result = runSmp(caseToInput({ ...c, actors }, cap));
        if (run.error) {
          expect(result.mode, run.issue_id).toBe('dichotomous');
          expect(result.rounds).toHaveLength(1);
          dichotomous++;
          continue;
        }
        expect(result.mode, run.issue_id).toBe('bargaining');
        // The reference counts states, the input state included.
        expect(result.rounds.length, run.issue_id).toBe(run.turns);
        const last = result.rounds.at(-1)!;
        actors.forEach((a, i) => {
          expect(
            Math.abs(last.positions[0]![i]! - run.final_positions![a.id]!),
            `${run.issue_id} ${a.id}`,
          ).toBeLessThanOrEqual(0.01);
        });
        solved++;
        if (run.outcome != null) errorSum += Math.abs(result.final[0]! - run.outcome);
      }
      expect([solved, dichotomous]).toEqual([250, 101]);
      // NOTES.md §6.1: KTAB's final c·s-weighted mean scores 22.09 (equal) / 21.61 (votes) on these 250.
      expect(errorSum / solved).toBeCloseTo(mae, 2);
    });
  });
}

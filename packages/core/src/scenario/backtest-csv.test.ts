import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../engine/run-engine';
import type { BacktestResult } from './backtest';
import { backtestEngine } from './backtest-engine';

const file = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../scenarios/ukraine-2025/scenario.yaml',
);

describe('the backtest as CSV', () => {
  it('has one row per comparison with the three answer probabilities summing to 1', async () => {
    const run = await runEngine(backtestEngine, [{ name: file, text: readFileSync(file, 'utf8') }], {});
    const r = run.result as BacktestResult;
    const lines = backtestEngine.csv!(r as never, run.params as never, run.input as never)
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'date,proposal,party,observed,predicted,match,direction_match,margin,in_zone,p_accepted,p_accepted_with_conditions,p_rejected',
    );
    expect(lines).toHaveLength(r.comparisons.length + 1);
    const first = lines[1]!.split(',');
    const c = r.comparisons[0]!;
    expect(first.slice(0, 5)).toEqual([c.date, c.proposal, c.actor, c.observed, c.predicted]);
    const p = first.slice(9).map(Number);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
    expect(lines.slice(1).filter((l) => l.split(',')[5] === 'true')).toHaveLength(r.correct);
  });
});

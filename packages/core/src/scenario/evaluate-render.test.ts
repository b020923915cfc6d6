import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../engine/run-engine';
import { notAffected } from '../report/summary';
import { evaluateEngine } from './evaluate-engine';

const here = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(here, '../../../../scenarios/port-strike/scenario.yaml');
// The mediator stops caring about the contract's length, so terms on it alone do not touch it.
const text = readFileSync(file, 'utf8').replace(
  'weights: { wage_increase: 1, automation: 1, shift_length: 1, contract_length: 1 }',
  'weights: { wage_increase: 1, automation: 1, shift_length: 1, contract_length: 0 }',
);

async function evaluate(terms: string) {
  const run = await runEngine(evaluateEngine, [{ name: file, text }], { terms });
  const result = run.result as Parameters<typeof evaluateEngine.render>[0];
  return { result, text: evaluateEngine.render(result, run.params as never, run.input as never) };
}

describe('evaluate’s text for terms that change little or nothing', () => {
  it('reports terms equal to today as no change, with no answer', async () => {
    const { text: out } = await evaluate('wage_increase=none,contract_length=rolling');
    expect(out).toContain('No change: these terms leave every issue as it is today');
    expect(out).not.toMatch(/accepted|rejected|within ±/);
  });

  it('lists a party the terms do not touch as not affected, even when weighed against walking away', async () => {
    const { result, text: out } = await evaluate('contract_length=three_years');
    const mediator = result.actors.find((a) => a.actor === 'state_mediator')!;
    expect(mediator.reference).toBe('walk_away');
    expect(mediator.stakes).toBe(0);
    expect(notAffected(mediator)).toBe(true);
    expect(out).toMatch(/state_mediator .*unchanged +- +not +- *\n/);
    expect(out).toContain('Not affected: the terms change nothing State mediation service cares about.');
    expect(out).not.toMatch(/within ±0\.000/);
    // The others are touched and answer.
    expect(notAffected(result.actors.find((a) => a.actor === 'port_operators')!)).toBe(false);
  });

  it('speaks the scenario’s words, not a war’s', async () => {
    const { text: out } = await evaluate('contract_length=three_years');
    expect(out).toContain('against no agreement');
    expect(out).not.toMatch(/fight|\bwar\b/i);
  });
});

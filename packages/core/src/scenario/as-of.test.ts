import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { runEngine } from '../engine/run-engine';
import { createRandom } from '../random/seeded-random';
import { modelAsOf, scenarioAsOf } from './as-of';
import { checkReferences } from './check-references';
import { evaluateEngine } from './evaluate-engine';
import { buildScenarioModel } from './scenario-model';
import type { Scenario } from './schema';

const ev = [{ source: 's', quote: 'q' }];

function withChanges(): Scenario {
  const s = randomScenario(createRandom(21), { actors: 2, issues: 2, proposals: 1 });
  s.changes = [
    {
      date: '2025-06-01',
      actor: 'p0',
      description: '',
      noDeal: 0.9,
      addRedLines: [],
      removeRedLines: [],
      evidence: ev,
    },
    {
      date: '2025-03-01',
      description: 'an exchange took place',
      statusQuo: { i0: 'o1' },
      addRedLines: [],
      removeRedLines: [],
      evidence: ev,
    },
  ];
  return s;
}

describe('dated changes', () => {
  it('apply from their date on, oldest first', () => {
    const s = withChanges();
    expect(scenarioAsOf(s, '2025-02-01').preferences.p0!.noDeal).toBe(s.preferences.p0!.noDeal);
    expect(scenarioAsOf(s, '2025-02-01').issues[0]!.statusQuo).toBe('o0');
    expect(scenarioAsOf(s, '2025-03-01').issues[0]!.statusQuo).toBe('o1');
    expect(scenarioAsOf(s, '2025-07').preferences.p0!.noDeal).toBe(0.9);
    // A month that begins before the change counts as in force only when the change's date begins within it.
    expect(scenarioAsOf(s, '2025-06').preferences.p0!.noDeal).toBe(0.9);
    expect(() => scenarioAsOf(s, '2026-01-01')).toThrow(/after the scenario's asOf/);
  });

  it('move the model: the walk-away value and the status quo in force on the date', () => {
    const s = withChanges();
    const model = buildScenarioModel(s);
    const later = modelAsOf(model, '2025-12-01');
    expect(later.actors[0]!.noDeal).toBe(0.9);
    expect(later.statusQuo[0]).toBe(1);
    expect(modelAsOf(model, '2025-01-01').actors[0]!.noDeal).toBe(model.actors[0]!.noDeal);
  });

  it('are validated: dates after asOf, unknown options, preference fields without an actor', () => {
    const s = withChanges();
    s.changes.push(
      { date: '2026-05-01', description: '', addRedLines: [], removeRedLines: [], evidence: ev },
      {
        date: '2025-05-01',
        description: '',
        statusQuo: { i0: 'nope' },
        addRedLines: [],
        removeRedLines: [],
        evidence: ev,
      },
      { date: '2025-05-01', description: '', noDeal: 0.1, addRedLines: [], removeRedLines: [], evidence: ev },
    );
    const codes = checkReferences(s)
      .filter((i) => i.path[0] === 'changes')
      .map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['DATE_AFTER_AS_OF', 'UNKNOWN_OPTION', 'CHANGE_WITHOUT_PREFERENCES']));
  });

  it('evaluate --as-of and --proposer reach the answer and its probabilities', async () => {
    const s = withChanges();
    const text = JSON.stringify(s);
    const terms = 'i1=o1';
    const before = (await runEngine(evaluateEngine, [{ name: 's.json', text }], { terms, asOf: '2025-01-01' }))
      .result as {
      asOf: string;
      actors: { actor: string; noDeal: number; probabilities: Record<string, number> }[];
    };
    const after = (
      await runEngine(evaluateEngine, [{ name: 's.json', text }], { terms, asOf: '2025-07-01', proposer: 'p1' })
    ).result as typeof before & { proposers: string[] };
    expect(before.asOf).toBe('2025-01-01');
    expect(after.actors.find((a) => a.actor === 'p0')!.noDeal).toBe(0.9);
    expect(after.proposers).toEqual(['p1']);
    for (const a of after.actors) {
      const p = a.probabilities;
      expect(p.accepted! + p.accepted_with_conditions! + p.rejected!).toBeCloseTo(1, 12);
    }
    await expect(
      runEngine(evaluateEngine, [{ name: 's.json', text }], { terms, proposer: 'nobody' }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_ACTOR',
    });
  });
});

describe('leverage and holding out', () => {
  it('weigh only on steps, through fitted weights that are off by default', async () => {
    const { partyAcceptance } = await import('../acceptance/package-acceptance');
    const s = randomScenario(createRandom(31), { actors: 2, issues: 3, proposals: 0 });
    s.settlement = { description: '', requires: { i0: [s.issues[0]!.options[1]!.id] }, evidence: [] };
    s.preferences.p0!.leverage = { i1: { [s.issues[1]!.options[1]!.id]: -0.4 } };
    s.preferences.p0!.holdsOut = { evidence: ev };
    const step = { i1: s.issues[1]!.options[1]!.id };
    const model = buildScenarioModel(s);
    const { resolveTerms } = await import('./scenario-model');
    const pkg = resolveTerms(model, step);
    const off = partyAcceptance(model, model.actors[0]!, pkg);
    expect(off.features.leverage).toBeCloseTo(-0.4, 12);
    expect(off.features.holdOut).toBe(1);
    expect(Math.abs(off.drivers.leverageEffect)).toBe(0);
    const on = partyAcceptance(
      { ...model, answerModel: { ...model.answerModel, leverageWeight: 1, holdOutPenalty: 0.5 } },
      model.actors[0]!,
      pkg,
    );
    expect(on.drivers.leverageEffect).toBeLessThan(0);
    expect(on.drivers.holdOutEffect).toBe(-0.5);
    expect(on.probabilities.rejected).toBeGreaterThanOrEqual(off.probabilities.rejected);
    const settlement = resolveTerms(model, { ...step, i0: s.issues[0]!.options[1]!.id });
    expect(partyAcceptance(model, model.actors[0]!, settlement).features.holdOut).toBe(0);
  });
});

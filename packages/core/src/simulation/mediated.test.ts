import { describe, expect, it } from 'vitest';
import { randomScenario } from '../contract/scenario-contract';
import { createRandom } from '../random/seeded-random';
import { buildScenarioModel } from '../scenario/scenario-model';
import type { Scenario } from '../scenario/schema';
import { type MediatedOutcome, mediatedProtocol, partyRequest } from './mediated';
import { runStaged } from './partial-agreements';
import { runSao } from './sao';
import { strategyRegistry } from './strategy-registry';
import { type ScenarioTable, scenarioTable } from './table/scenario-table';
import type { RunConfig } from './types';

function scenario(seed: number, noDeal: number): Scenario {
  const s = randomScenario(createRandom(seed), { actors: 3, issues: 4 });
  for (const id of Object.keys(s.preferences)) s.preferences[id]!.noDeal = noDeal;
  return s;
}

const config = (table: ScenarioTable, strategy: string, steps = 60): RunConfig => ({
  protocol: 'mediated',
  strategies: table.parties.map(() => strategy),
  deadline: { kind: 'fixed', steps },
  seed: 1,
});

const run = (table: ScenarioTable, cfg: RunConfig, options = {}) =>
  mediatedProtocol(options)(
    table,
    strategyRegistry.create(table, cfg.strategies, { compat: 'entente' }),
    cfg,
    createRandom(cfg.seed),
  ) as MediatedOutcome;

describe('mediated single-text protocol', () => {
  it('reaches a text every party accepts when one exists above their walk-away values', () => {
    let agreed = 0;
    for (let seed = 0; seed < 10; seed++) {
      const table = scenarioTable(scenario(seed, 0.3), { kind: 'all' });
      const out = run(table, config(table, 'linear'));
      if (out.end !== 'agreement') continue;
      agreed++;
      expect(out.agreement).toBe(out.texts[out.texts.length - 1]);
      out.utilities!.forEach((u, p) => {
        expect(u).toBeGreaterThanOrEqual(table.reservation(p, out.finalStep - 1));
        expect(table.crossesRedLine!(p, out.agreement!)).toBe(false);
      });
    }
    expect(agreed).toBeGreaterThan(5);
  });

  it('leaves after k failed rounds, or at its own deadline', () => {
    const table = scenarioTable(scenario(4, 0.99), { kind: 'all' });
    const patient = run(table, config(table, 'boulware'), { patience: 7 });
    expect(patient).toMatchObject({ end: 'broken', finalStep: 7, mediatorLeft: true, agreement: null });
    const leaving = run(table, config(table, 'boulware'), { leaveAt: 12 });
    expect(leaving).toMatchObject({ end: 'broken', finalStep: 12, mediatorLeft: true });
    const staying = run(table, config(table, 'boulware', 20));
    expect(staying).toMatchObject({ end: 'timeout', finalStep: 20, mediatorLeft: false });
  });

  it('hears a veto on the issue where the text crosses a party’s red line, and a change request otherwise', () => {
    let vetoes = 0;
    for (let seed = 0; seed < 20; seed++) {
      const table = scenarioTable(scenario(seed, 0.2), { kind: 'all' });
      const m = table.model;
      for (let p = 0; p < table.parties.length; p++) {
        const line = m.actors[p]!.redLines.findIndex((row) => row.some((x) => x !== 0));
        if (line < 0) continue;
        const option = m.actors[p]!.redLines[line]!.findIndex((x) => x !== 0);
        const text = option * table.issues.slice(line + 1).reduce((acc, x) => acc * x.options.length, 1);
        if (m.actors[p]!.redLines.some((row, i) => i !== line && row[0] !== 0)) continue;
        const r = partyRequest(table, p, text)!;
        expect(r).toMatchObject({ party: p, kind: 'veto', issue: line });
        expect(m.actors[p]!.redLines[line]![r.option]).toBe(0);
        vetoes++;
        const clean = table.weightedBest(table.parties.map((_, q) => (q === p ? 1 : 0)));
        if (!table.crossesRedLine!(p, clean)) expect(partyRequest(table, p, clean)?.kind ?? 'change').toBe('change');
      }
    }
    expect(vetoes).toBeGreaterThan(0);
  });
});

describe('partial agreements', () => {
  it('close an issue subset first and keep it closed in the main negotiation', () => {
    let closedSome = 0;
    for (let seed = 0; seed < 10; seed++) {
      const s = scenario(seed, 0.3);
      const table = scenarioTable(buildScenarioModel(s), { kind: 'all' });
      const cfg: RunConfig = { ...config(table, 'conceder', 40), protocol: 'sao' };
      const out = runStaged(table, [{ issues: ['i1', 'i2'], rounds: 20 }], cfg, runSao, (t) =>
        strategyRegistry.create(t, cfg.strategies, { compat: 'entente' }),
      );
      expect(out.partials).toHaveLength(1);
      const closed = out.partials[0]!.closed;
      if (!closed) continue;
      closedSome++;
      expect(Object.keys(closed).sort()).toEqual(['i1', 'i2']);
      if (out.main.agreement !== null) {
        const terms = table.decode(out.main.agreement);
        expect(table.issues[1]!.options[terms[1]!]).toBe(closed.i1);
        expect(table.issues[2]!.options[terms[2]!]).toBe(closed.i2);
      }
      expect(out.totalSteps).toBe(out.partials[0]!.finalStep + out.main.finalStep);
    }
    expect(closedSome).toBeGreaterThan(0);
  });
});

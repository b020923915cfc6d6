import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomScenario } from '../../contract/scenario-contract';
import { createRandom } from '../../random/seeded-random';
import { allPackages } from '../../scenario/all-packages.test-helper';
import { applyLevers, buildScenarioModel, utilityOf } from '../../scenario/scenario-model';
import type { Scenario } from '../../scenario/schema';
import { parseSchedule } from '../schedule';
import { LEVEL_TOLERANCE, searchBest } from './additive-front';
import { RED_LINE_COST, scenarioTable } from './scenario-table';

/** A random scenario, with a lever on the second actor so schedules have something to move. */
function scenarioOf(seed: number, actors: number, issues: number): Scenario {
  const s = randomScenario(createRandom(seed), { actors, issues });
  const target = Object.keys(s.preferences)[1]!;
  s.levers = [
    {
      id: 'pressure',
      name: 'Pressure',
      holder: Object.keys(s.preferences)[0]!,
      target,
      description: '',
      effect: { noDealShift: -0.2, valueShifts: [{ issue: 'i0', option: 'o1', shift: 0.3 }] },
      maxStrength: 3,
      evidence: [{ source: 's', quote: 'q' }],
    },
  ];
  return s;
}

/** A party's utility less the cost of each of its red lines the package crosses. */
function othersValue(m: ReturnType<typeof buildScenarioModel>, q: number, pkg: Int32Array, u: number): number {
  return u - RED_LINE_COST * [...pkg].filter((o, i) => m.actors[q]!.redLines[i]![o] !== 0).length;
}

/** Brute force: among packages the party's red lines allow, the best Σ others with own ≥ level (value pair). */
function bruteBest(s: Scenario, party: number, level: number): [number, number] | null {
  const m = buildScenarioModel(s);
  const ids = m.actors.map((a) => a.actor.id);
  const table = scenarioTable(m, { parties: ids, kind: 'all' });
  let best: [number, number] | null = null;
  for (const pkg of allPackages(m)) {
    const me = m.actors[party]!;
    if (pkg.some((o, i) => me.redLines[i]![o] !== 0 && me.redLines[i]!.some((x) => x === 0))) continue;
    const id = pkg.reduce((acc, o, i) => acc * m.issues[i]!.options.length + o, 0);
    const u = table.utility(party, id);
    if (u < level - LEVEL_TOLERANCE) continue;
    let g = 0;
    for (let q = 0; q < ids.length; q++) if (q !== party) g += othersValue(m, q, pkg, table.utility(q, id));
    if (!best || g > best[1] + 1e-12 || (Math.abs(g - best[1]) <= 1e-12 && u > best[0])) best = [u, g];
  }
  return best;
}

describe('scenario table: the offer oracle', () => {
  it('equals brute force on small scenarios (best for the others at or above a level)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, actors, issues, level) => {
          const s = scenarioOf(seed, actors, issues);
          const m = buildScenarioModel(s);
          const ids = m.actors.map((a) => a.actor.id);
          const table = scenarioTable(m, { parties: ids, kind: 'all' });
          for (let p = 0; p < ids.length; p++) {
            const got = table.bestAtOrAbove(p, level, Number.POSITIVE_INFINITY);
            const want = bruteBest(s, p, level);
            if (want === null) expect(got).toBeNull();
            else {
              expect(got).not.toBeNull();
              const gotPkg = Int32Array.from(table.decode(got!));
              const g = ids.reduce(
                (acc, _, q) => acc + (q === p ? 0 : othersValue(m, q, gotPkg, table.utility(q, got!))),
                0,
              );
              expect(g).toBeCloseTo(want[1], 10);
              expect(table.utility(p, got!)).toBeCloseTo(want[0], 10);
              expect(table.crossesRedLine!(p, got!)).toBe(m.actors[p]!.redLines.some((r) => r.every((x) => x !== 0)));
              // The branch-and-bound fallback agrees on the value.
              const pair = searchBest(
                {
                  own: m.issues.map((_, i) =>
                    Float64Array.from(m.actors[p]!.values[i]!, (v) => v * m.actors[p]!.weights[i]!),
                  ),
                  other: m.issues.map((_, i) =>
                    Float64Array.from(m.issues[i]!.options, (__, j) =>
                      m.actors.reduce(
                        (acc, a, q) =>
                          acc +
                          (q === p ? 0 : a.weights[i]! * a.values[i]![j]! - (a.redLines[i]![j] ? RED_LINE_COST : 0)),
                        0,
                      ),
                    ),
                  ),
                  allowed: table.allowed.map((opts, i) => {
                    const ok = opts.filter((j) => m.actors[p]!.redLines[i]![j] === 0);
                    return ok.length > 0 ? ok : [...opts];
                  }),
                  strides: m.issues.map((_, i) => m.issues.slice(i + 1).reduce((acc, x) => acc * x.options.length, 1)),
                },
                level,
                Number.POSITIVE_INFINITY,
              );
              const pairPkg = Int32Array.from(table.decode(pair!));
              expect(
                ids.reduce((acc, _, q) => acc + (q === p ? 0 : othersValue(m, q, pairPkg, table.utility(q, pair!))), 0),
              ).toBeCloseTo(want[1], 10);
            }
          }
        },
      ),
      { numRuns: 60, seed: 15 },
    );
  });

  it('uses the utility of the acceptance rule (Σ weight × value) and decodes packages', () => {
    const s = scenarioOf(3, 3, 4);
    const m = buildScenarioModel(s);
    const table = scenarioTable(m, { parties: m.actors.map((a) => a.actor.id), kind: 'all' });
    for (const pkg of allPackages(m)) {
      const id = pkg.reduce((acc, o, i) => acc * m.issues[i]!.options.length + o, 0);
      expect(table.decode(id)).toEqual([...pkg]);
      for (const [p, a] of m.actors.entries()) expect(table.utility(p, id)).toBe(utilityOf(a, pkg));
    }
  });

  it('holds only settlements when the scenario defines them, and steps on request', () => {
    const s = { ...scenarioOf(5, 2, 3), settlement: { description: '', requires: { i0: ['o1'] }, evidence: [] } };
    const settle = scenarioTable(s);
    expect(settle.allowed[0]).toEqual([1]);
    expect(settle.reservation(0, 0)).toBe(s.preferences[settle.parties[0]!]!.noDeal);
    const steps = scenarioTable(s, { kind: 'step' });
    expect(steps.allowed[0]).not.toContain(1);
    expect(steps.reservation(0, 0)).toBeCloseTo(buildScenarioModel(s).actors[0]!.statusQuoUtility, 12);
  });

  it('moves utilities and walk-away values with a lever schedule, from its round on', () => {
    const s = scenarioOf(11, 2, 3);
    const m = buildScenarioModel(s);
    const table = scenarioTable(m, { kind: 'all', schedule: parseSchedule('30:pressure=2') });
    const pushed = applyLevers(m, [{ id: 'pressure', strength: 2 }]).actors[1]!;
    expect(table.reservation(1, 29)).toBe(m.actors[1]!.noDeal);
    expect(table.reservation(1, 30)).toBeCloseTo(pushed.noDeal, 12);
    const id = 1 * m.issues.slice(1).reduce((a, x) => a * x.options.length, 1); // i0 = o1, the rest o0
    const before = table.utility(1, id);
    table.setRound(30);
    expect(table.utility(1, id)).toBeCloseTo(utilityOf(pushed, table.decode(id) as unknown as Int32Array), 12);
    expect(table.utility(1, id)).not.toBe(before);
    table.setRound(0);
    expect(table.utility(1, id)).toBe(before);
  });

  it('refuses unknown levers, strengths beyond maxStrength and unreadable entries', () => {
    const s = scenarioOf(11, 2, 3);
    expect(() => scenarioTable(s, { schedule: parseSchedule('3:nope=1') })).toThrow(/No lever has id "nope"/);
    expect(() => scenarioTable(s, { schedule: parseSchedule('3:pressure=4') })).toThrow(/maxStrength 3/);
    expect(() => parseSchedule('pressure=1')).toThrow(/ROUND:LEVER=STRENGTH/);
  });

  it('closes issues (a partial agreement) and keeps them closed in every offer', () => {
    const s = scenarioOf(21, 3, 4);
    const table = scenarioTable(s, { kind: 'all' }).close(new Map([[2, 1]]));
    for (let p = 0; p < table.parties.length; p++)
      for (const level of [0, 0.3, 0.6]) {
        const x = table.bestAtOrAbove(p, level, 1);
        if (x !== null) expect(table.decode(x)[2]).toBe(1);
      }
  });
});

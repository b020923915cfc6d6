import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkEngineContract, type EngineContract } from '../contract/engine-contract';
import { randomScenario, relabelScenario, restoreActorId } from '../contract/scenario-contract';
import { createRandom } from '../random/seeded-random';
import { allPackages } from './all-packages.test-helper';
import { analyzeScenarioSpace } from './analyze-scenario-space';
import { evaluatePackage } from './evaluate-proposal';
import { loadScenarioText } from './parse-scenario';
import { applyLevers, buildScenarioModel, type ScenarioModel } from './scenario-model';
import type { Scenario } from './schema';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const model = buildScenarioModel(loadScenarioText(readFileSync(path.join(fixtures, 'river-dispute.yaml'), 'utf8')));

/** Zone by brute force: every party at least at its walk-away value, no red line crossed. */
function bruteZone(m: ScenarioModel, open?: string[]): number {
  let count = 0;
  for (const pkg of allPackages(m, open)) {
    const ev = evaluatePackage(m, pkg);
    if (ev.actors.every((a) => a.margin >= -1e-12 && a.redLinesBroken.length === 0)) count++;
  }
  return count;
}

describe('analyzeScenarioSpace', () => {
  it('counts the same zone as brute-force evaluation of every package', () => {
    expect(analyzeScenarioSpace(model).analysis.zone.count).toBe(bruteZone(model));
    expect(analyzeScenarioSpace(model, { issues: ['truce'] }).analysis.zone.count).toBe(bruteZone(model, ['truce']));
    const levered = applyLevers(model, [{ id: 'broker_aid', strength: 2 }]);
    expect(analyzeScenarioSpace(model, { levers: [{ id: 'broker_aid', strength: 2 }] }).analysis.zone.count).toBe(
      bruteZone(levered),
    );
  });

  it('agrees with brute force on random scenarios, with and without issue subsets', () => {
    for (let seed = 0; seed < 25; seed++) {
      const s = randomScenario(createRandom(seed));
      const m = buildScenarioModel(s);
      expect(analyzeScenarioSpace(m, { openingLevers: false }).analysis.zone.count).toBe(bruteZone(m));
      const open = [s.issues[0]!.id];
      expect(analyzeScenarioSpace(m, { issues: open, openingLevers: false }).analysis.zone.count).toBe(
        bruteZone(m, open),
      );
    }
  });

  it('lists only minimal partial deals: each issue of a deal moves from the status quo', () => {
    const deals = analyzeScenarioSpace(model).analysis.partialDeals;
    expect(deals.map((d) => d.issues.join('+'))).toEqual(['truce+bridge', 'truce']);
    for (const d of deals)
      for (const id of d.issues) expect(d.best.terms[id]).not.toBe(model.issues.find((i) => i.id === id)!.statusQuo);
  });

  it('finds the closest acceptable package to a rejected proposal', () => {
    const grand = model.scenario.proposals.find((p) => p.id === 'grand_bargain')!;
    const result = analyzeScenarioSpace(model, { closestTo: { terms: grand.terms, proposer: 'south' } });
    expect(result.closest?.changes).toHaveLength(1);
    expect(result.closest?.changes[0]?.issue).toBe('water');
    expect(() =>
      analyzeScenarioSpace(model, { issues: ['truce'], closestTo: { terms: grand.terms, proposer: 'north' } }),
    ).toThrow(/issue subset keeps/);
  });

  it('reports levers that open an empty zone, or none', () => {
    const closed = analyzeScenarioSpace(model, { issues: ['truce'], levers: [{ id: 'broker_aid', strength: 3 }] });
    expect(closed.analysis.zone.empty).toBe(true);
    expect(closed.openingLevers?.combinations).toEqual([]);
  });

  it('rejects unknown issues and parties with input errors', () => {
    expect(() => analyzeScenarioSpace(model, { issues: ['rivers'] })).toThrow(/No issue has id "rivers"/);
    expect(() => analyzeScenarioSpace(model, { parties: ['broker'] })).toThrow(/not an actor with preferences/);
  });
});

type SpaceSummary = {
  zone: number;
  frontier: number;
  nash: string[];
  partial: string[];
  /** Per party (by id): its utility at each Nash point, so a party-order slip shows. */
  nashUtilities: Record<string, number[]>;
  /** Per party (by id): its shortfall when the zone is empty. */
  shortfalls: Record<string, number | null>;
};

/** The scenario-level space analysis under the shared engine contract. */
const spaceContract: EngineContract<Scenario, SpaceSummary> = {
  name: 'agreement space',
  generate: (rng) => randomScenario(rng, { actors: 2 + rng.int(2), issues: 3 }),
  run: (s) => {
    const r = analyzeScenarioSpace(buildScenarioModel(s), { openingLevers: false });
    const terms = (t: Record<string, string>) => JSON.stringify(Object.entries(t).sort());
    return {
      zone: r.analysis.zone.count,
      frontier: r.analysis.frontier.size,
      nash: r.analysis.solutions.nash.points.map((p) => terms(p.terms)).sort(),
      partial: r.analysis.partialDeals.map((d) => d.issues.join('+')).sort(),
      nashUtilities: Object.fromEntries(
        r.parties.map((id, k) => [id, r.analysis.solutions.nash.points.map((p) => Math.round(p.utilities[k]! * 1e9))]),
      ),
      shortfalls: Object.fromEntries(
        r.analysis.zone.shortfalls.map((x) => [x.party, x.shortfall === null ? null : Math.round(x.shortfall * 1e9)]),
      ),
    };
  },
  actorCount: (s) => s.actors.length,
  relabel: relabelScenario,
  // Renamed party ids map back to the originals; keys are sorted so order cannot matter.
  restore: (out, perm) => {
    const back = <T>(rec: Record<string, T>) =>
      Object.fromEntries(
        Object.entries(rec)
          .map(([id, v]) => [restoreActorId(id, perm), v] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
    return { ...out, nashUtilities: back(out.nashUtilities), shortfalls: back(out.shortfalls) };
  },
};

describe('engine contract: agreement space', () => {
  it('is deterministic and invariant under relabelling parties', () => {
    expect(checkEngineContract(spaceContract, { runs: 15 })).toEqual([]);
  });
});

describe('exact ties in scenario spaces', () => {
  it('counts a settlement that meets a walk-away value exactly, whatever float rounding says', () => {
    // Party a weighs three issues 1:1:1 and values 0.25 on each: a third of 0.25, three times over,
    // is exactly its walk-away value 0.25, while rounded thirds fall short of it.
    const ev = '[{ source: s, quote: q }]';
    const binary = (id: string) =>
      `  - { id: ${id}, name: ${id}, statusQuo: o0, options: [{ id: o0, label: o0, position: 0 }, { id: o1, label: o1, position: 100 }] }`;
    const text = [
      'id: tie',
      'title: Exact tie',
      'asOf: 2024-06-30',
      'sources: [{ id: s, title: S }]',
      'actors: [{ id: a, name: A, role: party }, { id: b, name: B, role: party }]',
      'issues:',
      binary('x'),
      binary('y'),
      binary('z'),
      '  - { id: w, name: w, statusQuo: none, options: [{ id: none, label: none, position: 0 }, { id: full, label: full, position: 100 }] }',
      'preferences:',
      `  a: { weights: { x: 1, y: 1, z: 1 }, values: { x: { o0: 0.25, o1: 0 }, y: { o0: 0.25, o1: 0 }, z: { o0: 0.25, o1: 0 } }, noDeal: 0.25, noDealEvidence: ${ev} }`,
      `  b: { weights: { w: 1 }, values: { w: { none: 0, full: 1 } }, noDeal: 0.2, noDealEvidence: ${ev} }`,
      'settlement: { requires: { w: [full] } }',
    ].join('\n');
    const m = buildScenarioModel(loadScenarioText(text));
    // Only x = y = z = o0 with w = full gives a its 0.25; b gets 1 ≥ 0.2 there.
    expect(analyzeScenarioSpace(m, { openingLevers: false }).analysis.zone.count).toBe(1);
  });
});

describe('settlements and steps on random scenarios', () => {
  it('match an integer brute force, settlement zone and steps alike', () => {
    for (let seed = 100; seed < 120; seed++) {
      const s = randomScenario(createRandom(seed));
      const decider = s.issues[0]!;
      s.settlement = { description: '', requires: { [decider.id]: [decider.options.at(-1)!.id] }, evidence: [] };
      const m = buildScenarioModel(s);
      // Values are hundredths and weights whole numbers: compare Σ weight × value × 100 in integers.
      const scaled = m.actors.map((a) => {
        const pref = s.preferences[a.actor.id]!;
        const w = s.issues.map((issue) => pref.weights[issue.id] ?? 0);
        const total = w.reduce((x, y) => x + y, 0);
        const u = (pkg: Int32Array) =>
          s.issues.reduce((acc, _issue, i) => acc + w[i]! * Math.round(100 * a.values[i]![pkg[i]!]!), 0);
        return { a, u, walkAway: Math.round(100 * a.noDeal) * total, today: u(m.statusQuo) };
      });
      let settlements = 0;
      let steps = 0;
      for (const pkg of allPackages(m)) {
        const clean = m.actors.every((a) => !a.redLines.some((mask, i) => mask[pkg[i]!] === 1));
        if (!clean) continue;
        const isSettlement = pkg[0] === decider.options.length - 1;
        if (isSettlement && scaled.every((p) => p.u(pkg) >= p.walkAway)) settlements++;
        if (!isSettlement && scaled.every((p) => p.u(pkg) > p.today)) steps++;
      }
      const result = analyzeScenarioSpace(m, { openingLevers: false });
      expect(result.mode, `seed ${seed}`).toBe('settlement');
      expect(result.analysis.zone.count, `seed ${seed} settlements`).toBe(settlements);
      expect(result.steps?.zone.count, `seed ${seed} steps`).toBe(steps);
    }
  });
});

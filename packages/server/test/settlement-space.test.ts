import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { buildScenarioEntry, ScenarioRegistry } from '../src/scenario-registry';
import { repoRoot, riverFile, riverText } from './fixtures';

// The river fixture where only a full truce ends the fighting: settlements (truce=full) are weighed
// against walking away, every other package is a step weighed against today.
const settleText = `${riverText.replace('id: river-dispute', 'id: river-settle')}
settlement:
  requires:
    truce: [full]
`;
const { app } = createApp({
  scenarios: new ScenarioRegistry([buildScenarioEntry(riverFile.replace('.yaml', '-settle.yaml'), settleText)]),
});
const post = async <T>(path: string, body: unknown): Promise<T> => {
  const res = await app.request(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

// Brute force from the fixture's weights (normalised) and values; water=south_all is North's red line.
const W = { north: [0.6, 0.2, 0.2], south: [0.4, 0.4, 0.2] };
const V = {
  north: [
    [1, 0.5, 0],
    [0.5, 0.8, 0.6],
    [1, 0.4],
  ],
  south: [
    [0, 0.7, 1],
    [0, 0.5, 1],
    [0, 0.8],
  ],
};
const WALK_AWAY = { north: 0.7, south: 0.2 };
const utility = (p: 'north' | 'south', opts: number[]) => opts.reduce((s, j, i) => s + W[p][i]! * V[p][i]![j]!, 0);
const TODAY = { north: utility('north', [0, 0, 0]), south: utility('south', [0, 0, 0]) };
const packages: number[][] = [];
for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 2; c++) packages.push([a, b, c]);
const isSettlement = (o: number[]) => o[1] === 2;
const breaksRedLine = (o: number[]) => o[0] === 2;
const eps = 1e-12;
const settlementZone = packages.filter(
  (o) =>
    isSettlement(o) &&
    !breaksRedLine(o) &&
    utility('north', o) >= WALK_AWAY.north - eps &&
    utility('south', o) >= WALK_AWAY.south - eps,
);
const stepZone = packages.filter(
  (o) =>
    !isSettlement(o) &&
    !breaksRedLine(o) &&
    utility('north', o) > TODAY.north + eps &&
    utility('south', o) > TODAY.south + eps,
);

interface SpaceBody {
  mode: string;
  settlement: Record<string, string[]> | null;
  options: { issue: string; options: string[] }[];
  reservations: number[];
  statusQuo: number[];
  outcomes: number;
  points: { total: number; outcomes: number[]; utilities: number[][] };
  zone: { count: number; empty: boolean };
  partialDeals: { issues: string[]; best: { utilities: number[]; terms: Record<string, string> } }[];
  steps: { outcomes: number; reservations: number[]; zone: { count: number; mode: string } } | null;
  openingLevers: unknown;
}

describe('settlements versus steps in the API', () => {
  it('weighs settlements against walking away and steps against today, as a brute force does', async () => {
    const body = await post<SpaceBody>('/api/scenarios/river-settle/space', {});
    expect(body.mode).toBe('settlement');
    expect(body.settlement).toEqual({ truce: ['full'] });
    // The plotted space holds settlements only.
    expect(body.options.find((o) => o.issue === 'truce')!.options).toEqual(['full']);
    expect(body.outcomes).toBe(packages.filter(isSettlement).length);
    expect(body.points.total).toBe(body.outcomes);
    expect(body.reservations).toEqual([WALK_AWAY.north, WALK_AWAY.south]);
    expect(body.statusQuo[0]).toBeCloseTo(TODAY.north, 12);
    expect(body.statusQuo[1]).toBeCloseTo(TODAY.south, 12);
    expect(body.zone.count).toBe(settlementZone.length);
    expect(body.zone.empty).toBe(settlementZone.length === 0);
    // The opening-lever search runs only when the settlement zone is empty.
    expect(body.openingLevers === null).toBe(settlementZone.length > 0);
    expect(body.steps).not.toBeNull();
    expect(body.steps!.outcomes).toBe(packages.filter((o) => !isSettlement(o)).length);
    expect(body.steps!.reservations).toEqual(body.statusQuo);
    expect(body.steps!.zone.mode).toBe('strict');
    expect(body.steps!.zone.count).toBe(stepZone.length);
    // Partial deals are steps: strictly better than today for every party, never a settlement.
    expect(body.partialDeals.length).toBeGreaterThan(0);
    for (const deal of body.partialDeals) {
      expect(deal.best.terms.truce).not.toBe('full');
      expect(deal.best.utilities[0]).toBeGreaterThan(TODAY.north);
      expect(deal.best.utilities[1]).toBeGreaterThan(TODAY.south);
    }
  });

  it('answers partial deals against today, and opening levers on the settlement space', async () => {
    const partial = await post<{ reference: string; reservations: number[]; deals: SpaceBody['partialDeals'] }>(
      '/api/scenarios/river-settle/partial-deals',
      { maxSize: 2 },
    );
    expect(partial.reference).toBe('status_quo');
    const space = await post<SpaceBody>('/api/scenarios/river-settle/space', { points: 'none' });
    expect(partial.deals.map((d) => d.issues.join('+'))).toEqual(space.partialDeals.map((d) => d.issues.join('+')));
    const levers = await post<{ mode: string; alreadyOpen: boolean }>('/api/scenarios/river-settle/opening-levers', {});
    expect(levers.mode).toBe('settlement');
    expect(levers.alreadyOpen).toBe(settlementZone.length > 0);
  });

  it('holds only steps, against today, when the issues on the table leave the settlement issue out', async () => {
    const body = await post<SpaceBody & { reference: string }>('/api/scenarios/river-settle/space', {
      issues: ['water', 'bridge'],
    });
    expect(body.mode).toBe('steps');
    expect(body.reference).toBe('status_quo');
    expect(body.reservations).toEqual(body.statusQuo);
    // Truce stays at today's option (none); the others vary.
    const steps = packages.filter((o) => o[1] === 0);
    expect(body.outcomes).toBe(steps.length);
    const within = steps.filter(
      (o) => !breaksRedLine(o) && utility('north', o) > TODAY.north + eps && utility('south', o) > TODAY.south + eps,
    );
    expect(body.zone.count).toBe(within.length);
    expect(body.openingLevers).toBeNull();
    const levers = await post<{ mode: string; combinations: unknown[] }>('/api/scenarios/river-settle/opening-levers', {
      issues: ['water', 'bridge'],
    });
    expect(levers.mode).toBe('steps');
    expect(levers.combinations).toEqual([]);
  });

  it('searches the closest package of the same kind as the terms', async () => {
    // A step (truce on the dams only): the closest acceptable step leaves both better off than today.
    const step = await post<{
      kind: string;
      reference: string;
      found: boolean;
      closest: { to: { utilities: number[]; terms: Record<string, string> } } | null;
    }>('/api/scenarios/river-settle/closest', { terms: { water: 'split' }, proposer: 'south' });
    expect(step.kind).toBe('step');
    expect(step.reference).toBe('status_quo');
    expect(step.found).toBe(stepZone.length > 0);
    if (step.closest) {
      expect(step.closest.to.utilities[0]).toBeGreaterThan(TODAY.north);
      expect(step.closest.to.utilities[1]).toBeGreaterThan(TODAY.south);
    }
    // A settlement (the grand bargain has a full truce): searched among settlements, against walking away.
    // The broker proposed it and is no party, so the caller says whose loss breaks ties.
    const missing = await app.request('/api/scenarios/river-settle/closest', {
      method: 'POST',
      body: JSON.stringify({ proposal: 'grand_bargain' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe('PROPOSER_REQUIRED');
    const settlement = await post<typeof step>('/api/scenarios/river-settle/closest', {
      proposal: 'grand_bargain',
      proposer: 'north',
    });
    expect(settlement.kind).toBe('settlement');
    expect(settlement.found).toBe(settlementZone.length > 0);
    expect(settlement.closest!.to.utilities[0]).toBeGreaterThanOrEqual(WALK_AWAY.north - eps);
    expect(settlement.closest!.to.utilities[1]).toBeGreaterThanOrEqual(WALK_AWAY.south - eps);
  });

  it('tells in the evaluation whether terms are a settlement or a step, and what each party weighs them against', async () => {
    for (const [terms, kind] of [
      [{ truce: 'full' }, 'settlement'],
      [{ truce: 'partial' }, 'step'],
    ] as const) {
      const body = await post<{
        kind: string;
        actors: {
          actor: string;
          reference: string;
          referenceValue: number;
          noDeal: number;
          statusQuoUtility: number;
          utility: number;
          margin: number;
          band: number;
        }[];
      }>('/api/scenarios/river-settle/evaluate', { terms });
      expect(body.kind).toBe(kind);
      for (const a of body.actors) {
        expect(a.reference).toBe(kind === 'settlement' ? 'walk_away' : 'status_quo');
        expect(a.referenceValue).toBe(kind === 'settlement' ? a.noDeal : a.statusQuoUtility);
        expect(a.margin).toBeCloseTo(a.utility - a.referenceValue, 12);
        expect(a.band).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

const flagshipFile = path.join(repoRoot, 'scenarios/ukraine-2025/scenario.yaml');
const hasFlagship = existsSync(flagshipFile);
if (!hasFlagship) console.warn(`[server] ${flagshipFile} is absent: flagship space checks skipped.`);

// Relations that hold for any calibration of the flagship (it is recalibrated often): no figures.
describe.skipIf(!hasFlagship)('the flagship agreement space', () => {
  const entry = hasFlagship ? buildScenarioEntry(flagshipFile, readFileSync(flagshipFile, 'utf8')) : undefined;
  const flagship = createApp({ scenarios: new ScenarioRegistry(entry ? [entry] : []) }).app;
  const id = entry?.id ?? '';
  const call = async <T>(route: string, body: unknown): Promise<T> => {
    const res = await flagship.request(`/api/scenarios/${id}/${route}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('plots settlements only, and splits the answer into settlements and steps as the scenario says', async () => {
    const scenario = entry!.scenario!;
    const body = await call<SpaceBody & { acceptable: number; frontier: { size: number } }>('space', {
      maxPoints: 2000,
    });
    const requires = scenario.settlement?.requires;
    expect(body.mode).toBe(requires ? 'settlement' : 'all');
    expect(body.points.outcomes.length).toBeLessThanOrEqual(2000);
    for (const [issue, allowed] of Object.entries(requires ?? {}))
      expect(new Set(body.options.find((o) => o.issue === issue)!.options)).toEqual(new Set(allowed));
    expect(body.acceptable).toBeLessThanOrEqual(body.outcomes);
    expect(body.zone.count).toBeLessThanOrEqual(body.acceptable);
    if (body.zone.empty) expect(body.openingLevers).not.toBeNull();
    if (requires) {
      expect(body.steps).not.toBeNull();
      expect(body.steps!.reservations).toEqual(body.statusQuo);
      for (const deal of body.partialDeals)
        for (const [p, u] of deal.best.utilities.entries()) expect(u).toBeGreaterThan(body.statusQuo[p]!);
    }
  });

  it('evaluates every recorded proposal against the reference its kind calls for', async () => {
    const scenario = entry!.scenario!;
    const requires = scenario.settlement?.requires ?? {};
    for (const proposal of scenario.proposals) {
      const body = await call<{
        kind: string;
        terms: Record<string, string>;
        actors: { reference: string; referenceValue: number; noDeal: number; statusQuoUtility: number }[];
      }>('evaluate', { proposal: proposal.id });
      const settles = Object.entries(requires).every(([issue, allowed]) => allowed.includes(body.terms[issue]!));
      expect(body.kind).toBe(settles ? 'settlement' : 'step');
      for (const a of body.actors) expect(a.referenceValue).toBe(settles ? a.noDeal : a.statusQuoUtility);
    }
  });
});

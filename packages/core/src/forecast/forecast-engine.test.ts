import { describe, expect, it } from 'vitest';
import { checkEngineContract, type EngineContract } from '../contract/engine-contract';
import { runEngine } from '../engine/run-engine';
import { createRandom, type SeededRandom } from '../random/seeded-random';
import { forecastEngine } from './forecast-engine';
import { loadForecastSource } from './load-case';
import { DEFAULT_UNCERTAINTY, monteCarlo } from './monte-carlo';
import { type ForecastResult, forecastIssue, planForecastTasks, runForecast } from './run-forecast';
import { type ForecastCase, type Issue1D, issueOf } from './types';

const EC_CASE = {
  format: 'negotiation-case/1',
  id: 'ec',
  title: 'EC emission standards',
  dimensions: [{ id: 'd0', name: 'years', min: 4, max: 10 }],
  actors: [
    ['netherlands', 0.08, 4, 0.8],
    ['belgium', 0.08, 7, 0.4],
    ['luxembourg', 0.03, 4, 0.2],
    ['germany', 0.16, 4, 0.8],
    ['france', 0.16, 10, 0.6],
    ['italy', 0.16, 10, 0.6],
    ['uk', 0.16, 10, 0.9],
    ['ireland', 0.05, 7, 0.1],
    ['denmark', 0.05, 4, 1],
    ['greece', 0.08, 7, 0.7],
  ].map(([id, c, x, s]) => ({ id, name: id, capability: c, positions: [x], saliences: [s] })),
};

function randomCase(rng: SeededRandom): ForecastCase {
  const n = 2 + rng.int(6);
  const m = 1 + rng.int(2);
  return {
    id: 'random',
    title: 'random',
    file: 'random.json',
    actors: Array.from({ length: n }, (_, i) => ({ id: `a${i}`, name: `a${i}` })),
    dimensions: Array.from({ length: m }, (_, d) => ({ id: `d${d}`, name: `d${d}`, min: 0, max: 100 })),
    capability: Float64Array.from({ length: n }, () => 1 + rng.int(10)),
    positions: Array.from({ length: m }, () => Float64Array.from({ length: n }, () => 10 * rng.int(11))),
    salience: Array.from({ length: m }, () => Float64Array.from({ length: n }, () => (1 + rng.int(10)) / 10)),
  };
}

const permute = (a: Float64Array, perm: readonly number[]) => {
  const out = new Float64Array(a.length);
  a.forEach((v, k) => {
    out[perm[k]!] = v;
  });
  return out;
};

/** Ids renamed through `rename`, arrays put in a canonical order so results compare as text. */
function canonical(r: ForecastResult, rename: (id: string) => string) {
  const key = (o: object) => JSON.stringify(o);
  const sortBy = <T extends object>(items: T[]) => items.sort((a, b) => key(a).localeCompare(key(b)));
  return {
    forecasts: r.forecasts,
    intervals: r.intervals,
    trajectories: r.trajectories.map((t) => ({
      ...t,
      rounds: t.rounds.map((round) => ({
        t: round.t,
        positions: Object.fromEntries(
          Object.entries(round.positions)
            .map(([id, v]) => [rename(id), v] as const)
            .sort(([a], [b]) => a.localeCompare(b)),
        ),
      })),
    })),
    moves: sortBy(r.moves.map((m) => ({ ...m, actor: rename(m.actor), by: rename(m.by) }))),
    sensitivity: sortBy(r.sensitivity.map((s) => ({ ...s, actor: rename(s.actor) }))),
  };
}

const contract: EngineContract<ForecastCase, ReturnType<typeof canonical>> = {
  name: 'forecast',
  generate: randomCase,
  run: (c, rng) =>
    canonical(runForecast([c], { models: ['bdm'], draws: 8, seed: rng.int(2 ** 31), sensitivity: true }), (id) => id),
  actorCount: (c) => c.actors.length,
  relabel: (c, perm) => {
    const actors = new Array(c.actors.length);
    c.actors.forEach((_, k) => {
      actors[perm[k]!] = { id: `b${perm[k]}`, name: `b${perm[k]}` };
    });
    return {
      ...c,
      actors,
      capability: permute(c.capability, perm),
      positions: c.positions.map((p) => permute(p, perm)),
      salience: c.salience.map((s) => permute(s, perm)),
    };
  },
  restore: (out, perm) => {
    const back = (id: string) => (id.startsWith('b') ? `a${perm.indexOf(Number(id.slice(1)))}` : id);
    const re = (o: typeof out) => ({
      ...o,
      trajectories: o.trajectories.map((t) => ({
        ...t,
        rounds: t.rounds.map((r) => ({
          t: r.t,
          positions: Object.fromEntries(
            Object.entries(r.positions)
              .map(([id, v]) => [back(id), v] as const)
              .sort(([a], [b]) => a.localeCompare(b)),
          ),
        })),
      })),
      moves: o.moves.map((m) => ({ ...m, actor: back(m.actor), by: back(m.by) })),
      sensitivity: o.sensitivity.map((s) => ({ ...s, actor: back(s.actor) })),
    });
    const r = re(out);
    const key = (o: object) => JSON.stringify(o);
    r.moves.sort((a, b) => key(a).localeCompare(key(b)));
    r.sensitivity.sort((a, b) => key(a).localeCompare(key(b)));
    return r;
  },
};

describe('forecast engine', () => {
  it('is deterministic and invariant under relabelling actors (shared contract)', () => {
    expect(checkEngineContract(contract, { runs: 15 })).toEqual([]);
  });

  it('prints one forecast per case, dimension and model, and BDM trajectories from t = 0', async () => {
    const run = await runEngine(
      forecastEngine,
      [{ name: 'ec.json', text: JSON.stringify(EC_CASE) }],
      { draws: 20 },
      { seed: 3 },
    );
    const r = run.result as ForecastResult;
    expect(r.forecasts.map((f) => f.model)).toEqual([
      'weighted_mean',
      'weighted_median',
      'nash',
      'nash_vote',
      'bdm',
      'ktab',
    ]);
    expect(r.forecasts.find((f) => f.model === 'weighted_mean')!.value).toBeCloseTo(7.39, 2);
    expect(r.forecasts.find((f) => f.model === 'weighted_median')!.value).toBe(7);
    const traj = r.trajectories.find((t) => t.model === 'bdm')!;
    expect(traj.rounds[0]).toEqual({
      t: 0,
      positions: Object.fromEntries(EC_CASE.actors.map((a) => [a.id, a.positions[0]])),
    });
    expect(r.moves.length).toBeGreaterThan(0);
    const interval = r.intervals.find((i) => i.model === 'weighted_mean')!;
    expect(interval.p10!).toBeLessThanOrEqual(interval.p90!);
    const again = await runEngine(
      forecastEngine,
      [{ name: 'ec.json', text: JSON.stringify(EC_CASE) }],
      { draws: 20 },
      { seed: 3 },
    );
    expect(again.result).toEqual(run.result);
    expect(
      forecastEngine.render(
        r,
        run.params as Parameters<typeof forecastEngine.render>[1],
        run.input as Parameters<typeof forecastEngine.render>[2],
      ),
    ).toContain('bdm');
  });

  it('runs the KTAB SMP and reports its rounds from the input state', async () => {
    const run = await runEngine(
      forecastEngine,
      [{ name: 'ec.json', text: JSON.stringify(EC_CASE) }],
      { draws: 0, model: 'ktab' },
      { seed: 1 },
    );
    const r = run.result as ForecastResult;
    const ktab = r.forecasts.find((f) => f.model === 'ktab')!;
    expect(ktab.value).toBeGreaterThanOrEqual(4);
    expect(ktab.value).toBeLessThanOrEqual(10);
    const traj = r.trajectories.find((t) => t.model === 'ktab')!;
    expect(traj.rounds[0]!.positions.uk).toBeCloseTo(10, 9);
    expect(traj.rounds.length).toBeGreaterThan(1);
  });

  it('runs KTAB per dimension when fewer than two actors have a position on every dimension', () => {
    // a and b only on d0, c and d only on d1: no actor is complete, so no joint SMP run exists.
    const c: ForecastCase = {
      id: 'split',
      title: 'split',
      file: 'split.json',
      actors: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id })),
      dimensions: ['d0', 'd1'].map((id) => ({ id, name: id, min: 0, max: 100 })),
      capability: Float64Array.of(1, 2, 1, 1),
      positions: [Float64Array.of(0, 80, Number.NaN, Number.NaN), Float64Array.of(Number.NaN, Number.NaN, 30, 70)],
      salience: [Float64Array.of(0.5, 0.9, 0, 0), Float64Array.of(0, 0, 0.6, 0.6)],
    };
    const r = runForecast([c], { models: ['ktab'], draws: 0, seed: 1, sensitivity: false });
    expect(r.errors).toEqual([]);
    for (const [dim, ids] of [
      ['d0', ['a', 'b']],
      ['d1', ['c', 'd']],
    ] as const) {
      const single = forecastIssue('ktab', issueOf(c, dim === 'd0' ? 0 : 1));
      expect(r.forecasts.find((f) => f.model === 'ktab' && f.dimension === dim)!.value).toBeCloseTo(single, 9);
      const traj = r.trajectories.find((t) => t.model === 'ktab' && t.dimension === dim)!;
      expect(Object.keys(traj.rounds[0]!.positions).sort()).toEqual([...ids]);
    }
  });

  it('gives KTAB its own, smaller Monte-Carlo draw count', () => {
    const c = loadForecastSource({ name: 'ec.json', text: JSON.stringify(EC_CASE) })[0]!;
    const r = runForecast([c], { models: ['bdm', 'ktab'], draws: 30, ktabDraws: 4, seed: 1, sensitivity: false });
    expect(r.intervals.find((i) => i.model === 'bdm')!.draws).toBe(30);
    expect(r.intervals.find((i) => i.model === 'ktab')!.draws).toBe(4);
    expect(
      planForecastTasks([c], { models: ['ktab'], draws: 30, ktabDraws: 4, seed: 1, sensitivity: false }, 3)
        .filter((t) => t.model === 'ktab')
        .reduce((a, t) => a + t.draws, 0),
    ).toBe(4);
  });

  it('adds one line to the analysis summary however many issues it forecasts', () => {
    const dims = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
      id,
      name: id,
      min: 0,
      max: 100,
      options: [
        { id: `${id}-low`, label: `${id} low`, position: 0 },
        { id: `${id}-high`, label: `${id} high`, position: 100 },
      ],
    }));
    const c: ForecastCase = {
      id: 's',
      title: 's',
      file: 's.yaml',
      actors: ['x', 'y'].map((id) => ({ id, name: id })),
      dimensions: dims,
      capability: Float64Array.of(1, 3),
      positions: dims.map(() => Float64Array.of(0, 100)),
      salience: dims.map(() => Float64Array.of(1, 1)),
    };
    const r = runForecast([c], { models: [], draws: 0, seed: 1, sensitivity: false });
    const section = forecastEngine.section!(r, [c]);
    expect(section.summary).toEqual([
      'Forecast (compromise model, nearest option): a “a high”; b “b high”; c “c high”; and 2 more issues.',
    ]);
  });

  it('rejects an unknown issue with the ids it has', async () => {
    await expect(
      runEngine(forecastEngine, [{ name: 'ec.json', text: JSON.stringify(EC_CASE) }], { issue: 'nope', draws: 0 }),
    ).rejects.toMatchObject({ code: 'FORECAST_UNKNOWN_ISSUE' });
  });

  it('draws the same Monte-Carlo values whichever slice of draws a thread computes', () => {
    const c = randomCase(createRandom(5));
    const issue = issueOf(c, 0);
    const model = (is: Issue1D) => forecastIssue('bdm', is);
    const whole = monteCarlo(issue, model, 10, 9, [0, 0], DEFAULT_UNCERTAINTY);
    const parts = [
      ...monteCarlo(issue, model, 4, 9, [0, 0], DEFAULT_UNCERTAINTY, 0),
      ...monteCarlo(issue, model, 6, 9, [0, 0], DEFAULT_UNCERTAINTY, 4),
    ];
    expect(parts).toEqual([...whole]);
    expect([...monteCarlo(issue, model, 10, 10, [0, 0], DEFAULT_UNCERTAINTY)]).not.toEqual([...whole]);
  });
});

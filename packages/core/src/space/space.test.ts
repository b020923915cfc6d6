import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { analyzeSpace } from './analyze';
import { bruteForce, randomSpace } from './brute-force.test-helper';
import { closestAcceptable } from './closest';
import { enumerateUtilities } from './enumerate';
import { paretoFrontier } from './frontier';
import { applySpaceLevers, findOpeningLevers } from './levers';
import { findPartialDeals } from './partial';
import { prepareSpace } from './prepared';
import { analyzeSpaceSplit, runSpaceTask, type SpaceSplitter } from './split';
import type { AdditiveSpace, SpaceLever } from './types';

const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i);
const asc = (xs: number[]) => xs.slice().sort((a, b) => a - b);

function argBest<T>(items: number[], score: (o: number) => T, better: (a: T, b: T) => number): number[] {
  let best: T | undefined;
  let arg: number[] = [];
  for (const o of items) {
    const s = score(o);
    const c = best === undefined ? 1 : better(s, best);
    if (c > 0) {
      best = s;
      arg = [o];
    } else if (c === 0) arg.push(o);
  }
  return asc(arg);
}

describe('exact Pareto frontier', () => {
  it.each(SEEDS)('equals the O(n²) brute force (seed %i, red lines and caps)', (seed) => {
    const space = randomSpace(seed, { redLines: seed % 3 === 0 ? 0.15 : 0, caps: seed % 2 === 0 });
    const bf = bruteForce(space);
    expect(paretoFrontier(prepareSpace(space)).outcomes).toEqual(asc(bf.frontier));
  });

  it('handles 5 to 6 parties and wider issues', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const space = randomSpace(seed, { parties: [5, 6], issues: [3, 4], options: [3, 5] });
      expect(paretoFrontier(prepareSpace(space)).outcomes).toEqual(asc(bruteForce(space).frontier));
    }
  });

  it('keeps exact decimal ties that float sums would split', () => {
    // 0.1 + 0.2 and 0.3 are equal as decimals but not as float sums.
    const space: AdditiveSpace = {
      issues: [
        { id: 'a', options: ['x', 'y'], statusQuo: 0 },
        { id: 'b', options: ['x', 'y'], statusQuo: 0 },
      ],
      parties: [
        { id: 'A', reservation: 0, contributions: [Float64Array.of(0.1, 0.3), Float64Array.of(0.2, 0)] },
        { id: 'B', reservation: 0, contributions: [Float64Array.of(0.2, 0), Float64Array.of(0, 0.2)] },
      ],
    };
    expect(0.1 + 0.2).not.toBe(0.3);
    // (x,x) gives A 0.1+0.2 and (y,y) gives A 0.3, B 0.2 both times: an exact tie, so both stay
    // (a float sweep would let (x,x) dominate (y,y)).
    expect(paretoFrontier(prepareSpace(space)).outcomes).toEqual([0, 1, 2, 3]);
  });
});

describe('bargaining solutions', () => {
  it.each(SEEDS)('match brute force, textbook and Genius (seed %i)', (seed) => {
    const space = randomSpace(seed, { caps: seed % 4 === 1 });
    const bf = bruteForce(space);
    const k = bf.k;
    const r = Array.from({ length: k }, (_, p) => bf.reservation(p));
    const S = bf.frontier.filter((o) => bf.u[o]!.every((v, p) => v >= r[p]!));
    const gain = (o: number, p: number) => bf.u[o]![p]! - r[p]!;
    const num = (a: number, b: number) => Math.sign(a - b);
    const nash = argBest(S, (o) => bf.u[o]!.reduce((acc, _, p) => acc * gain(o, p), 1), num);
    const egal = argBest(S, (o) => Math.min(...r.map((_, p) => gain(o, p))), num);
    const welfare = argBest(S, (o) => bf.u[o]!.reduce((a, b) => a + b, 0), num);
    let ks: number[] = [];
    if (S.length > 0) {
      const ideal = r.map((_, p) => Math.max(...S.map((o) => bf.u[o]![p]!)));
      if (ideal.every((a, p) => a > r[p]!)) {
        const score = (o: number) =>
          r
            .map((_, p) => [gain(o, p), ideal[p]! - r[p]!] as const)
            .reduce((m, f) => (f[0] * m[1] < m[0] * f[1] ? f : m));
        ks = argBest(S, score, (a, b) => Math.sign(a[0] * b[1] - b[0] * a[1]));
      }
    }
    const res = analyzeSpace(space, { partialDeals: false });
    expect(res.solutions.nash.outcomes).toEqual(nash);
    expect(res.solutions.egalitarian.outcomes).toEqual(egal);
    expect(res.solutions.welfare.outcomes).toEqual(welfare);
    expect(res.solutions.kalaiSmorodinsky.outcomes).toEqual(ks);
    // Genius variants over the whole frontier.
    const g = analyzeSpace(space, { partialDeals: false, variant: 'genius' });
    const F = bf.frontier;
    expect(g.solutions.nash.outcomes).toEqual(
      argBest(F, (o) => bf.u[o]!.reduce((acc, _, p) => acc * gain(o, p), 1), num),
    );
    expect(g.solutions.welfare.outcomes).toEqual(argBest(F, (o) => bf.u[o]!.reduce((a, b) => a + b, 0), num));
    const asym = (o: number) => {
      let s = 0;
      for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) s += Math.abs(bf.u[o]![i]! - bf.u[o]![j]!);
      return s;
    };
    expect(g.solutions.kalaiSmorodinsky.outcomes).toEqual(argBest(F, asym, (a, b) => num(b, a)));
    // Disagreement at zero: every package is in the bargaining set.
    const z = analyzeSpace(space, { partialDeals: false, disagreement: 'zero' });
    expect(z.solutions.nash.outcomes).toEqual(argBest(F, (o) => bf.u[o]!.reduce((acc, v) => acc * v, 1), num));
    // Every solution lies on the frontier.
    for (const sol of [res, g, z].flatMap((a) => Object.values(a.solutions)))
      for (const o of sol.outcomes) expect(bf.frontier).toContain(o);
  });
});

describe('zone of possible agreement', () => {
  it.each(SEEDS)('counts, efficient packages, shortfalls and blocking issues match brute force (seed %i)', (seed) => {
    const space = randomSpace(seed, { redLines: seed % 2 === 0 ? 0.2 : 0, caps: seed % 5 === 0 });
    const bf = bruteForce(space);
    const all = Array.from({ length: bf.total }, (_, o) => o);
    const weak = analyzeSpace(space, { partialDeals: false });
    const strict = analyzeSpace(space, { partialDeals: false, zone: 'strict' });
    expect(weak.zone.count).toBe(all.filter((o) => bf.inZone(o, false)).length);
    expect(strict.zone.count).toBe(all.filter((o) => bf.inZone(o, true)).length);
    const zonePareto = all.filter(
      (o) => bf.inZone(o, false) && !all.some((y) => bf.inZone(y, false) && bf.dominates(bf.u[y]!, bf.u[o]!)),
    );
    expect(weak.zone.pareto.map((p) => p.outcome)).toEqual(zonePareto);
    if (!weak.zone.empty) {
      expect(weak.zone.shortfalls).toEqual([]);
      return;
    }
    const acceptable = all.filter(bf.acceptable);
    weak.zone.shortfalls.forEach((s, p) => {
      const others = acceptable.filter((o) => bf.u[o]!.every((v, q) => q === p || v >= bf.reservation(q)));
      if (others.length === 0) expect(s.shortfall).toBeNull();
      else {
        const best = Math.max(...others.map((o) => bf.u[o]![p]!));
        expect(Math.round(s.shortfall! * 100)).toBe(bf.reservation(p) - best);
        expect(s.shortfall!).toBeGreaterThan(0);
      }
    });
    // Blocking issues, by the counterfactual definition.
    const expected = space.issues.flatMap((issue, i) => {
      const jointly =
        acceptable.length > 0 || issue.options.some((_, x) => space.parties.every((p) => p.forbidden?.[i]?.[x] !== 1));
      if (!issue.options.some((_, x) => space.parties.every((p) => p.forbidden?.[i]?.[x] !== 1)))
        return [{ index: i, reason: 'redLine' }];
      void jointly;
      const opens = all.some((o) => {
        const d = bf.decode(o);
        if (d[i] !== 0) return false;
        const okElsewhere = d.every((x, j) => j === i || space.parties.every((p) => p.forbidden?.[j]?.[x] !== 1));
        if (!okElsewhere) return false;
        return space.parties.every((party, p) => {
          const allowedHere = issue.options.map((_, x) => x).filter((x) => party.forbidden?.[i]?.[x] !== 1);
          if (allowedHere.length === 0) return false;
          const best = Math.max(...allowedHere.map((x) => Math.round(party.contributions[i]![x]! * 100)));
          const s = d.reduce((acc, x, j) => acc + (j === i ? best : Math.round(party.contributions[j]![x]! * 100)), 0);
          const u = party.cap === undefined ? s : Math.min(s, Math.round(party.cap * 100));
          return u >= bf.reservation(p);
        });
      });
      return opens ? [{ index: i, reason: 'conflict' }] : [];
    });
    expect(weak.zone.blockingIssues.map((b) => ({ index: b.index, reason: b.reason }))).toEqual(expected);
  });
});

describe('closest acceptable package', () => {
  it.each(SEEDS.slice(0, 30))('fewest changes, then the proposer’s smallest loss (seed %i)', (seed) => {
    const space = randomSpace(seed, { redLines: 0.1 });
    const bf = bruteForce(space);
    const rng = createRandom(seed);
    const from = rng.int(bf.total);
    const proposer = rng.int(bf.k);
    const zone = Array.from({ length: bf.total }, (_, o) => o).filter((o) => bf.inZone(o, false));
    const res = closestAcceptable(space, from, { proposer: `p${proposer}` });
    if (zone.length === 0) {
      expect(res).toBeNull();
      return;
    }
    const dist = (o: number) => bf.decode(o).filter((x, i) => x !== bf.decode(from)[i]).length;
    const dmin = Math.min(...zone.map(dist));
    const near = zone.filter((o) => dist(o) === dmin);
    const bestU = Math.max(...near.map((o) => bf.u[o]![proposer]!));
    const winners = near.filter((o) => bf.u[o]![proposer]! === bestU);
    expect(res!.to.outcome).toBe(Math.min(...winners));
    expect(res!.ties).toBe(winners.length);
    expect(res!.changes.length).toBe(dmin);
    expect(Math.round(res!.proposerLoss * 100)).toBe(bf.u[from]![proposer]! - bestU);
  });
});

describe('partial agreements', () => {
  it.each(SEEDS.slice(0, 30))('exhaustive subsets up to 2 issues match brute force (seed %i)', (seed) => {
    const space = randomSpace(seed, { issues: [3, 5], redLines: 0.1 });
    const bf = bruteForce(space);
    const m = space.issues.length;
    const expected: { issues: number[]; gain: number }[] = [];
    const subsets: number[][] = [];
    for (let a = 0; a < m; a++) {
      subsets.push([a]);
      for (let b = a + 1; b < m; b++) subsets.push([a, b]);
    }
    for (const subset of subsets) {
      let best = Number.NEGATIVE_INFINITY;
      for (let o = 0; o < bf.total; o++) {
        const d = bf.decode(o);
        const fits = d.every((x, i) =>
          subset.includes(i)
            ? space.parties.every((p) => p.forbidden?.[i]?.[x] !== 1)
            : x === space.issues[i]!.statusQuo,
        );
        if (!fits || !bf.u[o]!.every((v, p) => v >= bf.reservation(p))) continue;
        best = Math.max(
          best,
          bf.u[o]!.reduce((acc, v, p) => acc + v - bf.reservation(p), 0),
        );
      }
      if (best > Number.NEGATIVE_INFINITY) expected.push({ issues: subset, gain: best });
    }
    const deals = findPartialDeals(prepareSpace(space), { maxSize: 2, limit: 1000 }).filter(
      (d) => d.method === 'exhaustive',
    );
    const key = (xs: number[]) => xs.join(',');
    expect(deals.map((d) => key(d.issueIndices)).sort()).toEqual(expected.map((e) => key(e.issues)).sort());
    for (const d of deals) {
      const e = expected.find((x) => key(x.issues) === key(d.issueIndices))!;
      expect(Math.round(d.jointGain * 100)).toBe(e.gain);
    }
    // Ranked by joint gain.
    for (let j = 1; j < deals.length; j++)
      expect(deals[j - 1]!.jointGain).toBeGreaterThanOrEqual(deals[j]!.jointGain - 1e-12);
  });
});

describe('levers', () => {
  const makeLevers = (space: AdditiveSpace, seed: number): SpaceLever[] => {
    const rng = createRandom(seed * 7);
    return Array.from({ length: 3 }, (_, l) => ({
      id: `L${l}`,
      effects: [
        {
          party: space.parties[rng.int(space.parties.length)]!.id,
          reservationShift: -(rng.int(4) * 2) / 100,
          contributionShifts: [
            { issue: 0, option: rng.int(space.issues[0]!.options.length), delta: (rng.int(5) * 2) / 100 },
          ],
        },
      ],
    }));
  };

  it.each(SEEDS.slice(0, 25))('the smallest opening combination matches brute force (seed %i)', (seed) => {
    const space = randomSpace(seed);
    const levers = makeLevers(space, seed);
    const grid = [0.5, 1];
    const bfOpen = (choice: { l: number; s: number }[]) => {
      const shifted: AdditiveSpace = {
        issues: space.issues,
        parties: space.parties.map((p) => {
          let res = p.reservation;
          const contributions = p.contributions.map((row) => Float64Array.from(row));
          for (const { l, s } of choice)
            for (const e of levers[l]!.effects) {
              if (e.party !== p.id) continue;
              res += (e.reservationShift ?? 0) * s;
              for (const c of e.contributionShifts ?? []) contributions[c.issue]![c.option]! += c.delta * s;
            }
          return { ...p, reservation: res, contributions };
        }),
      };
      const bf = bruteForce(shifted);
      return Array.from({ length: bf.total }, (_, o) => o).some((o) => bf.inZone(o, false));
    };
    // Grid only (no bisection), so that brute force over the same grid is the reference.
    const res = findOpeningLevers(space, levers, { grid, maxLevers: 2, tolerance: 0 });
    if (bfOpen([])) {
      expect(res.alreadyOpen).toBe(true);
      return;
    }
    let expected: { ids: string; total: number }[] = [];
    for (const size of [1, 2]) {
      const options: { l: number; s: number }[][] = [];
      for (let a = 0; a < 3; a++)
        for (const sa of grid) {
          if (size === 1) options.push([{ l: a, s: sa }]);
          else
            for (let b = a + 1; b < 3; b++)
              for (const sb of grid)
                options.push([
                  { l: a, s: sa },
                  { l: b, s: sb },
                ]);
        }
      const open = options.filter(bfOpen).map((c) => ({
        ids: c.map((x) => `${levers[x.l]!.id}@${x.s}`).join('+'),
        total: c.reduce((a, x) => a + x.s, 0),
      }));
      if (open.length > 0) {
        const min = Math.min(...open.map((o) => o.total));
        expected = open.filter((o) => o.total === min);
        break;
      }
    }
    expect(res.alreadyOpen).toBe(false);
    // Every passing set of the smallest size is listed by total strength; the cheapest ones are brute force's.
    const cheapest = res.combinations.filter((c) => c.totalStrength === res.combinations[0]?.totalStrength);
    expect(cheapest.map((c) => c.levers.map((x) => `${x.id}@${x.strength}`).join('+')).sort()).toEqual(
      expected.map((e) => e.ids).sort(),
    );
  });

  it('applies effects linearly in the strength', () => {
    const space = randomSpace(3);
    const lever: SpaceLever = {
      id: 'aid',
      maxStrength: 2,
      effects: [{ party: 'p0', reservationShift: 0.1, contributionShifts: [{ issue: 0, option: 0, delta: 0.2 }] }],
    };
    const out = applySpaceLevers(space, [{ lever, strength: 1.5 }]);
    expect(out.parties[0]!.reservation).toBeCloseTo(space.parties[0]!.reservation + 0.15, 12);
    expect(out.parties[0]!.contributions[0]![0]).toBeCloseTo(space.parties[0]!.contributions[0]![0]! + 0.3, 12);
    expect(() => applySpaceLevers(space, [{ lever, strength: 3 }])).toThrow(/strength/);
  });
});

describe('enumeration', () => {
  it('streams every package in index order with utilities and the red-line mask', () => {
    const space = randomSpace(11, { redLines: 0.2, caps: true });
    const bf = bruteForce(space);
    const seen: number[] = [];
    for (const chunk of enumerateUtilities(space, { chunkSize: 7 })) {
      chunk.outcomes.forEach((o, j) => {
        seen.push(o);
        chunk.utilities.forEach((u, p) => {
          expect(Math.round(u[j]! * 100)).toBe(bf.u[o]![p]);
        });
        expect(chunk.acceptable[j]).toBe(bf.acceptable(o) ? 1 : 0);
      });
    }
    expect(seen).toEqual(Array.from({ length: bf.total }, (_, o) => o));
  });

  it('restricts to an issue subset with the others at the status quo', () => {
    const space = randomSpace(12, { issues: [3, 3] });
    const outs: number[] = [];
    for (const chunk of enumerateUtilities(space, { issues: [1] })) outs.push(...chunk.outcomes);
    const bf = bruteForce(space);
    const expected = Array.from({ length: bf.total }, (_, o) => o).filter((o) =>
      bf.decode(o).every((x, i) => i === 1 || x === space.issues[i]!.statusQuo),
    );
    expect(outs).toEqual(expected);
  });
});

describe('invariance and determinism', () => {
  it.each(SEEDS.slice(0, 20))('relabelling/permuting parties and permuting options (seed %i)', (seed) => {
    const space = randomSpace(seed, { caps: true });
    const base = analyzeSpace(space, { partialDeals: false });
    const rng = createRandom(seed + 99);
    const perm = rng.shuffle(space.parties.map((_, p) => p));
    const permuted: AdditiveSpace = {
      issues: space.issues,
      parties: perm.map((p) => ({ ...space.parties[p]!, id: `x${p}` })),
    };
    const other = analyzeSpace(permuted, { partialDeals: false });
    expect(other.frontier.outcomes).toEqual(base.frontier.outcomes);
    expect(other.zone.count).toBe(base.zone.count);
    for (const key of ['nash', 'kalaiSmorodinsky', 'egalitarian', 'welfare'] as const)
      expect(other.solutions[key].outcomes).toEqual(base.solutions[key].outcomes);
    // Permute the options of issue 0; map outcomes back.
    const r0 = space.issues[0]!.options.length;
    const pi = rng.shuffle([...Array(r0).keys()]); // new position j holds old option pi[j]
    const shuffled: AdditiveSpace = {
      issues: space.issues.map((iss, i) =>
        i === 0 ? { ...iss, options: pi.map((o) => iss.options[o]!), statusQuo: pi.indexOf(iss.statusQuo) } : iss,
      ),
      parties: space.parties.map((p) => ({
        ...p,
        contributions: p.contributions.map((row, i) => (i === 0 ? Float64Array.from(pi, (o) => row[o]!) : row)),
      })),
    };
    const stride = space.issues.slice(1).reduce((a, iss) => a * iss.options.length, 1);
    const back = (o: number) => pi[Math.floor(o / stride)]! * stride + (o % stride);
    const sh = analyzeSpace(shuffled, { partialDeals: false });
    expect(asc(sh.frontier.outcomes.map(back))).toEqual(base.frontier.outcomes);
    for (const key of ['nash', 'kalaiSmorodinsky', 'egalitarian', 'welfare'] as const)
      expect(asc(sh.solutions[key].outcomes.map(back))).toEqual(base.solutions[key].outcomes);
  });

  it('gives identical results on repeated runs', () => {
    const space = randomSpace(77, { redLines: 0.1, caps: true });
    expect(analyzeSpace(space)).toEqual(analyzeSpace(space));
  });
});

describe('split work', () => {
  it('slice-by-slice analysis equals the single-process one', async () => {
    const inline: SpaceSplitter = {
      run: async (tasks, done) =>
        tasks.map((t) => {
          done?.();
          return runSpaceTask(t);
        }),
    };
    for (const seed of [5, 6, 7, 8]) {
      const space = randomSpace(seed, { issues: [3, 4], caps: true });
      const split = await analyzeSpaceSplit(space, inline, { parts: 3 });
      expect(split).toEqual(analyzeSpace(space));
    }
  });
});

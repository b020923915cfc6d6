import { mulberry32 } from './synthetic';
import type { Expr, GmcrModel, Reversibility } from './types';

/**
 * A small random conflict from a seed: 2-4 DMs, 1-3 options each, irreversible options, a few
 * infeasible patterns, occasional misperceptions, rankings with ties (via random payoff buckets).
 */
export function randomConflict(seed: number): GmcrModel {
  const rnd = mulberry32(seed);
  const u = () => rnd() / 4294967296;
  const int = (n: number) => Math.floor(u() * n);
  const n = 2 + int(3);
  const options: GmcrModel['options'] = [];
  const dms: GmcrModel['decisionMakers'] = [];
  for (let d = 0; d < n; d++) {
    const k = 1 + int(n === 4 ? 2 : 3);
    const own: number[] = [];
    for (let j = 0; j < k; j++) {
      const r = u();
      const reversibility: Reversibility = r < 0.15 ? 'fwd' : r < 0.25 ? 'back' : 'both';
      own.push(options.length);
      options.push({ id: `o${options.length}`, name: `o${options.length}`, dm: d, reversibility });
    }
    dms.push({ id: `D${d}`, name: `D${d}`, options: own, misperceptions: [] });
  }
  const K = options.length;
  const lit = (): Expr => {
    const o: Expr = { kind: 'option', option: int(K) };
    return u() < 0.5 ? o : { kind: 'not', arg: o };
  };
  const infeasible: Expr[] = [];
  const cnt = int(3);
  for (let j = 0; j < cnt; j++) infeasible.push({ kind: 'and', args: [lit(), lit(), lit()] });
  if (u() < 0.3) dms[int(n)]!.misperceptions.push({ kind: 'and', args: [lit(), lit()] });
  const model: GmcrModel = { title: `random ${seed}`, options, decisionMakers: dms, infeasible, preferences: [] };
  // Rankings: each state decimal gets a random bucket; buckets give ties.
  const feasible: number[] = [];
  for (let d = 0; d < 2 ** K; d++) {
    const bits = (o: number) => ((d >>> o) & 1) === 1;
    const sat = (e: Expr): boolean =>
      e.kind === 'option'
        ? bits(e.option)
        : e.kind === 'not'
          ? !sat(e.arg)
          : e.kind === 'and'
            ? e.args.every(sat)
            : false;
    if (!infeasible.some(sat)) feasible.push(d);
  }
  model.preferences = dms.map(() => {
    const buckets = 2 + int(feasible.length);
    const groups = new Map<number, number[]>();
    for (const d of feasible) {
      const b = int(buckets);
      groups.set(b, [...(groups.get(b) ?? []), d]);
    }
    return { kind: 'ranking', ranking: [...groups.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]) };
  });
  return model;
}

/** A prisoner's dilemma as a gmcr-case/1 document (a fresh copy each call, so tests may mutate it). */
export function prisonersDilemmaCase() {
  return {
    format: 'gmcr-case/1',
    options: [
      { id: 0, name: 'Defect', dm: 0, reversibility: 'both' },
      { id: 1, name: 'Defect', dm: 1, reversibility: 'both' },
    ],
    decisionMakers: [
      { id: 0, name: 'A', options: [0] },
      { id: 1, name: 'B', options: [1] },
    ],
    infeasibleConditions: [] as unknown[],
    states: [0, 1, 2, 3].map((d) => ({ id: d, decimal: d })),
    preferences: [
      { dm: 0, ranking: [[1], [0], [3], [2]] },
      { dm: 1, ranking: [[2], [0], [3], [1]] },
    ],
  };
}

import { describe, expect, it } from 'vitest';
import { compileModel } from '../gmcr/compile';
import { analyzeStability } from '../gmcr/stability';
import { randomConflict } from '../gmcr/test-support';
import { CONCEPTS, type GmcrModel } from '../gmcr/types';
import { checkEngineContract, type EngineContract } from './engine-contract';

type Table = Record<string, number[][]>;

/** The GMCR stability engine under the shared contract: DMs are the actors. */
const gmcrContract: EngineContract<GmcrModel, Table> = {
  name: 'GMCR stability',
  generate: (rng) => randomConflict(rng.int(2 ** 31)),
  run: (model) => {
    const t = analyzeStability(compileModel(model), 'textbook');
    return Object.fromEntries(CONCEPTS.map((c) => [c, t[c].map((row) => Array.from(row))]));
  },
  actorCount: (model) => model.decisionMakers.length,
  // DM k moves to position perm[k]; its options keep their place in the option order.
  relabel: (model, perm) => {
    const order = perm.map((_, j) => perm.indexOf(j));
    return {
      ...model,
      options: model.options.map((o) => ({ ...o, dm: perm[o.dm]! })),
      decisionMakers: order.map((old) => model.decisionMakers[old]!),
      preferences: order.map((old) => model.preferences[old]!),
    };
  },
  restore: (table, perm) =>
    Object.fromEntries(Object.entries(table).map(([c, rows]) => [c, perm.map((to) => rows[to]!)])),
};

describe('engine contract: GMCR stability', () => {
  it('is deterministic and invariant under relabelling decision makers', () => {
    expect(checkEngineContract(gmcrContract, { runs: 25 })).toEqual([]);
  });
});

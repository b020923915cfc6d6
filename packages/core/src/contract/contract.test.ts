import { describe, expect, it } from 'vitest';
import { evaluatePackage } from '../scenario/evaluate-proposal';
import { buildScenarioModel, resolveTerms } from '../scenario/scenario-model';
import type { Scenario } from '../scenario/schema';
import { checkEngineContract, type EngineContract } from './engine-contract';
import { randomScenario, relabelScenario, restoreActorId } from './scenario-contract';

type Verdicts = { proposal: string; actor: string; utility: number; answer: string; redLines: string[] }[];

const sortVerdicts = (v: Verdicts) => [...v].sort((a, b) => (a.proposal + a.actor).localeCompare(b.proposal + b.actor));

/** Proposal evaluation as an engine under the shared contract. */
const evaluationContract: EngineContract<Scenario, Verdicts> = {
  name: 'proposal evaluation',
  generate: (rng) => randomScenario(rng),
  run: (scenario) => {
    const model = buildScenarioModel(scenario);
    return sortVerdicts(
      scenario.proposals.flatMap((p) =>
        evaluatePackage(model, resolveTerms(model, p.terms)).actors.map((a) => ({
          proposal: p.id,
          actor: a.actor,
          // Rounded: summation order may differ in the last bit, the verdict may not.
          utility: Math.round(a.utility * 1e9) / 1e9,
          answer: a.answer,
          redLines: a.redLinesBroken.map((r) => r.issue),
        })),
      ),
    );
  },
  actorCount: (s) => s.actors.length,
  relabel: relabelScenario,
  restore: (out, perm) => sortVerdicts(out.map((v) => ({ ...v, actor: restoreActorId(v.actor, perm) }))),
};

describe('engine contract', () => {
  it('proposal evaluation is deterministic and invariant under relabelling actors', () => {
    expect(checkEngineContract(evaluationContract, { runs: 30 })).toEqual([]);
  });

  it('the contract catches an engine that depends on actor order', () => {
    const broken: EngineContract<Scenario, Verdicts> = {
      ...evaluationContract,
      run: (s, rng) =>
        evaluationContract
          .run(s, rng)
          .map((v, i) => ({ ...v, utility: v.utility + (s.actors[0]!.id === v.actor ? i : 0) })),
    };
    expect(checkEngineContract(broken, { runs: 10 }).some((f) => f.property === 'relabelling')).toBe(true);
  });

  it('the contract catches an engine that ignores its seed', () => {
    let calls = 0;
    const broken: EngineContract<Scenario, Verdicts> = {
      ...evaluationContract,
      run: (s, rng) => evaluationContract.run(s, rng).map((v) => ({ ...v, utility: calls++ })),
    };
    expect(checkEngineContract(broken, { runs: 3 }).some((f) => f.property === 'determinism')).toBe(true);
  });
});

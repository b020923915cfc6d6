import { describe, expect, it } from 'vitest';
import { compileModel } from './compile';
import { allocateSimPlan, fillSimPlan, simFlagsInRange, simPlan } from './sim';
import { seqSanctionWorst, stabilityFor } from './stability';
import { mulberry32, syntheticModel } from './synthetic';
import { randomConflict } from './test-support';

const SEEDS = Array.from({ length: 80 }, (_, j) => 5000 + j);

/** Cut points splitting 0..m into `slices` ranges at random places (empty ranges allowed). */
function cuts(m: number, slices: number, rnd: () => number): number[] {
  const inner = Array.from({ length: slices - 1 }, () => rnd() % (m + 1)).sort((a, b) => a - b);
  return [0, ...inner, m];
}

describe('SIM and SEQ+SIM walked by ranges of states', () => {
  it('equal the one-call result on random conflicts, for 1, 2 and 3 slices', () => {
    const rnd = mulberry32(42);
    for (const seed of SEEDS) {
      const graph = compileModel(randomConflict(seed));
      const m = graph.stateCount;
      for (let dm = 0; dm < graph.payoffs.length; dm++) {
        const plan = simPlan(graph, dm);
        const sim = stabilityFor(graph, dm, 'sim', 'textbook');
        const seqsim = stabilityFor(graph, dm, 'seqsim', 'textbook');
        const seqWorst = seqSanctionWorst(graph, dm, 'textbook');
        for (const slices of [1, 2, 3]) {
          const at = cuts(m, slices, rnd);
          const bySim = new Uint8Array(m).fill(7);
          const bySeq = new Uint8Array(m).fill(7);
          for (let k = 0; k < slices; k++) {
            simFlagsInRange(graph, plan, null, at[k]!, at[k + 1]!, bySim);
            // Alternate slices with and without the SIM flags: a shortcut only, never a change of verdict.
            const knownStable = k % 2 === 0 ? sim : null;
            simFlagsInRange(graph, plan, { seqWorst, knownStable }, at[k]!, at[k + 1]!, bySeq);
          }
          const where = `seed ${seed} dm ${dm} cuts ${at.join(',')}`;
          expect(Array.from(bySim), `${where} sim`).toEqual(Array.from(sim));
          expect(Array.from(bySeq), `${where} seqsim`).toEqual(Array.from(seqsim));
        }
      }
    }
  });

  it('a plan in shared memory walked in uneven ranges gives the flags of a 2^12-state synthetic conflict', () => {
    const graph = compileModel(syntheticModel({ dms: 4, options: 12, seed: 3 }));
    const m = graph.stateCount;
    for (let dm = 0; dm < 4; dm++) {
      const plan = fillSimPlan(
        graph,
        allocateSimPlan(graph, dm, (bytes) => new SharedArrayBuffer(bytes)),
      );
      expect(plan.visit.buffer).toBeInstanceOf(SharedArrayBuffer);
      const flags = new Uint8Array(m);
      for (const [from, to] of [
        [0, 1],
        [1, 1000],
        [1000, m],
      ] as const)
        simFlagsInRange(graph, plan, null, from, to, flags);
      expect(Buffer.compare(flags, stabilityFor(graph, dm, 'sim', 'textbook')), `dm ${dm}`).toBe(0);
    }
  });
});

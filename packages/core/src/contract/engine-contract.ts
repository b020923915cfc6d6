import { createRandom, type SeededRandom } from '../random/seeded-random';

/**
 * What every engine must satisfy, stated once: the same seed gives the same answer, and
 * renaming or reordering the actors changes nothing but the labels.
 */
export interface EngineContract<Input, Output> {
  name: string;
  /** A small random input for the engine, drawn from the generator. */
  generate(rng: SeededRandom): Input;
  /** Runs the engine; randomness, if any, comes only from `rng`. */
  run(input: Input, rng: SeededRandom): Output;
  /** Number of actors (decision makers, parties) in an input. */
  actorCount(input: Input): number;
  /** The same input with actor k moved to position perm[k] (ids renamed too). */
  relabel(input: Input, perm: readonly number[]): Input;
  /** Maps an output of the relabelled input back to the original actors, for comparison. */
  restore(output: Output, perm: readonly number[]): Output;
}

/** A failed contract check, with what to reproduce it. */
export interface ContractFailure {
  engine: string;
  property: 'determinism' | 'relabelling';
  seed: number;
  detail: string;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v,
  );

/**
 * Checks determinism under a seed and invariance under relabelling actors on `runs` random inputs.
 * @example expect(checkEngineContract(contract, { runs: 20 })).toEqual([])
 */
export function checkEngineContract<I, O>(
  contract: EngineContract<I, O>,
  options: { runs?: number; seed?: number } = {},
): ContractFailure[] {
  const failures: ContractFailure[] = [];
  const runs = options.runs ?? 20;
  for (let r = 0; r < runs; r++) {
    const seed = (options.seed ?? 1) * 1000 + r;
    const input = contract.generate(createRandom(seed));
    const first = canonical(contract.run(input, createRandom(seed + 7)));
    const again = canonical(contract.run(input, createRandom(seed + 7)));
    if (first !== again)
      failures.push({ engine: contract.name, property: 'determinism', seed, detail: 'two runs with one seed differ' });
    const perm = createRandom(seed + 13).shuffle([...Array(contract.actorCount(input)).keys()]);
    const relabelled = canonical(
      contract.restore(contract.run(contract.relabel(input, perm), createRandom(seed + 7)), perm),
    );
    if (relabelled !== first)
      failures.push({
        engine: contract.name,
        property: 'relabelling',
        seed,
        detail: `permutation ${perm.join(',')} changes the result`,
      });
  }
  return failures;
}

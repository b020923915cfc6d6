import { EntenteError } from '../../errors';
import { buildModel, SMP_DEFAULTS, type SmpModel, type SmpState } from './model';
import { makeState, positionWinProb } from './state';
import { playTurn } from './turn';
import type { SmpInput, SmpMode, SmpMove, SmpOptions, SmpResult, SmpRound } from './types';

/** KTAB's stopping rule: at least 2 turns, at most 100, stop once a turn moves < 2 % of the first. */
const STOP = { minRounds: 2, maxRounds: 100, minDeltaRatio: 0.02, minSigDelta: 1e-4 } as const;

/**
 * Runs KTAB's Spatial Model of Politics on one issue set and returns the trajectory and forecasts.
 *
 * Issues where no utility depends on risk attitude — every actor's distance to every position is 0
 * or 1, e.g. every actor at 0 or 100 on a one-dimensional issue — make KTAB throw ("utility values
 * not in valid range"). Here they take their own path (`mode: 'dichotomous'`): no bargaining is
 * played; `final` is the capability×salience-weighted mean (the compromise model), and the PCE over
 * the positions gives `finalPceExpected` and `finalPceMode` (the coalition winner).
 * @example runSmp({ actors: ['a', 'b'], capability: Float64Array.of(1, 2), dimensions: ['d0'],
 *   positions: [Float64Array.of(20, 70)], salience: [Float64Array.of(0.5, 0.8)] }).final
 */
export function runSmp(input: SmpInput, options: SmpOptions = {}): SmpResult {
  checkInput(input);
  const params = { ...SMP_DEFAULTS, ...options.parameters };
  if (params.stateTransitions === 'stochastic' && !options.random) {
    throw new EntenteError(
      'INVALID_PARAMS',
      'Stochastic SMP transitions need a seeded random generator (options.random).',
    );
  }
  const maxRounds = options.maxRounds ?? STOP.maxRounds;
  const minRounds = options.minRounds ?? STOP.minRounds;
  const minDeltaRatio = options.minDeltaRatio ?? STOP.minDeltaRatio;
  const model = buildModel(input, params);
  const { n, dims } = model;
  const pos0 = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) pos0[i * dims + d] = input.positions[d]![i]! / 100.0;
  const first = makeState(model, pos0, pos0.slice());
  // Each round's record costs a PCE over the unique positions: skipped when only `final` is wanted.
  const record = options.finalOnly !== true;
  const rounds: SmpRound[] = record ? [toRound(model, first.state, 0, [], Number.NaN)] : [];
  if (!first.riskMatters) return finish(model, first.state, rounds, 'dichotomous', record);

  let state = first.state;
  let d01 = 0;
  for (let t = 1; t <= maxRounds; t++) {
    const { pos, moves } = playTurn(model, state, options.random);
    const next = makeState(model, pos, nextIdeals(model, state, pos)).state;
    const dxy = stateDistance(model, state.pos, pos);
    if (t === 1) d01 = dxy + STOP.minSigDelta;
    const ratio = dxy / d01;
    if (record) rounds.push(toRound(model, next, t, moves, ratio));
    state = next;
    if (t >= minRounds && ratio < minDeltaRatio) break;
  }
  return finish(model, state, rounds, 'bargaining', record);
}

function checkInput(input: SmpInput): void {
  const n = input.actors.length;
  const bad = (why: string): never => {
    throw new EntenteError('INVALID_PARAMS', `SMP input: ${why}.`);
  };
  if (input.capability.length !== n) bad(`${input.capability.length} capabilities for ${n} actors`);
  if (input.positions.length !== input.dimensions.length || input.salience.length !== input.dimensions.length) {
    bad('positions and saliences need one array per dimension');
  }
  if (input.dimensions.length === 0) bad('at least one dimension is needed');
  if (n < 2) bad('at least two actors are needed');
  for (const arr of [...input.positions, ...input.salience])
    if (arr.length !== n) bad(`every dimension needs ${n} values`);
  if (input.accommodation && input.accommodation.length !== n * n)
    bad(`the accommodation matrix needs ${n}×${n} entries`);
}

/** Ideals move toward the new positions by the accommodation matrix; identity = ideals are positions. */
function nextIdeals(model: SmpModel, state: SmpState, pos: Float64Array): Float64Array {
  const { n, dims, accommodation: a } = model;
  if (!a) return pos.slice();
  const ideal = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    let si = 0.0;
    const row = new Float64Array(dims);
    for (let j = 0; j < n; j++) {
      const aij = a[i * n + j]!;
      si = si + aij;
      for (let d = 0; d < dims; d++) row[d] = row[d]! + aij * pos[j * dims + d]!;
    }
    const lag = 1.0 - Math.min(1.0, si);
    for (let d = 0; d < dims; d++) ideal[i * dims + d] = row[d]! + lag * state.ideal[i * dims + d]!;
  }
  return ideal;
}

/** Σ_i ‖pos_i(t) − pos_i(t−1)‖ on [0, 1] (KTAB `stateDist`). */
function stateDistance(model: SmpModel, a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < model.n; i++) {
    let s = 0;
    for (let d = 0; d < model.dims; d++) {
      const x = a[i * model.dims + d]! - b[i * model.dims + d]!;
      s += x * x;
    }
    sum = sum + Math.sqrt(s);
  }
  return sum;
}

function perDimension(model: SmpModel, flat: Float64Array): Float64Array[] {
  const out: Float64Array[] = [];
  for (let d = 0; d < model.dims; d++) {
    const col = new Float64Array(model.n);
    for (let i = 0; i < model.n; i++) col[i] = flat[i * model.dims + d]! * 100;
    out.push(col);
  }
  return out;
}

function toRound(model: SmpModel, state: SmpState, t: number, moves: SmpMove[], deltaRatio: number): SmpRound {
  return {
    t,
    positions: perDimension(model, state.pos),
    ideals: perDimension(model, state.ideal),
    winProb: positionWinProb(model, state).perActor,
    moves,
    deltaRatio,
  };
}

/** The three single-number readings of the final state (KTAB itself prints none). */
function finish(model: SmpModel, state: SmpState, rounds: SmpRound[], mode: SmpMode, pce: boolean): SmpResult {
  const { n, dims, cap, sal } = model;
  const final = new Float64Array(dims);
  for (let d = 0; d < dims; d++) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      const w = cap[i]! * sal[i * dims + d]!;
      num += w * state.pos[i * dims + d]!;
      den += w;
    }
    let plain = 0;
    for (let i = 0; i < n; i++) plain += state.pos[i * dims + d]!;
    // No one weighs in on this dimension: fall back to the plain mean of positions.
    final[d] = 100 * (den > 0 ? num / den : plain / n);
  }
  if (!pce) {
    const none = new Float64Array(dims).fill(Number.NaN);
    return { mode, rounds, final, finalPceExpected: none, finalPceMode: none.slice() };
  }
  const { unique, probs } = positionWinProb(model, state);
  const finalPceExpected = new Float64Array(dims);
  let best = 0;
  for (let u = 0; u < unique.length; u++) {
    if (probs[u]! > probs[best]!) best = u;
    for (let d = 0; d < dims; d++)
      finalPceExpected[d] = finalPceExpected[d]! + probs[u]! * 100 * state.pos[unique[u]! * dims + d]!;
  }
  const finalPceMode = new Float64Array(dims);
  for (let d = 0; d < dims; d++) finalPceMode[d] = 100 * state.pos[unique[best]! * dims + d]!;
  return { mode, rounds, final, finalPceExpected, finalPceMode };
}

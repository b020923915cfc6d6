import type { SeededRandom } from '../../random';
import { type Bargain, interpolateBargain } from './bargain';
import { type ChallengeFn, challengeFn, perspectiveUtilities } from './challenge';
import { distanceFrom, type SmpModel, type SmpState } from './model';
import { scalarPce } from './pce';
import type { SmpMove } from './types';
import { estRisk, riskUtil } from './vote';

interface Scratch {
  challenge: ChallengeFn;
  u: Float64Array;
  out: Float64Array;
}

/** Smallest expected gain that makes a challenge worth initiating (KTAB `minSigEDU`). */
const MIN_SIGNIFICANT_GAIN = 1e-5;

function point(model: SmpModel, pos: Float64Array, i: number): Float64Array {
  return pos.slice(i * model.dims, (i + 1) * model.dims);
}

/** The bargains actor i initiates this turn: none, or the ones against its most profitable target. */
function initiate(model: SmpModel, state: SmpState, i: number, sc: Scratch): Bargain[] {
  const u = perspectiveUtilities(model, state, i, sc.u);
  let bestJ = -1;
  let bestP = 0;
  let bestGain = -1.0;
  for (let j = 0; j < model.n; j++) {
    if (j === i) continue;
    sc.challenge(u, i, j, sc.out);
    const gain = sc.out[1]!;
    if (MIN_SIGNIFICANT_GAIN < gain && bestGain < gain) {
      bestJ = j;
      bestP = sc.out[0]!;
      bestGain = gain;
    }
  }
  if (bestJ < 0) return [];
  const j = bestJ;
  const { params } = model;
  const posI = point(model, state.pos, i);
  const posJ = point(model, state.pos, j);
  const own = interpolateBargain(model, i, j, posI, posJ, bestP, 1 - bestP, params.interVecBrgn);
  if (params.bargnModel === 'init-only-interp') return [own];
  // j's version uses j's estimate of P(i beats j) (KTAB passes j's expected gain here: a bug not copied).
  sc.challenge(perspectiveUtilities(model, state, j, sc.u), i, j, sc.out);
  const pj = sc.out[0]!;
  const theirs = interpolateBargain(model, i, j, posI, posJ, pj, 1 - pj, params.interVecBrgn);
  if (params.bargnModel === 'init-rcvr-interp') return [own, theirs];
  // Average the two versions by each side's overall clout c·Σs (KTAB uses i's capability twice: not copied).
  const wi = model.cap[i]! * model.salSum[i]!;
  const wj = model.cap[j]! * model.salSum[j]!;
  const mix = (a: Float64Array, b: Float64Array): Float64Array => a.map((x, d) => (wi * x + wj * b[d]!) / (wi + wj));
  return [
    { initiator: i, target: j, posInit: mix(own.posInit, theirs.posInit), posRcvr: mix(own.posRcvr, theirs.posRcvr) },
  ];
}

/**
 * One SMP turn (KTAB `doBCN`): every actor initiates its best bargain, then every actor resolves
 * its queue (status quo, its own bargain, bargains aimed at it) by a PCE in which all actors vote
 * on the resulting states, and takes its side of the winner. Returns the new positions on [0, 1].
 */
export function playTurn(
  model: SmpModel,
  state: SmpState,
  random: SeededRandom | undefined,
): { pos: Float64Array; moves: SmpMove[] } {
  const { n, dims, params } = model;
  const sc: Scratch = { challenge: challengeFn(model), u: new Float64Array(n * n), out: new Float64Array(2) };
  const initiated: Bargain[][] = [];
  for (let i = 0; i < n; i++) initiated.push(initiate(model, state, i, sc));

  // own[m*n+x]: m's utility for x's current position, from m's own perspective.
  const own = new Float64Array(n * n);
  const ownRisk = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    ownRisk[m] = state.risk[m]!;
    const r = estRisk(state.risk[m]!, state.risk[m]!, params.bigRAdjust);
    for (let x = 0; x < n; x++) own[m * n + x] = riskUtil(state.vDiff[m * n + x]!, r);
  }

  // Every voter's utility for the status quo, and for each bargain's resulting state (positions
  // unchanged except the two principals'), averaged over the n positions (KTAB `brgnUtil`).
  const sqUtil = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    let sum = 0.0;
    for (let x = 0; x < n; x++) sum = sum + own[m * n + x]!;
    sqUtil[m] = sum / n;
  }
  const utilOf = new Map<Bargain, Float64Array>();
  for (const list of initiated) {
    for (const b of list) {
      const ub = new Float64Array(n);
      for (let m = 0; m < n; m++) {
        let avg = 0.0;
        avg = avg + riskUtil(distanceFrom(model, m, state.ideal, b.posInit, 0), ownRisk[m]!);
        avg = avg + riskUtil(distanceFrom(model, m, state.ideal, b.posRcvr, 0), ownRisk[m]!);
        for (let x = 0; x < n; x++) if (x !== b.initiator && x !== b.target) avg = avg + own[m * n + x]!;
        ub[m] = avg / n;
      }
      utilOf.set(b, ub);
    }
  }

  const pos = state.pos.slice();
  const moves: SmpMove[] = [];
  for (let k = 0; k < n; k++) {
    // Queue in a fixed order (status quo, then by initiator) so that exact ties resolve the same way every run.
    const queue: (Bargain | null)[] = [null];
    for (let i = 0; i < n; i++) for (const b of initiated[i]!) if (b.initiator === k || b.target === k) queue.push(b);
    const nb = queue.length;
    const u = new Float64Array(n * nb);
    for (let q = 0; q < nb; q++) {
      const b = queue[q]!;
      const ub = b === null ? sqUtil : utilOf.get(b)!;
      for (let m = 0; m < n; m++) u[m * nb + q] = ub[m]!;
    }
    const p = scalarPce(n, nb, model.cap, u, params.votingRule, params.victoryProbModel, params.pceModel);
    const chosen = params.stateTransitions === 'stochastic' ? draw(p, random) : argMax(p);
    const b = queue[chosen]!;
    if (b === null) {
      moves.push({ actor: k, initiator: k, target: k, statusQuo: true });
      continue;
    }
    const next = b.initiator === k ? b.posInit : b.posRcvr;
    let moved = false;
    for (let d = 0; d < dims; d++) {
      if (pos[k * dims + d] !== next[d]) moved = true;
      pos[k * dims + d] = next[d]!;
    }
    moves.push({ actor: k, initiator: b.initiator, target: b.target, statusQuo: !moved });
  }
  return { pos, moves };
}

function argMax(p: Float64Array): number {
  let best = 0;
  let max = -1.0;
  for (let i = 0; i < p.length; i++) {
    if (max < Math.abs(p[i]!)) {
      max = Math.abs(p[i]!);
      best = i;
    }
  }
  return best;
}

function draw(p: Float64Array, random: SeededRandom | undefined): number {
  // runSmp refuses a stochastic run without a generator, so `random` is set here.
  const x = random!.next();
  let sum = 0.0;
  for (let i = 0; i < p.length; i++) {
    sum = sum + p[i]!;
    if (x <= sum) return i;
  }
  return p.length - 1;
}

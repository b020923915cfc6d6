import type { SeededRandom } from '../../random';
import { type Bargain, interpolateBargain } from './bargain';
import { type ChallengeFn, challengeFn, perspectiveUtilities, riskEstimates } from './challenge';
import { distanceFrom, type SmpModel, type SmpState } from './model';
import { scalarPce } from './pce';
import type { SmpMove } from './types';
import { estRisk, riskUtil } from './vote';

interface Scratch {
  n: number;
  challenge: ChallengeFn;
  u: Float64Array;
  /** The initiator's estimates of every actor's risk attitude. */
  r: Float64Array;
  out: Float64Array;
  /** Per target: an upper bound of the initiator's gain, and whether it was tried. */
  bound: Float64Array;
  tried: Uint8Array;
  /** own[m*n+x], the status quo's and each bargain's utility per voter, one queue and its utilities. */
  own: Float64Array;
  sqUtil: Float64Array;
  bargainUtil: Float64Array;
  queue: Int32Array;
  queueUtil: Float64Array;
  /** The queue PCE's coalition and victory matrices (at most (2n + 1)² entries). */
  pce: { c: Float64Array; pv: Float64Array };
}

/** At most two bargains per initiator (`init-rcvr-interp`), so a queue holds at most 2n + 1 entries. */
function newScratch(n: number): Scratch {
  return {
    n,
    challenge: () => {},
    u: new Float64Array(n * n),
    r: new Float64Array(n),
    out: new Float64Array(2),
    bound: new Float64Array(n),
    tried: new Uint8Array(n),
    own: new Float64Array(n * n),
    sqUtil: new Float64Array(n),
    bargainUtil: new Float64Array(2 * n * n),
    queue: new Int32Array(2 * n + 1),
    queueUtil: new Float64Array(n * (2 * n + 1)),
    pce: { c: new Float64Array((2 * n + 1) ** 2), pv: new Float64Array((2 * n + 1) ** 2) },
  };
}

/** The last turn's buffers, reused by the next turn with as many actors. */
let scratch: Scratch | null = null;

/** Smallest expected gain that makes a challenge worth initiating (KTAB `minSigEDU`). */
const MIN_SIGNIFICANT_GAIN = 1e-5;

function point(model: SmpModel, pos: Float64Array, i: number): Float64Array {
  return pos.slice(i * model.dims, (i + 1) * model.dims);
}

/**
 * The bargains actor i initiates this turn: none, or the ones against its most profitable target.
 * i's gain against j is (u_ii − u_ij)(1 − 2 s_j φ_ji) with φ_ji ∈ [0, 1], so |u_ii − u_ij|·max(1, 2s_j − 1)
 * bounds it: targets are tried by decreasing bound and the search stops once no bound can beat the
 * best gain (same target as trying all in index order: ties still go to the lowest index).
 */
function initiate(model: SmpModel, state: SmpState, i: number, sc: Scratch): Bargain[] {
  const { n, salSum } = model;
  // Only the rows of i's utility matrix a challenge reads are filled: i's row, the diagonal, i's
  // column, then each tried target's row (the others would be O(n²) per initiator for nothing).
  // The utility expression (KTAB `bsUtil`, as in `perspectiveUtilities`) is written out: calls are
  // what a first, not yet optimised run pays most for.
  const { u, r, bound, tried } = sc;
  const { vDiff } = state;
  riskEstimates(model, state, i, r);
  const ri = r[i]!;
  for (let a = 0; a < n; a++) {
    const ra = r[a]!;
    let d = vDiff[a * n + i]!;
    u[i * n + a] = d <= 1 ? (1 - d) * (1 + d * ra) : (1 - d) * (1 + ra);
    d = vDiff[a * n + a]!;
    u[a * n + a] = d <= 1 ? (1 - d) * (1 + d * ra) : (1 - d) * (1 + ra);
    d = vDiff[i * n + a]!;
    u[a * n + i] = d <= 1 ? (1 - d) * (1 + d * ri) : (1 - d) * (1 + ri);
  }
  const uii = u[i * n + i]!;
  for (let j = 0; j < n; j++) {
    const dj = uii - u[j * n + i]!;
    const sj = salSum[j]!;
    // The margin covers the rounding of the gain's own evaluation (utilities are O(1); 1e-9 is far above it).
    const b = (dj >= 0 ? dj : -dj) * (2 * sj - 1 > 1 ? 2 * sj - 1 : 1) + 1e-9 * (1 + sj) * (1 + Math.abs(uii));
    bound[j] = b >= 0 ? b : Number.POSITIVE_INFINITY;
    tried[j] = j === i ? 1 : 0;
  }
  let bestJ = -1;
  let bestP = 0;
  let bestGain = -1.0;
  for (let step = 1; step < n; step++) {
    let j = -1;
    for (let k = 0; k < n; k++) if (tried[k] === 0 && (j < 0 || bound[k]! > bound[j]!)) j = k;
    if (j < 0 || !(bound[j]! > (bestGain > MIN_SIGNIFICANT_GAIN ? bestGain : MIN_SIGNIFICANT_GAIN))) break;
    tried[j] = 1;
    for (let a = 0; a < n; a++) {
      const d = vDiff[a * n + j]!;
      u[j * n + a] = d <= 1 ? (1 - d) * (1 + d * r[a]!) : (1 - d) * (1 + r[a]!);
    }
    sc.challenge(u, i, j, sc.out);
    const gain = sc.out[1]!;
    if (MIN_SIGNIFICANT_GAIN < gain && (bestGain < gain || (bestGain === gain && j < bestJ))) {
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
  // Buffers live as long as the actor count stays the same (a Monte-Carlo run plays many turns and draws).
  if (scratch?.n !== n) scratch = newScratch(n);
  const sc = scratch;
  sc.challenge = challengeFn(model);
  const initiated: Bargain[] = [];
  for (let i = 0; i < n; i++) for (const b of initiate(model, state, i, sc)) initiated.push(b);

  // own[m*n+x]: m's utility for x's current position, from m's own perspective.
  const { own, sqUtil, bargainUtil, queue, queueUtil } = sc;
  for (let m = 0; m < n; m++) {
    const r = estRisk(state.risk[m]!, state.risk[m]!, params.bigRAdjust);
    for (let x = 0; x < n; x++) own[m * n + x] = riskUtil(state.vDiff[m * n + x]!, r);
  }

  // Every voter's utility for the status quo, and for each bargain's resulting state (positions
  // unchanged except the two principals'), averaged over the n positions (KTAB `brgnUtil`).
  for (let m = 0; m < n; m++) {
    let sum = 0.0;
    for (let x = 0; x < n; x++) sum = sum + own[m * n + x]!;
    sqUtil[m] = sum / n;
  }
  // bargainUtil[q*n+m]: voter m's utility for the state after bargain q (in `initiated` order).
  for (let q = 0; q < initiated.length; q++) {
    const b = initiated[q]!;
    const lo = Math.min(b.initiator, b.target);
    const hi = Math.max(b.initiator, b.target);
    for (let m = 0; m < n; m++) {
      const rm = state.risk[m]!;
      let avg = 0.0;
      avg = avg + riskUtil(distanceFrom(model, m, state.ideal, b.posInit, 0), rm);
      avg = avg + riskUtil(distanceFrom(model, m, state.ideal, b.posRcvr, 0), rm);
      // The other positions in index order, the two principals skipped without a test per term.
      for (let x = 0; x < lo; x++) avg = avg + own[m * n + x]!;
      for (let x = lo + 1; x < hi; x++) avg = avg + own[m * n + x]!;
      for (let x = hi + 1; x < n; x++) avg = avg + own[m * n + x]!;
      bargainUtil[q * n + m] = avg / n;
    }
  }

  const pos = state.pos.slice();
  const moves: SmpMove[] = [];
  for (let k = 0; k < n; k++) {
    // Queue in a fixed order (status quo = −1, then by initiator) so that exact ties resolve the same way every run.
    let nb = 0;
    queue[nb++] = -1;
    for (let q = 0; q < initiated.length; q++) {
      const b = initiated[q]!;
      if (b.initiator === k || b.target === k) queue[nb++] = q;
    }
    const u = queueUtil;
    for (let q = 0; q < nb; q++) {
      const at = queue[q]!;
      for (let m = 0; m < n; m++) u[m * nb + q] = at < 0 ? sqUtil[m]! : bargainUtil[at * n + m]!;
    }
    const p = scalarPce(n, nb, model.cap, u, params.votingRule, params.victoryProbModel, params.pceModel, sc.pce);
    const chosen = params.stateTransitions === 'stochastic' ? draw(p, random) : argMax(p);
    const b = queue[chosen]! < 0 ? null : initiated[queue[chosen]!]!;
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

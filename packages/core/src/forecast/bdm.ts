import { sortedOrder, weightedMean, weightedMedian } from './baselines';

/**
 * Bueno de Mesquita's expected-utility challenge model in Scholz et al.'s (2011) reading (NOTES §3.2).
 * Every place where the published description leaves a choice is a named parameter; the defaults are
 * the literal Scholz reading.
 */
export interface BdmParameters {
  /** Probability of the status quo when i does not challenge (Scholz: 1; 0.5 is the other published value). */
  q: number;
  /** `dynamic`: R = spread of the current positions (Scholz); `fixed`: the dimension's scale. */
  range: 'dynamic' | 'fixed';
  /** Security of i: `column` = Σ_j E^j(U_ji), what others expect from challenging i (Scholz, BDM 1985); `row` = Σ_j E^i(U_ij). */
  security: 'column' | 'row';
  /** Both sides expect to gain: `loser-moves` (the one with the smaller EU adopts the other's position) or `no-move`. */
  conflict: 'loser-moves' | 'no-move';
  /** Which offer an actor accepts: `most-enforceable` (largest challenger EU, then smallest move) or `least-move`. */
  selection: 'most-enforceable' | 'least-move';
  /** `scholz`: P = Σ max(a_k,0) / Σ|a_k|; `net`: P = max(Σ a_k, 0) / Σ|a_k| (the dmasad variant). */
  winProbability: 'scholz' | 'net';
  /** The forecast read from the final round: the weighted median μ (BDM, Scholz) or the weighted mean. */
  forecast: 'median' | 'mean';
  /** Rounds played at most (Scholz's Table 2 reports 8); the run stops earlier once nobody moves. */
  rounds: number;
  /**
   * Also stop once μ has stayed the same for this many consecutive rounds (BDM 1994: the outcome
   * "stabilizes"); 0 turns the stop off and plays every round.
   */
  stableRounds: number;
}

export const BDM_DEFAULTS: BdmParameters = {
  q: 1,
  range: 'dynamic',
  security: 'column',
  conflict: 'no-move',
  selection: 'most-enforceable',
  winProbability: 'scholz',
  forecast: 'median',
  rounds: 8,
  stableRounds: 2,
};

export type BdmMoveKind = 'confrontation' | 'compromise' | 'capitulation';

/** One actor's move in one round and the challenge that caused it. */
export interface BdmMove {
  /** Index of the actor that moved (into the actors). */
  actor: number;
  /** The challenger whose offer it accepted. */
  by: number;
  kind: BdmMoveKind;
  from: number;
  to: number;
}

export interface BdmResult {
  /** positions per round; rounds[0] is the input. */
  rounds: Float64Array[];
  /** Weighted median μ per round (index as `rounds`). */
  medians: number[];
  /** Capability×salience-weighted mean per round. */
  means: number[];
  /** moves[t-1]: the moves that produced rounds[t]. */
  moves: BdmMove[][];
  forecast: number;
  /** True when the run stopped because nobody moved. */
  converged: boolean;
}

/** The quantities of one round, exposed for the formula fixtures. */
export interface BdmRoundQuantities {
  range: number;
  median: number;
  /** P[i*n+j]: probability that i beats j. */
  winProb: Float64Array;
  /** Security sums with r = 1. */
  security: Float64Array;
  riskR: Float64Array;
  riskExponent: Float64Array;
  /** eu[i*n+j]: E^i(U_ij) with the risk exponents. */
  eu: Float64Array;
}

/** Buffers for one run, reused across rounds (the Monte-Carlo loop calls this model many times). */
class Workspace {
  readonly xs: Float64Array;
  readonly W: Float64Array;
  readonly WX: Float64Array;
  readonly winProb: Float64Array;
  readonly eu1: Float64Array;
  readonly eu: Float64Array;
  readonly lnNear: Float64Array;
  readonly lnFar: Float64Array;
  readonly security: Float64Array;
  readonly riskR: Float64Array;
  readonly riskExponent: Float64Array;
  readonly above: Int32Array;
  readonly atOrAbove: Int32Array;
  /** Sort orders: by (position, weight, salience) for a round, by (position, weight) for its summary. */
  readonly order: Int32Array;
  readonly summaryOrder: Int32Array;
  /** Per run: weights c·s, the current and next positions, and the best offer per target. */
  readonly w: Float64Array;
  readonly x: Float64Array;
  readonly next: Float64Array;
  readonly bestTo: Float64Array;
  readonly bestEu: Float64Array;
  readonly bestBy: Int32Array;
  readonly bestKind: Int8Array;
  constructor(readonly n: number) {
    this.order = new Int32Array(n);
    this.summaryOrder = new Int32Array(n);
    this.w = new Float64Array(n);
    this.x = new Float64Array(n);
    this.next = new Float64Array(n);
    this.bestTo = new Float64Array(n);
    this.bestEu = new Float64Array(n);
    this.bestBy = new Int32Array(n);
    this.bestKind = new Int8Array(n);
    this.above = new Int32Array(n);
    this.atOrAbove = new Int32Array(n);
    this.xs = new Float64Array(n);
    this.W = new Float64Array(n + 1);
    this.WX = new Float64Array(n + 1);
    this.winProb = new Float64Array(n * n);
    this.eu1 = new Float64Array(n * n);
    this.eu = new Float64Array(n * n);
    this.lnNear = new Float64Array(n * n);
    this.lnFar = new Float64Array(n * n);
    this.security = new Float64Array(n);
    this.riskR = new Float64Array(n);
    this.riskExponent = new Float64Array(n);
  }
}

/**
 * Win probabilities of every pair in O(n²): actors sorted by position with prefix sums of w and w·x
 * give each pair's Σ max(a_k, 0) and Σ max(−a_k, 0) without a third loop; the midpoint bounds only
 * move right as the pair's upper actor does, so two pointers replace the binary searches.
 */
function winProbabilities(x: Float64Array, w: Float64Array, order: Int32Array, net: boolean, ws: Workspace): void {
  const { n, xs, W, WX, above, atOrAbove } = ws;
  const out = ws.winProb;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    xs[k] = x[i]!;
    W[k + 1] = W[k]! + w[i]!;
    WX[k + 1] = WX[k]! + w[i]! * x[i]!;
    out[i * n + i] = 0;
  }
  // above[k]: first sorted index with a position > xs[k]; atOrAbove[k]: first with a position ≥ xs[k].
  for (let k = 0; k < n; k++) atOrAbove[k] = k > 0 && xs[k - 1] === xs[k] ? atOrAbove[k - 1]! : k;
  for (let k = n - 1; k >= 0; k--) above[k] = k < n - 1 && xs[k + 1] === xs[k] ? above[k + 1]! : k + 1;
  for (let k = 0; k < n; k++) {
    const lo = xs[k]!;
    const i = order[k]!;
    const aLo = above[k]!;
    let bMid = k;
    let aMid = k;
    for (let l = k + 1; l < n; l++) {
      const hi = xs[l]!;
      const j = order[l]!;
      if (hi === lo) {
        out[i * n + j] = 0;
        out[j * n + i] = 0;
        continue;
      }
      const m = (lo + hi) / 2;
      const gap = hi - lo;
      while (bMid < n && xs[bMid]! < m) bMid++;
      while (aMid < n && xs[aMid]! <= m) aMid++;
      const bHi = atOrAbove[l]!;
      // Actors at or below lo side fully with lo; between lo and the midpoint partly; mirror for hi.
      const forLo = gap * W[aLo]! + (lo + hi) * (W[bMid]! - W[aLo]!) - 2 * (WX[bMid]! - WX[aLo]!);
      const forHi = gap * (W[n]! - W[bHi]!) + 2 * (WX[bHi]! - WX[aMid]!) - (lo + hi) * (W[bHi]! - W[aMid]!);
      const total = forLo + forHi;
      let pLo: number;
      let pHi: number;
      if (!(total > 0)) {
        pLo = 0.5;
        pHi = 0.5;
      } else if (net) {
        pLo = Math.max(forLo - forHi, 0) / total;
        pHi = Math.max(forHi - forLo, 0) / total;
      } else {
        pLo = forLo / total;
        pHi = forHi / total;
      }
      out[i * n + j] = pLo;
      out[j * n + i] = pHi;
    }
  }
}

/**
 * E^i(U_ij) for every ordered pair with risk exponents r (null: r = 1). With Q = 1 the utilities
 * reduce to h_i[(1 − s_j(1−P))(1 − (1−d)^r) + s_j(1−P)(1 − (1+d)^r)], h_i = 4·0.5^r_i, computed
 * from logarithms cached per pair in the r = 1 pass; other Q use Scholz's full expression.
 */
function expectedUtilities(
  x: Float64Array,
  s: Float64Array,
  r: Float64Array | null,
  range: number,
  mu: number,
  q: number,
  ws: Workspace,
  out: Float64Array,
): void {
  if (q === 1) {
    if (r === null) riskNeutralUtilities(x, s, range, ws, out);
    else riskUtilities(s, r, ws, out);
    return;
  }
  const { n, winProb: P } = ws;
  for (let i = 0; i < n; i++) {
    const ri = r ? r[i]! : 1;
    const dMu = Math.abs(x[i]! - mu) / range;
    const h = 4 * 0.5 ** ri;
    for (let j = 0; j < n; j++) {
      const ij = i * n + j;
      if (i === j) {
        out[ij] = 0;
        continue;
      }
      const dist = Math.abs(x[i]! - x[j]!);
      const d = dist / range;
      const p = P[ij]!;
      const sj = s[j]!;
      const uSq = 2 - h;
      const uS = 2 - 4 * Math.max(0, 0.5 - 0.5 * d) ** ri;
      const uF = 2 - 4 * (0.5 + 0.5 * d) ** ri;
      const t = Math.abs(x[i]! - mu) < dist ? 1 : 0;
      const uB = 2 - 4 * Math.max(0, 0.5 - 0.25 * (dMu + d)) ** ri;
      const uW = 2 - 4 * (0.5 + 0.25 * (dMu + d)) ** ri;
      const noChallenge = q * uSq + (1 - q) * (t * uB + (1 - t) * uW);
      out[ij] = sj * (p * uS + (1 - p) * uF) + (1 - sj) * uS - noChallenge;
    }
  }
}

/** The Q = 1, r = 1 pass: 2d(1 − 2 s_j(1−P)), and each pair's log(1 − d), log(1 + d) for the risk pass. */
function riskNeutralUtilities(x: Float64Array, s: Float64Array, range: number, ws: Workspace, out: Float64Array): void {
  const { n, winProb: P, lnNear, lnFar } = ws;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const si = s[i]!;
    const row = i * n;
    out[row + i] = 0;
    // d is symmetric in (i, j) (|a − b| = |b − a| exactly): each pair's d and logarithms are taken once and mirrored.
    for (let j = i + 1; j < n; j++) {
      const ij = row + j;
      const ji = j * n + i;
      const d = Math.abs(xi - x[j]!) / range;
      out[ij] = 2 * d * (1 - 2 * (s[j]! * (1 - P[ij]!)));
      out[ji] = 2 * d * (1 - 2 * (si * (1 - P[ji]!)));
      const near = Math.log(Math.max(0, 1 - d));
      const far = Math.log(1 + d);
      lnNear[ij] = near;
      lnFar[ij] = far;
      lnNear[ji] = near;
      lnFar[ji] = far;
    }
  }
}

/** The Q = 1 pass with risk exponents: two `exp` per ordered pair from the cached logarithms. */
function riskUtilities(s: Float64Array, r: Float64Array, ws: Workspace, out: Float64Array): void {
  const { n, winProb: P, lnNear, lnFar } = ws;
  for (let i = 0; i < n; i++) {
    const ri = r[i]!;
    const h = 4 * 0.5 ** ri;
    const row = i * n;
    out[row + i] = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const ij = row + j;
      const lose = s[j]! * (1 - P[ij]!);
      out[ij] = h * ((1 - lose) * (1 - Math.exp(ri * lnNear[ij]!)) + lose * (1 - Math.exp(ri * lnFar[ij]!)));
    }
  }
}

/** One round's quantities into the workspace; returns the range and μ. */
function computeRound(
  x: Float64Array,
  s: Float64Array,
  w: Float64Array,
  params: BdmParameters,
  scale: { min: number; max: number },
  ws: Workspace,
): { range: number; median: number } {
  const n = x.length;
  const order = sortedOrder(x, w, s, ws.order);
  const range = params.range === 'fixed' ? scale.max - scale.min : x[order[n - 1]!]! - x[order[0]!]!;
  const median = weightedMedian(x, w, order);
  if (!(range > 0)) return { range, median };
  winProbabilities(x, w, order, params.winProbability === 'net', ws);
  expectedUtilities(x, s, null, range, median, params.q, ws, ws.eu1);
  const { eu1, security, riskR, riskExponent } = ws;
  let sMax = Number.NEGATIVE_INFINITY;
  let sMin = Number.POSITIVE_INFINITY;
  // E^j(U_ji) sits at j·n + i (column sums), E^i(U_ij) at i·n + j (row sums): one stride choice per round.
  const column = params.security === 'column';
  const rowStep = column ? 1 : n;
  const colStep = column ? n : 1;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const base = i * rowStep;
    // Summed in (position, weight, salience) order: the same bits whatever order the actors came in.
    for (let k = 0; k < n; k++) {
      const j = order[k]!;
      if (j !== i) sum += eu1[base + j * colStep]!;
    }
    security[i] = sum;
    if (sum > sMax) sMax = sum;
    if (sum < sMin) sMin = sum;
  }
  for (let i = 0; i < n; i++) {
    // Equal security everywhere leaves every actor risk-neutral rather than dividing by zero.
    const R = sMax - sMin > 1e-12 ? (2 * security[i]! - sMax - sMin) / (sMax - sMin) : 0;
    riskR[i] = R;
    riskExponent[i] = (1 - R / 3) / (1 + R / 3);
  }
  expectedUtilities(x, s, riskExponent, range, median, params.q, ws, ws.eu);
  return { range, median };
}

/** Computes one round's win probabilities, security, risk attitudes and challenge EUs. */
export function bdmRoundQuantities(
  x: Float64Array,
  c: Float64Array,
  s: Float64Array,
  params: BdmParameters,
  scale: { min: number; max: number },
): BdmRoundQuantities {
  const ws = new Workspace(x.length);
  const w = Float64Array.from(c, (ci, i) => ci * s[i]!);
  const { range, median } = computeRound(x, s, w, params, scale, ws);
  return {
    range,
    median,
    winProb: ws.winProb,
    security: ws.security,
    riskR: ws.riskR,
    riskExponent: ws.riskExponent,
    eu: ws.eu,
  };
}

const KINDS: BdmMoveKind[] = ['confrontation', 'compromise', 'capitulation'];

/** The last workspace, reused by the next run of the same size (Monte-Carlo draws of one issue). */
let shared: Workspace | null = null;

/**
 * Plays the challenge model on one issue; positions, capabilities and saliences (0–1) per actor.
 * With `record = false` (the Monte-Carlo path) only the forecast, medians and means are kept: no
 * per-round position arrays, no move records.
 */
export function runBdm(
  x0: Float64Array,
  c: Float64Array,
  s: Float64Array,
  scale: { min: number; max: number },
  parameters: Partial<BdmParameters> = {},
  record = true,
): BdmResult {
  const params = { ...BDM_DEFAULTS, ...parameters };
  const n = x0.length;
  if (shared?.n !== n) shared = new Workspace(n);
  const ws = shared;
  // Every per-run buffer comes from the workspace: the Monte-Carlo path allocates almost nothing per run.
  const w = ws.w;
  for (let i = 0; i < n; i++) w[i] = c[i]! * s[i]!;
  const summary = (x: Float64Array) => {
    const order = sortedOrder(x, w, undefined, ws.summaryOrder);
    return { median: weightedMedian(x, w, order), mean: weightedMean(x, w, order) };
  };
  const first = summary(x0);
  const rounds: Float64Array[] = [Float64Array.from(x0)];
  const medians = [first.median];
  const means = [first.mean];
  const moves: BdmMove[][] = [];
  let x = record ? Float64Array.from(x0) : ws.x;
  if (!record) x.set(x0);
  let converged = false;
  let spare = ws.next;
  // The best offer per target so far: new position, challenger, its EU and the kind of move.
  const { bestTo, bestEu, bestBy, bestKind } = ws;
  const mostEnforceable = params.selection === 'most-enforceable';
  const offer = (target: number, by: number, to: number, e: number, kind: number) => {
    const k = bestBy[target]!;
    if (k >= 0) {
      const from = x[target]!;
      const ma = Math.abs(to - from);
      const mb = Math.abs(bestTo[target]! - from);
      const eb = bestEu[target]!;
      let better: boolean;
      if (mostEnforceable ? e !== eb : ma !== mb) better = mostEnforceable ? e > eb : ma < mb;
      else if (mostEnforceable ? ma !== mb : e !== eb) better = mostEnforceable ? ma < mb : e > eb;
      // Exact ties: the offer further left, then the challenger by (position, weight, salience), then index.
      else if (to !== bestTo[target]) better = to < bestTo[target]!;
      else if (x[by] !== x[k]) better = x[by]! < x[k]!;
      else if (w[by] !== w[k]) better = w[by]! < w[k]!;
      else if (s[by] !== s[k]) better = s[by]! < s[k]!;
      else better = by < k;
      if (!better) return;
    }
    bestTo[target] = to;
    bestEu[target] = e;
    bestBy[target] = by;
    bestKind[target] = kind;
  };
  for (let t = 1; t <= params.rounds; t++) {
    if (n < 2) {
      converged = true;
      break;
    }
    const q = computeRound(x, s, w, params, scale, ws);
    if (!(q.range > 0)) {
      converged = true;
      break;
    }
    bestBy.fill(-1);
    const eu = ws.eu;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        if (x[i] === x[j]) continue;
        const a = eu[i * n + j]!;
        const b = eu[j * n + i]!;
        if (a > 0 && b > 0) {
          if (params.conflict === 'no-move' || a === b) continue;
          if (a > b) offer(j, i, x[i]!, a, 0);
          else offer(i, j, x[j]!, b, 0);
        } else if (a > 0 && b < 0) {
          if (a > -b) offer(j, i, x[j]! + (x[i]! - x[j]!) * (-b / a), a, 1);
          else offer(j, i, x[i]!, a, 2);
        } else if (a < 0 && b > 0) {
          if (b > -a) offer(i, j, x[i]! + (x[j]! - x[i]!) * (-a / b), b, 1);
          else offer(i, j, x[j]!, b, 2);
        }
      }
    const next = record ? Float64Array.from(x) : spare;
    if (!record) next.set(x);
    const roundMoves: BdmMove[] = [];
    let moved = 0;
    for (let k = 0; k < n; k++) {
      if (bestBy[k]! < 0 || bestTo[k] === x[k]) continue;
      next[k] = bestTo[k]!;
      moved++;
      if (record)
        roundMoves.push({ actor: k, by: bestBy[k]!, kind: KINDS[bestKind[k]!]!, from: x[k]!, to: bestTo[k]! });
    }
    if (moved === 0) {
      // Nobody moves, so every later round would repeat this state: stopping changes nothing.
      converged = true;
      break;
    }
    if (!record) spare = x;
    x = next;
    const sum = summary(x);
    if (record) {
      rounds.push(x);
      moves.push(roundMoves);
    }
    medians.push(sum.median);
    means.push(sum.mean);
    const m = medians.length - 1;
    if (params.stableRounds > 0 && m > params.stableRounds) {
      let stable = true;
      for (let k = 1; k <= params.stableRounds; k++) if (medians[m - k] !== medians[m]) stable = false;
      if (stable) break;
    }
  }
  const last = medians.length - 1;
  return {
    rounds,
    medians,
    means,
    moves,
    forecast: params.forecast === 'median' ? medians[last]! : means[last]!,
    converged,
  };
}

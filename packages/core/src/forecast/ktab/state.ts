import { distanceFrom, type SmpModel, type SmpState } from './model';
import { probCondorcet, scalarPce } from './pce';
import { bigRFromProb, coalitions, estRisk, riskUtil } from './vote';

/** Positions closer than this (Euclidean, on [0, 1]) are one position: 0.1 on 0–100, as in KTAB. */
const POSITION_TOLERANCE = 1e-3;

/** makeState's scratch matrices for n actors. */
let buffers: { n: number; rn: Float64Array; c: Float64Array; pv: Float64Array } | null = null;

/**
 * Derives a state's distances and risk attitudes from its positions and ideals (KTAB
 * `setAllAUtil`): a risk-neutral PCE over every actor's position, mapped to R ∈ [−1, 1].
 * `riskMatters` is false when no utility depends on R (every distance 0 or 1), where KTAB throws.
 */
export function makeState(
  model: SmpModel,
  pos: Float64Array,
  ideal: Float64Array,
): { state: SmpState; riskMatters: boolean } {
  const { n, params } = model;
  const vDiff = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) vDiff[i * n + j] = distanceFrom(model, i, ideal, pos, j * model.dims);
  // The risk-neutral utilities and the PCE's matrices are only needed here: buffers reused while n stays.
  if (buffers?.n !== n)
    buffers = { n, rn: new Float64Array(n * n), c: new Float64Array(n * n), pv: new Float64Array(n * n) };
  const { rn } = buffers;
  for (let k = 0; k < n * n; k++) rn[k] = riskUtil(vDiff[k]!, 0);
  const c = coalitions(params.votingRule, model.cap, rn, n, n, buffers.c);
  const p = probCondorcet(params.pceModel, params.victoryProbModel, c, n, buffers.pv);
  const risk = bigRFromProb(p, params.bigRRange);
  let sq = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = rn[i * n + j]! - riskUtil(vDiff[i * n + j]!, risk[i]!);
      sq = sq + d * d;
    }
  }
  return { state: { pos, ideal, vDiff, risk }, riskMatters: Math.sqrt(sq) > 1e-6 };
}

/** Indices of the first actor holding each distinct position, and each actor's group (KTAB `ueIndices`). */
function uniquePositions(model: SmpModel, pos: Float64Array): { unique: number[]; equiv: (i: number) => number } {
  const { n, dims } = model;
  const same = (a: number, b: number): boolean => {
    let s = 0;
    for (let d = 0; d < dims; d++) {
      const x = pos[a * dims + d]! - pos[b * dims + d]!;
      s += x * x;
    }
    return Math.sqrt(s) < POSITION_TOLERANCE;
  };
  const unique: number[] = [];
  for (let i = 0; i < n; i++) if (!unique.some((u) => same(i, u))) unique.push(i);
  // KTAB keeps the last matching unique position (equivalence need not be transitive).
  const equiv = (i: number): number => {
    let k = -1;
    for (let u = 0; u < unique.length; u++) if (same(i, unique[u]!)) k = u;
    return k;
  };
  return { unique, equiv };
}

/**
 * Probability that each unique position wins the PCE, every actor voting with its own risk-aware
 * utilities and its capability (KTAB `pDist(-1)`).
 */
export function positionWinProb(
  model: SmpModel,
  state: SmpState,
): { unique: number[]; probs: Float64Array; perActor: Float64Array } {
  const { n, params } = model;
  const { unique, equiv } = uniquePositions(model, state.pos);
  const nu = unique.length;
  const u = new Float64Array(n * nu);
  for (let i = 0; i < n; i++) {
    const r = estRisk(state.risk[i]!, state.risk[i]!, params.bigRAdjust);
    for (let j = 0; j < nu; j++) u[i * nu + j] = riskUtil(state.vDiff[i * n + unique[j]!]!, r);
  }
  const probs = scalarPce(n, nu, model.cap, u, params.votingRule, params.victoryProbModel, params.pceModel);
  const perActor = new Float64Array(n);
  for (let i = 0; i < n; i++) perActor[i] = probs[equiv(i)]!;
  return { unique, probs, perActor };
}

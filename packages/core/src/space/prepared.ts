import { EntenteError } from '../errors';
import type { AdditiveSpace, SpaceParty } from './types';

/**
 * Internal, validated form of a space: float contributions for speed, an exact BigInt shadow for
 * deciding near-ties, mixed-radix strides, and the options no party forbids.
 */
export interface PreparedParty {
  id: string;
  /** Float contributions per issue per option. */
  f: Float64Array[];
  /** Exact numerators per issue per option, over `den`. */
  n: bigint[][];
  den: bigint;
  reservationF: number;
  reservationN: bigint;
  /** Infinity when uncapped. */
  capF: number;
  capN: bigint | null;
  /** Float differences within `tol` are decided exactly. */
  tol: number;
  forbidden: Uint8Array[] | null;
  /** Per issue: the largest and smallest float contribution over the jointly allowed options. */
  maxF: Float64Array;
  minF: Float64Array;
}

export interface PreparedSpace {
  space: AdditiveSpace;
  radices: number[];
  /** stride[i] = product of radices after issue i. */
  strides: number[];
  total: number;
  parties: PreparedParty[];
  /** Per issue: the options no party forbids, ascending. */
  allowed: number[][];
}

/** Grid used when a party has no exact shadow: contributions are multiples of 1e-12. */
export const DEFAULT_GRID_DIGITS = 12;
const GRID = 10n ** BigInt(DEFAULT_GRID_DIGITS);
const GRID_F = 10 ** DEFAULT_GRID_DIGITS;

function invalid(message: string, path: (string | number)[]): never {
  throw new EntenteError('SPACE_INVALID', message, {
    issues: [{ code: 'SPACE_INVALID', path, message, severity: 'error' }],
  });
}

function toGrid(x: number): bigint {
  return BigInt(Math.round(x * GRID_F));
}

/** Validates a space and builds its prepared form (exact shadow on a 1e-12 grid unless given). */
export function prepareSpace(space: AdditiveSpace): PreparedSpace {
  const m = space.issues.length;
  if (m === 0) invalid('The space has no issues: add at least one issue with options.', ['issues']);
  if (space.parties.length === 0) invalid('The space has no parties: add at least one party.', ['parties']);
  const radices = space.issues.map((issue, i) => {
    if (issue.options.length === 0) invalid(`Issue "${issue.id}" has no options.`, ['issues', i, 'options']);
    if (!(issue.statusQuo >= 0 && issue.statusQuo < issue.options.length && Number.isInteger(issue.statusQuo)))
      invalid(`Issue "${issue.id}" has a status quo outside its options.`, ['issues', i, 'statusQuo']);
    return issue.options.length;
  });
  const strides = new Array<number>(m).fill(1);
  let total = 1;
  for (let i = m - 1; i >= 0; i--) {
    strides[i] = total;
    total *= radices[i]!;
  }
  if (total > Number.MAX_SAFE_INTEGER)
    invalid('The space has more than 2^53 outcomes: split it into smaller spaces.', ['issues']);
  const seen = new Set<string>();
  const parties = space.parties.map((party, pi) => {
    if (seen.has(party.id)) invalid(`Two parties share the id "${party.id}".`, ['parties', pi, 'id']);
    seen.add(party.id);
    return prepareParty(party, pi, radices);
  });
  const allowed = radices.map((r, i) => {
    const list: number[] = [];
    for (let o = 0; o < r; o++) if (!parties.some((p) => p.forbidden?.[i]?.[o] === 1)) list.push(o);
    return list;
  });
  for (const p of parties) {
    for (let i = 0; i < m; i++) {
      let hi = Number.NEGATIVE_INFINITY;
      let lo = Number.POSITIVE_INFINITY;
      for (const o of allowed[i]!.length > 0 ? allowed[i]! : [...Array(radices[i]).keys()]) {
        const v = p.f[i]![o]!;
        if (v > hi) hi = v;
        if (v < lo) lo = v;
      }
      p.maxF[i] = hi;
      p.minF[i] = lo;
    }
  }
  return { space, radices, strides, total, parties, allowed };
}

function prepareParty(party: SpaceParty, pi: number, radices: number[]): PreparedParty {
  const m = radices.length;
  if (party.contributions.length !== m)
    invalid(`Party "${party.id}" has ${party.contributions.length} contribution tables for ${m} issues.`, [
      'parties',
      pi,
      'contributions',
    ]);
  let scale = 0;
  party.contributions.forEach((row, i) => {
    if (row.length !== radices[i])
      invalid(`Party "${party.id}" gives ${row.length} contributions for the ${radices[i]} options of issue ${i}.`, [
        'parties',
        pi,
        'contributions',
        i,
      ]);
    let rowMax = 0;
    for (const v of row) {
      if (!Number.isFinite(v))
        invalid(`Party "${party.id}" has a non-finite contribution on issue ${i}.`, [
          'parties',
          pi,
          'contributions',
          i,
        ]);
      rowMax = Math.max(rowMax, Math.abs(v));
    }
    scale += rowMax;
  });
  if (!Number.isFinite(party.reservation))
    invalid(`Party "${party.id}" has a non-finite reservation.`, ['parties', pi, 'reservation']);
  if (party.forbidden) {
    if (party.forbidden.length !== m)
      invalid(`Party "${party.id}" has red-line tables for ${party.forbidden.length} of ${m} issues.`, [
        'parties',
        pi,
        'forbidden',
      ]);
    party.forbidden.forEach((row, i) => {
      if (row.length !== radices[i])
        invalid(`Party "${party.id}" has a red-line table of the wrong length on issue ${i}.`, [
          'parties',
          pi,
          'forbidden',
          i,
        ]);
    });
  }
  let n: bigint[][];
  let den: bigint;
  let reservationN: bigint;
  let capN: bigint | null = null;
  const ex = party.exact;
  if (ex) {
    if (ex.denominator <= 0n) invalid(`Party "${party.id}" has a non-positive exact denominator.`, ['parties', pi]);
    n = ex.contributions.map((row) => row.slice());
    den = ex.denominator;
    reservationN = ex.reservation ?? roundTo(party.reservation, den);
    if (party.cap !== undefined) capN = ex.cap ?? roundTo(party.cap, den);
  } else {
    n = party.contributions.map((row) => Array.from(row, toGrid));
    den = GRID;
    reservationN = toGrid(party.reservation);
    if (party.cap !== undefined) capN = toGrid(party.cap);
  }
  return {
    id: party.id,
    f: party.contributions.map((row) => Float64Array.from(row)),
    n,
    den,
    reservationF: party.reservation,
    reservationN,
    capF: party.cap ?? Number.POSITIVE_INFINITY,
    capN,
    tol: 1e-9 * Math.max(1, scale, Math.abs(party.reservation)),
    forbidden: party.forbidden ?? null,
    maxF: new Float64Array(m),
    minF: new Float64Array(m),
  };
}

/** Numerator over `den` of a float read to 12 decimals (exact when `den` is a multiple of 10^12). */
export function roundTo(x: number, den: bigint): bigint {
  // Via the decimal grid first, so that 0.5 over a denominator of 10 becomes exactly 5.
  const g = toGrid(x) * den;
  const q = g / GRID;
  const r = g - q * GRID;
  return r * 2n >= GRID ? q + 1n : q;
}

/** Option index of each issue in an outcome. */
export function decodeOutcome(ps: Pick<PreparedSpace, 'radices' | 'strides'>, outcome: number): number[] {
  return ps.radices.map((r, i) => Math.floor(outcome / ps.strides[i]!) % r);
}

/** Outcome index of a list of option indices (first issue most significant). */
export function encodeOutcome(ps: Pick<PreparedSpace, 'strides'>, options: number[]): number {
  let idx = 0;
  options.forEach((o, i) => {
    idx += o * ps.strides[i]!;
  });
  return idx;
}

/** Exact uncapped numerator of a party's utility for an outcome. */
export function exactRaw(p: PreparedParty, ps: PreparedSpace, outcome: number): bigint {
  let s = 0n;
  for (let i = 0; i < ps.radices.length; i++) s += p.n[i]![Math.floor(outcome / ps.strides[i]!) % ps.radices[i]!]!;
  return s;
}

/** Exact (capped) numerator of a party's utility for an outcome. */
export function exactUtility(p: PreparedParty, ps: PreparedSpace, outcome: number): bigint {
  const s = exactRaw(p, ps, outcome);
  return p.capN !== null && s > p.capN ? p.capN : s;
}

/** Float (capped) utility of an outcome. */
export function floatUtility(p: PreparedParty, ps: PreparedSpace, outcome: number): number {
  let s = 0;
  for (let i = 0; i < ps.radices.length; i++) s += p.f[i]![Math.floor(outcome / ps.strides[i]!) % ps.radices[i]!]!;
  return Math.min(s, p.capF);
}

/** Whether a package breaks no party's red line. */
export function isAcceptableOutcome(ps: PreparedSpace, outcome: number): boolean {
  for (let i = 0; i < ps.radices.length; i++) {
    const o = Math.floor(outcome / ps.strides[i]!) % ps.radices[i]!;
    if (!ps.allowed[i]!.includes(o)) return false;
  }
  return true;
}

/**
 * Compares a party's utility at two outcomes given their float sums and lazily computed exact numerators.
 * Floats decide when they differ by more than the tolerance; otherwise the exact values decide.
 */
export function compareUtility(
  p: PreparedParty,
  fa: number,
  fb: number,
  exactA: () => bigint,
  exactB: () => bigint,
  capped: boolean,
): number {
  if (capped) {
    if (fa > p.capF) fa = p.capF;
    if (fb > p.capF) fb = p.capF;
  }
  const d = fa - fb;
  if (d > p.tol) return 1;
  if (d < -p.tol) return -1;
  let ea = exactA();
  let eb = exactB();
  if (capped && p.capN !== null) {
    if (ea > p.capN) ea = p.capN;
    if (eb > p.capN) eb = p.capN;
  }
  return ea > eb ? 1 : ea < eb ? -1 : 0;
}

/** Compares a party's utility at an outcome (float sum + lazy exact) with its reservation. */
export function compareWithReservation(p: PreparedParty, f: number, exact: () => bigint, capped = true): number {
  return compareUtility(p, f, p.reservationF, exact, () => p.reservationN, capped);
}

/** Converts an exact numerator to a float utility. */
export function toFloat(p: PreparedParty, numerator: bigint): number {
  return ratioToNumber(numerator, p.den);
}

/** Nearest float to a BigInt ratio, for reporting (exact decisions never use it). */
export function ratioToNumber(num: bigint, den: bigint): number {
  if (den === 1n) return Number(num);
  const neg = num < 0n !== den < 0n;
  let a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const q = a / b;
  a -= q * b;
  // 64 extra bits of fraction are plenty for a float64 result.
  const frac = Number((a << 64n) / b) / 2 ** 64;
  const v = Number(q) + frac;
  return neg ? -v : v;
}

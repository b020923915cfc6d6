import type { ConflictGraph, MoveSet } from './types';

/** Move and state layouts shared by the SIM engines (sim.ts and the kept baseline, sim-baseline.ts). */

/** How the textbook engine looks for simultaneous sanctions (tests force each walk; default `auto`). */
export type WalkStrategy = 'auto' | 'forward' | 'backward';

/** The states a DM reaches by a UI from s, written into `out`; returns how many. */
export function improvementsInto(ms: MoveSet, pay: Int32Array, s: number, out: Int32Array): number {
  const p = pay[s]!;
  let n = 0;
  if (ms.kind === 'lists') {
    for (let j = ms.offsets[s]!; j < ms.offsets[s + 1]!; j++) {
      const t = ms.targets[j]!;
      if (pay[t]! > p) out[n++] = t;
    }
    return n;
  }
  // Grouped moves are sorted best-first by the mover's payoff: the UIs are a prefix of the group.
  const g = ms.groupOf[s]!;
  for (let j = ms.start[g]!; j < ms.start[g + 1]!; j++) {
    const t = ms.order[j]!;
    if (pay[t]! <= p) break;
    out[n++] = t;
  }
  return n;
}

/**
 * A DM's moves with the decimals and payoffs of grouped moves laid out in group order, so that
 * reading a state's UIs (a prefix of its group) touches memory in sequence.
 */
/** Length of the arrays `orderedMoves` lays out for a move set (none for explicit lists). */
export function orderedLength(ms: MoveSet): number {
  return ms.kind === 'lists' ? 0 : ms.order.length;
}

export interface OrderedMoves {
  ms: MoveSet;
  pay: Int32Array;
  decimal: Uint32Array;
  payInOrder: Int32Array;
}

export function orderedMoves(
  ms: MoveSet,
  pay: Int32Array,
  decimals: Uint32Array,
  decimal: Uint32Array = new Uint32Array(orderedLength(ms)),
  payInOrder: Int32Array = new Int32Array(orderedLength(ms)),
): OrderedMoves {
  if (ms.kind === 'lists') return { ms, pay, decimal, payInOrder };
  for (let j = 0; j < ms.order.length; j++) {
    decimal[j] = decimals[ms.order[j]!]!;
    payInOrder[j] = pay[ms.order[j]!]!;
  }
  return { ms, pay, decimal, payInOrder };
}

/**
 * The UIs of a DM from s: their state ids into `ids` (when given) and their decimals XOR `base`
 * into `out` at `at`; returns how many.
 */
export function improvementDeltas(
  om: OrderedMoves,
  s: number,
  base: number,
  decimals: Uint32Array,
  out: Uint32Array,
  at: number,
  ids: Int32Array | null,
): number {
  const ms = om.ms;
  const p = om.pay[s]!;
  let n = 0;
  if (ms.kind === 'lists') {
    for (let j = ms.offsets[s]!; j < ms.offsets[s + 1]!; j++) {
      const t = ms.targets[j]!;
      if (om.pay[t]! <= p) continue;
      if (ids !== null) ids[n] = t;
      out[at + n++] = (decimals[t]! ^ base) >>> 0;
    }
    return n;
  }
  const g = ms.groupOf[s]!;
  const end = ms.start[g + 1]!;
  for (let j = ms.start[g]!; j < end; j++) {
    if (om.payInOrder[j]! <= p) break;
    if (ids !== null) ids[n] = ms.order[j]!;
    out[at + n++] = (om.decimal[j]! ^ base) >>> 0;
  }
  return n;
}

/** Largest number of moves any DM has from one state (bounds the scratch buffers). */
export function maxMoves(ms: MoveSet): number {
  let best = 0;
  if (ms.kind === 'lists') {
    for (let s = 0; s + 1 < ms.offsets.length; s++) best = Math.max(best, ms.offsets[s + 1]! - ms.offsets[s]!);
  } else for (let g = 0; g + 1 < ms.start.length; g++) best = Math.max(best, ms.start[g + 1]! - ms.start[g]!);
  return best;
}

/** The option bits a DM's moves ever change (XOR of the two ends of each move). */
function changedBits(ms: MoveSet, decimals: Uint32Array): number {
  let bits = 0;
  if (ms.kind === 'lists') {
    for (let s = 0; s + 1 < ms.offsets.length; s++)
      for (let j = ms.offsets[s]!; j < ms.offsets[s + 1]!; j++)
        bits = (bits | (decimals[s]! ^ decimals[ms.targets[j]!]!)) >>> 0;
    return bits;
  }
  for (let g = 0; g + 1 < ms.start.length; g++) {
    const a = ms.start[g]!;
    const first = decimals[ms.order[a]!]!;
    for (let j = a + 1; j < ms.start[g + 1]!; j++) bits = (bits | (decimals[ms.order[j]!]! ^ first)) >>> 0;
  }
  return bits;
}

/**
 * Per DM, the bits it can change, when these blocks are pairwise disjoint (always so for
 * option-derived moves); null otherwise (explicit move lists that touch another DM's options),
 * in which case only the forward walk is exact.
 */
export function disjointMasks(graph: ConflictGraph, decimals: Uint32Array = graph.decimals): Uint32Array | null {
  const masks = new Uint32Array(graph.moves.length);
  let union = 0;
  for (let d = 0; d < graph.moves.length; d++) {
    const m = changedBits(graph.moves[d]!, decimals);
    if ((m & union) !== 0) return null;
    masks[d] = m;
    union = (union | m) >>> 0;
  }
  return masks;
}

/**
 * i's feasible states grouped by i's own part (the options in `focalMask`), each group sorted by
 * i's payoff, worst first (as decimals and payoffs): the outcomes a response can produce after a UI to s1 are members of
 * s1's group, and the sanctions among them are a prefix of it. `byPay`: the states by payoff, ties by
 * id (`statesInKeyOrder`), when the caller has them; else they are sorted here (the baseline's way).
 */
export function slicesByOwnPart(
  graph: ConflictGraph,
  pay: Int32Array,
  focalMask: number,
  decimals: Uint32Array = graph.decimals,
  out: OwnPartSlices = {
    sliceOf: new Int32Array(graph.stateCount),
    start: new Int32Array(graph.stateCount + 1),
    memberDecimal: new Uint32Array(graph.stateCount),
    memberPay: new Int32Array(graph.stateCount),
  },
  byPay: Int32Array | null = null,
): OwnPartSlices & { count: number } {
  const m = graph.stateCount;
  let order = byPay;
  if (order === null) {
    let low = 0;
    for (let s = 0; s < m; s++) if (pay[s]! < low) low = pay[s]!;
    // Order by payoff (one numeric key per state: cheaper than a comparator), then bucket stably.
    const keys = new Float64Array(m);
    for (let s = 0; s < m; s++) keys[s] = (pay[s]! - low) * m + s;
    keys.sort();
    order = new Int32Array(m);
    for (let j = 0; j < m; j++) order[j] = keys[j]! % m;
  }
  const { sliceOf, start, memberDecimal, memberPay } = out;
  // Slice ids by own part: a table over the parts when they are small, else a map.
  const small = focalMask < 2 ** 22;
  const table = small ? new Int32Array(focalMask + 1).fill(-1) : null;
  const ids = new Map<number, number>();
  let count = 0;
  for (let s = 0; s < m; s++) {
    const part = (decimals[s]! & focalMask) >>> 0;
    let id = table !== null ? table[part]! : (ids.get(part) ?? -1);
    if (id < 0) {
      id = count++;
      if (table !== null) table[part] = id;
      else ids.set(part, id);
    }
    sliceOf[s] = id;
  }
  start.fill(0, 0, count + 1);
  for (let s = 0; s < m; s++) start[sliceOf[s]! + 1]!++;
  for (let g = 0; g < count; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, count);
  // Decimals and payoffs in slice order, so the walk reads memory in sequence.
  for (let j = 0; j < m; j++) {
    const s = order[j]!;
    const at = fill[sliceOf[s]!]!++;
    memberDecimal[at] = decimals[s]!;
    memberPay[at] = pay[s]!;
  }
  return { sliceOf, start, memberDecimal, memberPay, count };
}

/**
 * The states ordered by `keys[s] - low` (each in 0..2^32), ties by state id, into `out`: a stable
 * two-pass radix sort, linear where a numeric sort of a million keys costs a tenth of a second.
 */
export function statesInKeyOrder(
  keys: Int32Array | Uint32Array,
  low: number,
  out: Int32Array,
  scratch: Int32Array = new Int32Array(keys.length),
): Int32Array {
  const m = keys.length;
  let high = 0;
  for (let s = 0; s < m; s++) high = Math.max(high, keys[s]! - low);
  const count = new Int32Array(1 << 16);
  // Low 16 bits first (into scratch, or straight into out when the keys fit in 16 bits).
  const first = high < 1 << 16 ? out : scratch;
  for (let s = 0; s < m; s++) count[(keys[s]! - low) & 0xffff]!++;
  for (let k = 0, at = 0; k < 1 << 16; k++) {
    const c = count[k]!;
    count[k] = at;
    at += c;
  }
  for (let s = 0; s < m; s++) first[count[(keys[s]! - low) & 0xffff]!++] = s;
  if (first === out) return out;
  count.fill(0);
  for (let s = 0; s < m; s++) count[(keys[s]! - low) >>> 16]!++;
  for (let k = 0, at = 0; k < 1 << 16; k++) {
    const c = count[k]!;
    count[k] = at;
    at += c;
  }
  for (let j = 0; j < m; j++) {
    const s = scratch[j]!;
    out[count[(keys[s]! - low) >>> 16]!++] = s;
  }
  return out;
}

/** i's states grouped by own part (see `slicesByOwnPart`); `start` has room for one more entry than there are slices. */
export interface OwnPartSlices {
  sliceOf: Int32Array;
  start: Int32Array;
  memberDecimal: Uint32Array;
  memberPay: Int32Array;
}

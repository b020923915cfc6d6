import { INF } from './move-reduce';
import type { ConflictGraph, MoveSet, Semantics } from './types';

/** Up to this many options, i's payoffs are laid out by decimal for the forward walk (2^24 entries). */
const DECIMAL_TABLE_LIMIT = 24;

/**
 * Simultaneous sanctioning (SIM) and SEQ+SIM.
 *
 * SIM (Fraser & Hipel 1984 conflict analysis; graph-model form in Fang, Hipel & Kilgour 1993):
 * DM i's unilateral improvement (UI) s → s1 is simultaneously sanctioned when some non-empty set
 * of the other DMs, each taking one of its own UIs from s at the same time, lands the conflict in
 * a feasible state c (i's options as in s1, each mover's as in its UI, the rest as in s) that i
 * does not strictly prefer to s. s is SIM-stable for i iff every UI of i is so sanctioned.
 *
 * SEQ+SIM (textbook mode): every UI of i is deterred either by a SEQ sanction (a legal sequence of
 * the opponents' UIs from s1 to a state i does not prefer to s) or by a simultaneous one.
 *
 * `gmcrpy` mode reproduces gmcr-py's results: its simultaneous-response enumeration (each other DM
 * stays or takes a UI, in DM order, UIs by increasing state id) is one iterator shared by all of
 * i's UIs (taken by increasing state id), so a later UI only sees the responses the earlier ones
 * left unread; and its SEQ+SIM is "SEQ-stable or SIM-stable" per DM.
 *
 * Textbook algorithm, per state s and UI s1 of i, two walks taken one step each in turn, each
 * complete on its own, so the first to run out without a sanction settles that there is none:
 * - forward: the opponents' responses (an odometer over "stays or one of its UIs from s", whose
 *   outcome follows by one XOR per step) until one lands at or below pay_i(s);
 * - backward: the states whose options for i are as in s1, worst for i first, while i does not
 *   prefer them to s; one is a sanction when its difference from s, option block by option block,
 *   is for every opponent nothing or one of its UIs from s (and not nothing for all).
 * A sanction found at the k-th step costs 2k steps: the forward walk hits fast when many outcomes
 * are bad for i, the backward one when a bad outcome is likely to be a legal response, and each
 * is bounded by its own size (the response product, the slice). No per-state list is stored.
 */

/** The states a DM reaches by a UI from s, written into `out`; returns how many. */
function improvementsInto(ms: MoveSet, pay: Int32Array, s: number, out: Int32Array): number {
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
interface OrderedMoves {
  ms: MoveSet;
  pay: Int32Array;
  decimal: Uint32Array;
  payInOrder: Int32Array;
}

function orderedMoves(ms: MoveSet, pay: Int32Array, decimals: Uint32Array): OrderedMoves {
  if (ms.kind === 'lists') return { ms, pay, decimal: new Uint32Array(0), payInOrder: new Int32Array(0) };
  const decimal = new Uint32Array(ms.order.length);
  const payInOrder = new Int32Array(ms.order.length);
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
function improvementDeltas(
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
function maxMoves(ms: MoveSet): number {
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
function disjointMasks(graph: ConflictGraph): Uint32Array | null {
  const masks = new Uint32Array(graph.moves.length);
  let union = 0;
  for (let d = 0; d < graph.moves.length; d++) {
    const m = changedBits(graph.moves[d]!, graph.decimals);
    if ((m & union) !== 0) return null;
    masks[d] = m;
    union = (union | m) >>> 0;
  }
  return masks;
}

/** How the textbook engine looks for simultaneous sanctions (tests force each walk; default `auto`). */
export type SimStrategy = 'auto' | 'forward' | 'backward';

/**
 * SIM or SEQ+SIM flags for DM `dm` over all states (1 = stable). For SEQ+SIM, `seqWorst[s1]` is the
 * lowest payoff of `dm` the opponents can reach from s1 by UIs (SEQ sanction values) and `seqFlags`
 * the SEQ verdicts of the same semantics.
 */
export function simultaneousStability(
  graph: ConflictGraph,
  dm: number,
  semantics: Semantics,
  withSeq: { seqWorst: Int32Array; seqFlags: Uint8Array } | null,
  strategy: SimStrategy = 'auto',
): Uint8Array {
  if (semantics === 'gmcrpy') return gmcrpySimultaneous(graph, dm, withSeq);
  return textbookSimultaneous(graph, dm, withSeq?.seqWorst ?? null, strategy);
}

/**
 * i's feasible states grouped by i's own part (the options in `focalMask`), each group sorted by
 * i's payoff, worst first (as decimals and payoffs): the outcomes a response can produce after a UI to s1 are members of
 * s1's group, and the sanctions among them are a prefix of it.
 */
function slicesByOwnPart(graph: ConflictGraph, pay: Int32Array, focalMask: number) {
  const m = graph.stateCount;
  let low = 0;
  for (let s = 0; s < m; s++) if (pay[s]! < low) low = pay[s]!;
  // Order by payoff (one numeric key per state: cheaper than a comparator), then bucket stably.
  const keys = new Float64Array(m);
  for (let s = 0; s < m; s++) keys[s] = (pay[s]! - low) * m + s;
  keys.sort();
  const sliceOf = new Int32Array(m);
  const ids = new Map<number, number>();
  for (let s = 0; s < m; s++) {
    const part = (graph.decimals[s]! & focalMask) >>> 0;
    let id = ids.get(part);
    if (id === undefined) {
      id = ids.size;
      ids.set(part, id);
    }
    sliceOf[s] = id;
  }
  const start = new Int32Array(ids.size + 1);
  for (let s = 0; s < m; s++) start[sliceOf[s]! + 1]!++;
  for (let g = 0; g < ids.size; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, ids.size);
  // Decimals and payoffs in slice order, so the walk reads memory in sequence.
  const memberDecimal = new Uint32Array(m);
  const memberPay = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const s = keys[j]! % m;
    const at = fill[sliceOf[s]!]!++;
    memberDecimal[at] = graph.decimals[s]!;
    memberPay[at] = pay[s]!;
  }
  return { sliceOf, start, memberDecimal, memberPay };
}

function textbookSimultaneous(
  graph: ConflictGraph,
  dm: number,
  seqWorst: Int32Array | null,
  strategy: SimStrategy,
): Uint8Array {
  const m = graph.stateCount;
  const n = graph.payoffs.length;
  const pay = graph.payoffs[dm]!;
  const decimals = graph.decimals;
  const indexOf = graph.indexOf;
  const others: number[] = [];
  for (let d = 0; d < n; d++) if (d !== dm) others.push(d);
  const L = others.length;
  const width = Math.max(1, ...graph.moves.map(maxMoves));
  const own = new Int32Array(width);
  const ownDelta = new Uint32Array(width);
  const flags = new Uint8Array(m);
  const views = graph.moves.map((ms, d) => orderedMoves(ms, graph.payoffs[d]!, decimals));
  const focalView = views[dm]!;
  const oppViews = others.map((k) => views[k]!);
  // Opponents' UIs from s as XOR deltas against s, L rows of `width`.
  const delta = new Uint32Array(L * width);
  const counts = new Int32Array(L);
  const digit = new Int32Array(L);

  const masks = disjointMasks(graph);
  const forward = strategy !== 'backward' || masks === null;
  const backward = strategy !== 'forward' && masks !== null;
  // i's payoff by decimal (INF when infeasible): one memory access per forward step.
  const K = graph.model.options.length;
  let payByDecimal: Int32Array | null = null;
  if (K <= DECIMAL_TABLE_LIMIT) {
    payByDecimal = new Int32Array(2 ** K).fill(INF);
    for (let s = 0; s < m; s++) payByDecimal[decimals[s]!] = pay[s]!;
  }
  const payOf = (d: number) => {
    const t = indexOf(d);
    return t < 0 ? INF : pay[t]!;
  };
  // Backward walk: i's states by own part; each opponent's UIs from s as a small hash set of its
  // option changes (slots stamped with s + 1, so nothing is cleared between states).
  const oppMask = new Uint32Array(L);
  let unionMask = 0;
  const hashBits = Math.max(4, Math.ceil(Math.log2(width)) + 2);
  const hashSize = 1 << hashBits;
  const hashKeys = new Uint32Array(L * hashSize);
  const hashTags = new Int32Array(L * hashSize);
  let slices = {
    sliceOf: new Int32Array(0),
    start: new Int32Array(0),
    memberDecimal: new Uint32Array(0),
    memberPay: new Int32Array(0),
  };
  if (backward) {
    const focalMask = masks[dm]!;
    unionMask = focalMask;
    others.forEach((k, j) => {
      oppMask[j] = masks[k]!;
      unionMask = (unionMask | masks[k]!) >>> 0;
    });
    slices = slicesByOwnPart(graph, pay, focalMask);
  }
  const { sliceOf, start, memberDecimal, memberPay } = slices;
  const shift = 32 - hashBits;

  for (let s = 0; s < m; s++) {
    const base = decimals[s]!;
    const p = pay[s]!;
    const u = improvementDeltas(focalView, s, base, decimals, ownDelta, 0, own);
    if (u === 0) {
      flags[s] = 1;
      continue;
    }
    const tag = s + 1;
    let responders = 0;
    for (let j = 0; j < L; j++) {
      const row = j * width;
      const c = improvementDeltas(oppViews[j]!, s, base, decimals, delta, row, null);
      counts[j] = c;
      responders += c;
      if (backward) {
        const off = j * hashSize;
        for (let r = 0; r < c; r++) {
          const key = delta[row + r]!;
          let h = Math.imul(key, 0x9e3779b1) >>> shift;
          while (hashTags[off + h] === tag) h = (h + 1) & (hashSize - 1);
          hashTags[off + h] = tag;
          hashKeys[off + h] = key;
        }
      }
    }
    let stable = 1;
    for (let x = 0; x < u; x++) {
      const s1 = own[x]!;
      if (seqWorst !== null && seqWorst[s1]! <= p) continue; // deterred by a SEQ sanction
      if (responders === 0) {
        stable = 0;
        break;
      }
      // Forward state: odometer digits (0 = stays, r = r-th UI) and the outcome they give.
      let c = (ownDelta[x]! ^ base) >>> 0;
      for (let j = 0; j < L; j++) digit[j] = 0;
      // Backward state: position in s1's slice (outcomes with i's options as in s1), worst first.
      // (found lazily: most UIs are settled by the first forward step)
      let q = -1;
      let qEnd = 0;
      let found = false;
      // One step of each walk in turn; either walk alone is complete, so the first to run out
      // without a sanction settles that there is none.
      for (;;) {
        if (forward) {
          let j = L - 1;
          while (j >= 0) {
            const row = j * width;
            const r = digit[j]!;
            if (r > 0) c = (c ^ delta[row + r - 1]!) >>> 0;
            if (r < counts[j]!) {
              c = (c ^ delta[row + r]!) >>> 0;
              digit[j] = r + 1;
              break;
            }
            digit[j] = 0;
            j--;
          }
          if (j < 0) break; // every response tried
          if ((payByDecimal !== null ? payByDecimal[c]! : payOf(c)) <= p) {
            found = true;
            break;
          }
        }
        if (backward) {
          if (q < 0) {
            const slice = sliceOf[s1]!;
            q = start[slice]!;
            qEnd = start[slice + 1]!;
          }
          if (q === qEnd) break;
          if (memberPay[q]! > p) break; // the rest of the slice is better for i than s
          const diff = (memberDecimal[q++]! ^ base) >>> 0;
          if ((diff & ~unionMask) === 0) {
            let moved = false;
            let ok = true;
            for (let j = 0; j < L; j++) {
              const part = (diff & oppMask[j]!) >>> 0;
              if (part === 0) continue;
              const off = j * hashSize;
              let h = Math.imul(part, 0x9e3779b1) >>> shift;
              while (hashTags[off + h] === tag && hashKeys[off + h] !== part) h = (h + 1) & (hashSize - 1);
              if (hashTags[off + h] !== tag) {
                ok = false;
                break;
              }
              moved = true;
            }
            if (ok && moved) {
              found = true;
              break;
            }
          }
        }
      }
      if (!found) {
        stable = 0;
        break;
      }
    }
    flags[s] = stable;
  }
  return flags;
}

/** gmcr-py's enumeration, reproduced (one response iterator shared by all UIs of a state). */
function gmcrpySimultaneous(
  graph: ConflictGraph,
  dm: number,
  withSeq: { seqWorst: Int32Array; seqFlags: Uint8Array } | null,
): Uint8Array {
  const m = graph.stateCount;
  const n = graph.payoffs.length;
  const pay = graph.payoffs[dm]!;
  const others: number[] = [];
  for (let d = 0; d < n; d++) if (d !== dm) others.push(d);
  const width = Math.max(1, ...graph.moves.map(maxMoves));
  const own = new Int32Array(width);
  const lists = others.map(() => new Int32Array(width));
  const counts = new Int32Array(others.length);
  const digit = new Int32Array(others.length);
  const flags = new Uint8Array(m);
  const byId = (a: number, b: number) => a - b;

  for (let s = 0; s < m; s++) {
    const base = graph.decimals[s]!;
    const p = pay[s]!;
    const u = improvementsInto(graph.moves[dm]!, pay, s, own);
    if (u === 0 || withSeq?.seqFlags[s] === 1) {
      flags[s] = 1;
      continue;
    }
    let responders = 0;
    for (let j = 0; j < others.length; j++) {
      const k = others[j]!;
      counts[j] = improvementsInto(graph.moves[k]!, graph.payoffs[k]!, s, lists[j]!);
      lists[j]!.subarray(0, counts[j]!).sort(byId);
      responders += counts[j]!;
    }
    const mine = own.subarray(0, u).sort(byId);
    // Odometer over responses: digit j = 0 means DM others[j] stays, r > 0 its r-th UI; it is
    // not reset between UIs (gmcr-py's shared iterator).
    digit.fill(0);
    let exhausted = responders === 0;
    let stable = 1;
    for (let x = 0; x < u; x++) {
      const focalDelta = (graph.decimals[mine[x]!]! ^ base) >>> 0;
      let sanctioned = false;
      while (!exhausted) {
        let c = (base ^ focalDelta) >>> 0;
        let moved = false;
        for (let j = 0; j < others.length; j++) {
          const r = digit[j]!;
          if (r === 0) continue;
          moved = true;
          c = (c ^ graph.decimals[lists[j]![r - 1]!]! ^ base) >>> 0;
        }
        let j = others.length - 1;
        while (j >= 0) {
          digit[j]!++;
          if (digit[j]! <= counts[j]!) break;
          digit[j] = 0;
          j--;
        }
        if (j < 0) exhausted = true;
        if (!moved) continue;
        const t = graph.indexOf(c);
        if (t >= 0 && pay[t]! <= p) {
          sanctioned = true;
          break;
        }
      }
      if (!sanctioned) {
        stable = 0;
        break;
      }
    }
    flags[s] = stable;
  }
  return flags;
}

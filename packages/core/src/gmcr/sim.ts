import { INF } from './move-reduce';
import { baselineTextbookSimultaneous } from './sim-baseline';
import {
  disjointMasks,
  improvementDeltas,
  improvementsInto,
  maxMoves,
  type OrderedMoves,
  orderedLength,
  orderedMoves,
  slicesByOwnPart,
  statesInKeyOrder,
  type WalkStrategy,
} from './sim-moves';
import type { ConflictGraph, Semantics } from './types';

/** Up to this many options, i's payoffs are laid out by decimal for the forward walk (2^24 entries). */
const DECIMAL_TABLE_LIMIT = 24;

/** Responses the vector stage tries before the per-UI walks take over (enough for most states). */
const VECTOR_ROUNDS = 64;

/** Share of i's worst states checked by the backward walk alone (`auto`; a speed choice only). */
const LOW_SHARE = 0.03;

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
 *
 * Layout (issue 16): the walks run on decimals whose bits are permuted so that the focal DM's
 * options are the lowest bits, and states are visited in that order: consecutive states then
 * share the opponents' part, so the outcomes the responses produce (the focal DM's payoff by
 * permuted decimal) stay in cache; the opponents' UIs are hashed only when the backward walk
 * first needs them in a state.
 *
 * Ranges (issue 16): what the walk reads besides the graph is a plan built once per focal DM
 * (`fillSimPlan`); states are independent, so a host can walk ranges of the visiting order on
 * several threads over one shared plan (`simFlagsInRange`) and get the one-thread flags exactly.
 */

/**
 * How the textbook engine looks for simultaneous sanctions: both walks (`auto`), one of them
 * (tests), or the engine before issue 16 (`baseline`, kept for the bench).
 */
export type SimStrategy = WalkStrategy | 'baseline';

/**
 * SIM or SEQ+SIM flags for DM `dm` over all states (1 = stable). For SEQ+SIM, `seqWorst[s1]` is the
 * lowest payoff of `dm` the opponents can reach from s1 by UIs (SEQ sanction values) and `seqFlags`
 * the SEQ verdicts of the same semantics.
 */
export function simultaneousStability(
  graph: ConflictGraph,
  dm: number,
  semantics: Semantics,
  withSeq: { seqWorst: Int32Array; seqFlags: Uint8Array; simFlags?: Uint8Array | null } | null,
  strategy: SimStrategy = 'auto',
  planFor: (dm: number) => SimPlan = (d) => simPlan(graph, d),
): Uint8Array {
  if (semantics === 'gmcrpy') return gmcrpySimultaneous(graph, dm, withSeq);
  const seqWorst = withSeq?.seqWorst ?? null;
  if (strategy === 'baseline') return baselineTextbookSimultaneous(graph, dm, seqWorst, 'auto');
  return textbookSimultaneous(graph, planFor(dm), seqWorst, strategy, withSeq?.simFlags ?? null);
}

/**
 * A plan source that keeps the last plan built, so SIM then SEQ+SIM of the same DM build it once
 * (a tenth of the walk) while memory holds one plan at a time.
 */
export function lastSimPlan(graph: ConflictGraph): (dm: number) => SimPlan {
  let last: SimPlan | null = null;
  return (dm) => {
    if (last === null || last.dm !== dm) last = simPlan(graph, dm);
    return last;
  };
}

/**
 * Decimals with `dm`'s options moved to the lowest bits (the others above, in order): a bit
 * permutation, so XOR deltas and masks carry over unchanged.
 */
function focalFirstDecimals(graph: ConflictGraph, dm: number, out: Uint32Array): Uint32Array {
  const owners = graph.model.options.map((o) => o.dm);
  const target = new Int32Array(owners.length);
  let next = 0;
  owners.forEach((o, k) => {
    if (o === dm) target[k] = next++;
  });
  owners.forEach((o, k) => {
    if (o !== dm) target[k] = next++;
  });
  // One table per byte of the decimal: four lookups per state instead of one per bit.
  const tables = [0, 1, 2, 3].map((b) => {
    const t = new Uint32Array(256);
    for (let v = 0; v < 256; v++)
      for (let bit = 0; bit < 8; bit++) {
        const k = b * 8 + bit;
        if (k < owners.length && (v >> bit) & 1) t[v] = (t[v]! | (1 << target[k]!)) >>> 0;
      }
    return t;
  });
  const [t0, t1, t2, t3] = tables as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  for (let s = 0; s < graph.stateCount; s++) {
    const d = graph.decimals[s]!;
    out[s] = (t0[d & 255]! | t1[(d >>> 8) & 255]! | t2[(d >>> 16) & 255]! | t3[d >>> 24]!) >>> 0;
  }
  return out;
}

/**
 * What the textbook walk for one focal DM reads besides the graph, built once (`fillSimPlan`) and
 * then shared by every range of states walked (`simFlagsInRange`): typed arrays only, so a host can
 * place them in shared memory (`allocateSimPlan`'s `buffer`) and walk ranges on several threads.
 */
export interface SimPlan {
  dm: number;
  /** [0]: 1 when the DMs' option blocks are disjoint (the backward walk is exact); [1]: `lowCut`; [2]: slices. */
  info: Int32Array;
  /** Decimals with the focal DM's options as the lowest bits (the graph's own above 24 options). */
  decimals: Uint32Array;
  /** States in increasing order of `decimals` (the visiting order). */
  visit: Int32Array;
  /** The focal DM's payoff by (permuted) decimal, INF when infeasible; empty above 24 options. */
  payByDecimal: Int32Array;
  /** Per DM, the bits its moves change (valid when info[0] is 1). */
  masks: Uint32Array;
  sliceOf: Int32Array;
  start: Int32Array;
  memberDecimal: Uint32Array;
  memberPay: Int32Array;
  /** Per DM, its grouped moves' decimals and payoffs in group order (`orderedMoves`). */
  moveDecimal: Uint32Array[];
  movePay: Int32Array[];
}

/** Where a plan's arrays live: a fresh ArrayBuffer by default, a SharedArrayBuffer for threads. */
export type PlanBuffer = (bytes: number) => ArrayBufferLike;

/** Empty arrays of the right sizes for `dm`'s plan (sizes follow from the graph alone). */
export function allocateSimPlan(
  graph: ConflictGraph,
  dm: number,
  buffer: PlanBuffer = (bytes) => new ArrayBuffer(bytes),
): SimPlan {
  const m = graph.stateCount;
  const K = graph.model.options.length;
  const i32 = (n: number) => new Int32Array(buffer(4 * n));
  const u32 = (n: number) => new Uint32Array(buffer(4 * n));
  return {
    dm,
    info: i32(3),
    decimals: u32(m),
    visit: i32(m),
    payByDecimal: i32(K <= DECIMAL_TABLE_LIMIT ? 2 ** K : 0),
    masks: u32(graph.moves.length),
    sliceOf: i32(m),
    start: i32(m + 1),
    memberDecimal: u32(m),
    memberPay: i32(m),
    moveDecimal: graph.moves.map((ms) => u32(orderedLength(ms))),
    movePay: graph.moves.map((ms) => i32(orderedLength(ms))),
  };
}

/** Builds `plan` (from `allocateSimPlan`) for its DM in place; returns it. */
export function fillSimPlan(graph: ConflictGraph, plan: SimPlan): SimPlan {
  const m = graph.stateCount;
  const dm = plan.dm;
  const pay = graph.payoffs[dm]!;
  const K = graph.model.options.length;
  // Permuted decimals need the payoff table (a permuted decimal is not graph.indexOf's key).
  const decimals = plan.decimals;
  if (K <= DECIMAL_TABLE_LIMIT) focalFirstDecimals(graph, dm, decimals);
  else decimals.set(graph.decimals);
  const scratch = new Int32Array(m);
  statesInKeyOrder(decimals, 0, plan.visit, scratch);
  graph.moves.forEach((ms, d) => {
    orderedMoves(ms, graph.payoffs[d]!, decimals, plan.moveDecimal[d]!, plan.movePay[d]!);
  });
  if (K <= DECIMAL_TABLE_LIMIT) {
    plan.payByDecimal.fill(INF);
    for (let s = 0; s < m; s++) plan.payByDecimal[decimals[s]!] = pay[s]!;
  }
  const masks = disjointMasks(graph, decimals);
  plan.info.fill(0);
  if (masks !== null) {
    plan.masks.set(masks);
    plan.info[0] = 1;
    let low = 0;
    for (let s = 0; s < m; s++) if (pay[s]! < low) low = pay[s]!;
    const byPay = statesInKeyOrder(pay, low, new Int32Array(m), scratch);
    // i's payoff below which (the lowest LOW_SHARE of states) a state is walked backward only.
    plan.info[1] = pay[byPay[Math.floor((m - 1) * LOW_SHARE)]!]!;
    plan.info[2] = slicesByOwnPart(graph, pay, masks[dm]!, decimals, plan, byPay).count;
  }
  return plan;
}

/** The plan for `dm` in ordinary memory. */
export function simPlan(graph: ConflictGraph, dm: number): SimPlan {
  return fillSimPlan(graph, allocateSimPlan(graph, dm));
}

/** What a SEQ+SIM walk adds to a plan: SEQ sanction values and (optionally) the SIM flags of the same DM. */
export interface SeqContext {
  seqWorst: Int32Array;
  /** SIM-stable states are SEQ+SIM-stable: they are not walked again. */
  knownStable: Uint8Array | null;
}

function textbookSimultaneous(
  graph: ConflictGraph,
  plan: SimPlan,
  seqWorst: Int32Array | null,
  strategy: WalkStrategy,
  knownStable: Uint8Array | null,
): Uint8Array {
  const flags = new Uint8Array(graph.stateCount);
  const seq = seqWorst === null ? null : { seqWorst, knownStable };
  simFlagsInRange(graph, plan, seq, 0, graph.stateCount, flags, strategy);
  return flags;
}

/**
 * SIM (seq null) or SEQ+SIM flags of the plan's DM for the states `plan.visit[from..to)`, written
 * into `flags` (other entries untouched): ranges are independent, so any split of 0..stateCount
 * gives the same flags as one call over all of it.
 */
export function simFlagsInRange(
  graph: ConflictGraph,
  plan: SimPlan,
  seq: SeqContext | null,
  from: number,
  to: number,
  flags: Uint8Array,
  strategy: WalkStrategy = 'auto',
): void {
  const dm = plan.dm;
  const n = graph.payoffs.length;
  const pay = graph.payoffs[dm]!;
  const decimals = plan.decimals;
  const visit = plan.visit;
  const indexOf = graph.indexOf;
  const seqWorst = seq?.seqWorst ?? null;
  const knownStable = seq?.knownStable ?? null;
  const others: number[] = [];
  for (let d = 0; d < n; d++) if (d !== dm) others.push(d);
  const L = others.length;
  const width = Math.max(1, ...graph.moves.map(maxMoves));
  const own = new Int32Array(width);
  const ownDelta = new Uint32Array(width);
  const views: OrderedMoves[] = graph.moves.map((ms, d) => ({
    ms,
    pay: graph.payoffs[d]!,
    decimal: plan.moveDecimal[d]!,
    payInOrder: plan.movePay[d]!,
  }));
  const focalView = views[dm]!;
  const oppViews = others.map((k) => views[k]!);
  // Opponents' UIs from s as XOR deltas against s, L rows of `width`.
  const delta = new Uint32Array(L * width);
  const counts = new Int32Array(L);
  const digit = new Int32Array(L);
  const vdigit = new Int32Array(L);
  const left = new Int32Array(width);
  // In the vector stage each pending UI is one word, its index above its delta, so a check reads
  // one array and moves one word (measured: a separate index array cost a fifth of the walk).
  const K = graph.model.options.length;
  const keyMask = K >= 32 ? 0xffffffff : 2 ** K - 1;
  const packable = K + Math.ceil(Math.log2(width + 1)) <= 32;
  const leftKey = new Uint32Array(width);
  const ready = new Uint8Array(L);

  const disjoint = plan.info[0] === 1;
  const forward = strategy !== 'backward' || !disjoint;
  const backward = strategy !== 'forward' && disjoint;
  const lowCut = backward ? plan.info[1]! : -INF;
  const payByDecimal = plan.payByDecimal.length > 0 ? plan.payByDecimal : null;
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
  if (backward) {
    unionMask = plan.masks[dm]!;
    others.forEach((k, j) => {
      oppMask[j] = plan.masks[k]!;
      unionMask = (unionMask | plan.masks[k]!) >>> 0;
    });
  }
  const { sliceOf, start, memberDecimal, memberPay } = plan;
  const shift = 32 - hashBits;
  // Opponent j's UIs from s as XOR deltas, into its row of `delta`.
  const fill = (j: number, s: number, base: number) => {
    counts[j] = improvementDeltas(oppViews[j]!, s, base, decimals, delta, j * width, null);
    ready[j] = 1;
  };
  // Each opponent's UIs from the current state into its hash set (slots stamped with `tag`).
  const hashOpponentUIs = (tag: number) => {
    for (let j = 0; j < L; j++) {
      const row = j * width;
      const off = j * hashSize;
      for (let r = 0; r < counts[j]!; r++) {
        const key = delta[row + r]!;
        let h = Math.imul(key, 0x9e3779b1) >>> shift;
        while (hashTags[off + h] === tag) h = (h + 1) & (hashSize - 1);
        hashTags[off + h] = tag;
        hashKeys[off + h] = key;
      }
    }
  };

  for (let v = from; v < to; v++) {
    const s = visit[v]!;
    if (knownStable !== null && knownStable[s] === 1) {
      flags[s] = 1;
      continue;
    }
    const base = decimals[s]!;
    const p = pay[s]!;
    const u = improvementDeltas(focalView, s, base, decimals, ownDelta, 0, own);
    if (u === 0) {
      flags[s] = 1;
      continue;
    }
    const tag = s + 1;
    // Few outcomes are bad for i when s is among i's worst states: the backward walk alone
    // (a short prefix of each slice) is then cheaper than trying responses.
    const backOnly = strategy === 'auto' && backward && p <= lowCut;
    // Opponents' UIs are read when first needed (the first responses move only the last one).
    ready.fill(0);
    let hashed = false;
    // The UIs a SEQ sanction does not already deter (indices into own/ownDelta).
    let pending = 0;
    const vector = payByDecimal !== null && packable && forward && !backOnly;
    if (vector) {
      for (let x = 0; x < u; x++)
        if (seqWorst === null || seqWorst[own[x]!]! > p) leftKey[pending++] = (x * (keyMask + 1) + ownDelta[x]!) >>> 0;
    } else for (let x = 0; x < u; x++) if (seqWorst === null || seqWorst[own[x]!]! > p) left[pending++] = x;
    // Vector stage: each response against every UI still unsanctioned at once; with i's options
    // as the lowest bits, the outcomes read for one response are neighbours in the table.
    for (let j = 0; j < L; j++) digit[j] = 0;
    let cr = base;
    let exhausted = false;
    for (let round = 0; pending > 0 && !exhausted && round < VECTOR_ROUNDS && vector; round++) {
      let j = L - 1;
      while (j >= 0) {
        if (ready[j] === 0) fill(j, s, base);
        const row = j * width;
        const d = digit[j]!;
        if (d > 0) cr = (cr ^ delta[row + d - 1]!) >>> 0;
        if (d < counts[j]!) {
          cr = (cr ^ delta[row + d]!) >>> 0;
          digit[j] = d + 1;
          break;
        }
        digit[j] = 0;
        j--;
      }
      if (j < 0) exhausted = true;
      else {
        // Branch-free compaction (the hottest loop): a UI stays pending iff p - pay < 0, the sign bit.
        let w = 0;
        for (let a = 0; a < pending; a++) {
          const key = leftKey[a]!;
          leftKey[w] = key;
          w += (p - payByDecimal[(cr ^ key) & keyMask]!) >>> 31;
        }
        pending = w;
      }
    }
    if (vector) for (let a = 0; a < pending; a++) left[a] = Math.floor(leftKey[a]! / (keyMask + 1));
    if (pending > 0 && exhausted) pending = -1; // every response tried: some UI goes unsanctioned
    vdigit.set(digit);
    let stable = pending < 0 ? 0 : 1;
    for (let a = 0; a < pending; a++) {
      const x = left[a]!;
      const s1 = own[x]!;
      // Forward state: odometer digits (0 = stays, r = r-th UI) and the outcome they give,
      // from where the vector stage stopped (the responses before it do not sanction this UI).
      let c = (ownDelta[x]! ^ cr) >>> 0;
      digit.set(vdigit);
      // Backward state: position in s1's slice (outcomes with i's options as in s1), worst first.
      // (found lazily: most UIs are settled by the first forward step)
      let q = -1;
      let qEnd = 0;
      let found = false;
      // One step of each walk in turn; either walk alone is complete, so the first to run out
      // without a sanction settles that there is none.
      for (;;) {
        if (forward && !backOnly) {
          let j = L - 1;
          while (j >= 0) {
            if (ready[j] === 0) fill(j, s, base);
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
            if (!hashed) {
              for (let j = 0; j < L; j++) if (ready[j] === 0) fill(j, s, base);
              hashOpponentUIs(tag);
              hashed = true;
            }
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

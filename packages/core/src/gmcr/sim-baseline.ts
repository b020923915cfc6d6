import { INF } from './move-reduce';
import {
  disjointMasks,
  improvementDeltas,
  maxMoves,
  type OwnPartSlices,
  orderedMoves,
  slicesByOwnPart,
  type WalkStrategy,
} from './sim-moves';
import type { ConflictGraph } from './types';

/** Up to this many options, i's payoffs are laid out by decimal for the forward walk (2^24 entries). */
const DECIMAL_TABLE_LIMIT = 24;

/**
 * Today's-engine-before-issue-16 textbook SIM walk, kept unchanged as the bench baseline
 * (`npm run bench -- gmcr` measures the fast engine beside it): per state and UI, the two walks of
 * sim.ts over the graph's own decimals, in state order.
 */
export function baselineTextbookSimultaneous(
  graph: ConflictGraph,
  dm: number,
  seqWorst: Int32Array | null,
  strategy: WalkStrategy,
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
  let slices: OwnPartSlices = {
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

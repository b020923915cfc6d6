import type { ConflictGraph, MoveSet, Semantics } from './types';

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

/** Largest number of moves any DM has from one state (bounds the scratch buffers). */
function maxMoves(ms: MoveSet): number {
  let best = 0;
  if (ms.kind === 'lists') {
    for (let s = 0; s + 1 < ms.offsets.length; s++) best = Math.max(best, ms.offsets[s + 1]! - ms.offsets[s]!);
  } else for (let g = 0; g + 1 < ms.start.length; g++) best = Math.max(best, ms.start[g + 1]! - ms.start[g]!);
  return best;
}

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
  const compat = semantics === 'gmcrpy';
  const byId = (a: number, b: number) => a - b;

  for (let s = 0; s < m; s++) {
    const base = graph.decimals[s]!;
    const p = pay[s]!;
    const u = improvementsInto(graph.moves[dm]!, pay, s, own);
    if (u === 0) {
      flags[s] = 1;
      continue;
    }
    if (compat && withSeq?.seqFlags[s] === 1) {
      flags[s] = 1;
      continue;
    }
    let responders = 0;
    for (let j = 0; j < others.length; j++) {
      const k = others[j]!;
      counts[j] = improvementsInto(graph.moves[k]!, graph.payoffs[k]!, s, lists[j]!);
      if (compat) lists[j]!.subarray(0, counts[j]!).sort(byId);
      responders += counts[j]!;
    }
    const mine = compat ? own.subarray(0, u).sort(byId) : own.subarray(0, u);
    // Odometer over responses: digit j = 0 means DM others[j] stays, r > 0 its r-th UI.
    // `exhausted` persists across UIs only in gmcr-py mode (its shared iterator).
    digit.fill(0);
    let exhausted = responders === 0;
    let stable = 1;
    for (let x = 0; x < u; x++) {
      const s1 = mine[x]!;
      if (!compat && withSeq && withSeq.seqWorst[s1]! <= p) continue; // deterred by a SEQ sanction
      if (!compat) {
        digit.fill(0);
        exhausted = responders === 0;
      }
      let sanctioned = false;
      const focalDelta = (graph.decimals[s1]! ^ base) >>> 0;
      while (!exhausted) {
        // Evaluate the current combination (all-stay is s1 itself, a UI: never a sanction).
        let c = (base ^ focalDelta) >>> 0;
        let moved = false;
        for (let j = 0; j < others.length; j++) {
          const r = digit[j]!;
          if (r === 0) continue;
          moved = true;
          c = (c ^ graph.decimals[lists[j]![r - 1]!]! ^ base) >>> 0;
        }
        // Advance the odometer (last DM fastest, as a Cartesian product in DM order).
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

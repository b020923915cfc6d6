import { EntenteError } from '../errors';
import { buildMoveSet, misperceivedStates } from './compile';
import { individualPlayers, type Player, searchSequences } from './definitional';
import { INF, maxOverMoves, minOverMoves } from './move-reduce';
import { sanctionMinimaBy, stabilityFor } from './stability';
import { CONCEPTS, type Concept, type ConflictGraph, type MoveSet, type Semantics } from './types';

/**
 * Coalition analyses on typed arrays (issue 16). A player P (a block of a fixed partition, or a
 * coalition H over all coalitions) improves from s to s1 when every member strictly gains; a
 * sanction s2 counts when some member d does not strictly prefer it: pay_d(s2) ≤ pay_d(s).
 *
 * Nash, GMR and SEQ split member by member: with M_d the lowest pay_d the opponents can reach from
 * s1 (`sanction minima`, SEQ: by their own improvements), s1 goes unsanctioned iff for every member
 * d, min(pay_d(s1), M_d(s1)) > pay_d(s). So s is unstable iff some state of P's reach from s
 * strictly dominates s's payoff vector in these values; P's reach is a group or a connected
 * component when its members' moves are reversible (one skyline query per component), else a list.
 * SMR for a player of two or more members does not split (the escape condition is on the whole
 * payoff vector), so it runs a search per state, only where GMR holds and P has an improvement.
 */

/** Cancel and progress for the coalition analyses (progress: work units done out of a total). */
export interface CoalitionRunOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

function checkCancel(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EntenteError('CANCELLED', 'The coalition analysis was cancelled.');
}

/** A player for the fast engine: members, one-step moves, and (for coalitions) where sequences lead. */
interface FastPlayer {
  members: number[];
  /** One move of the player (a block's joint move); null for a coalition moving by sequences. */
  moves: MoveSet | null;
  reach: Reach;
}

/**
 * The states a player reaches from s. `parts`: a partition of the states where s reaches exactly the
 * other states of its part (groups, components); `lists`: per-state lists (irreversible moves).
 */
type Reach =
  | { kind: 'parts'; partOf: Int32Array; start: Int32Array; order: Int32Array }
  | { kind: 'lists'; of: (s: number) => Int32Array };

function partsFrom(partOf: Int32Array, parts: number): Reach {
  const m = partOf.length;
  const start = new Int32Array(parts + 1);
  for (let s = 0; s < m; s++) start[partOf[s]! + 1]!++;
  for (let p = 0; p < parts; p++) start[p + 1]! += start[p]!;
  const fill = start.slice(0, parts);
  const order = new Int32Array(m);
  for (let s = 0; s < m; s++) order[fill[partOf[s]!]!++] = s;
  return { kind: 'parts', partOf, start, order };
}

function moveSetReach(ms: MoveSet): Reach {
  if (ms.kind === 'groups') return partsFrom(ms.groupOf, ms.start.length - 1);
  const { offsets, targets } = ms;
  return { kind: 'lists', of: (s) => targets.subarray(offsets[s]!, offsets[s + 1]!) };
}

/**
 * Where a coalition's legal sequences lead. With grouped (reversible) moves every member's move
 * relation is an equivalence, so the reach is the connected component minus s (union-find);
 * otherwise the definitional search per state, kept once computed.
 */
function coalitionReach(graph: ConflictGraph, individuals: readonly Player[], members: number[]): Reach {
  const m = graph.stateCount;
  if (members.every((d) => graph.moves[d]!.kind === 'groups')) {
    const parent = new Int32Array(m);
    for (let s = 0; s < m; s++) parent[s] = s;
    const find = (x: number): number => {
      let r = x;
      while (parent[r] !== r) r = parent[r]!;
      while (parent[x] !== r) {
        const next = parent[x]!;
        parent[x] = r;
        x = next;
      }
      return r;
    };
    for (const d of members) {
      const ms = graph.moves[d]! as Extract<MoveSet, { kind: 'groups' }>;
      for (let g = 0; g + 1 < ms.start.length; g++) {
        const root = find(ms.order[ms.start[g]!]!);
        for (let j = ms.start[g]! + 1; j < ms.start[g + 1]!; j++) {
          const r = find(ms.order[j]!);
          if (r !== root) parent[r] = root;
        }
      }
    }
    const partOf = new Int32Array(m);
    const ids = new Int32Array(m).fill(-1);
    let parts = 0;
    for (let s = 0; s < m; s++) {
      const r = find(s);
      if (ids[r] === -1) ids[r] = parts++;
      partOf[s] = ids[r]!;
    }
    return partsFrom(partOf, parts);
  }
  const team = members.map((d) => individuals[d]!);
  const cache: (Int32Array | undefined)[] = new Array(m);
  return {
    kind: 'lists',
    of: (s) => {
      let r = cache[s];
      if (r === undefined) {
        const found: number[] = [];
        searchSequences(graph, team, s, false, 'textbook', (t) => {
          if (t !== s) found.push(t);
          return false;
        });
        r = Int32Array.from(found);
        cache[s] = r;
      }
      return r;
    },
  };
}

/** True when x's values strictly exceed p's at s in every coordinate. */
function dominates(w: readonly Int32Array[], x: number, p: readonly Int32Array[], s: number): boolean {
  for (let d = 0; d < w.length; d++) if (w[d]![x]! <= p[d]![s]!) return false;
  return true;
}

/**
 * Flags the states s for which some state the player reaches from s has values `w` strictly above
 * s's payoffs `p` in every coordinate (w ≤ p at s itself, so s never counts for itself). Per part:
 * the skyline of `w` (maximal vectors), scanned best-first in the first coordinate.
 */
function reachDominated(reach: Reach, w: readonly Int32Array[], p: readonly Int32Array[], m: number): Uint8Array {
  const out = new Uint8Array(m);
  if (reach.kind === 'lists') {
    for (let s = 0; s < m; s++)
      for (const t of reach.of(s))
        if (dominates(w, t, p, s)) {
          out[s] = 1;
          break;
        }
    return out;
  }
  const { sorted, skyStart, sky } = partIndex(reach, w);
  for (let part = 0; part + 1 < reach.start.length; part++)
    for (let j = reach.start[part]!; j < reach.start[part + 1]!; j++) {
      const s = sorted[j]!;
      if (someDominates(sky, skyStart[part]!, skyStart[part + 1]!, w, p, s)) out[s] = 1;
    }
  return out;
}

/** True when a skyline entry (first coordinate descending) strictly dominates p at s. */
function someDominates(
  sky: Int32Array,
  from: number,
  to: number,
  w: readonly Int32Array[],
  p: readonly Int32Array[],
  s: number,
): boolean {
  const p0 = p[0]![s]!;
  for (let j = from; j < to; j++) {
    const y = sky[j]!;
    if (w[0]![y]! <= p0) return false;
    if (dominates(w, y, p, s)) return true;
  }
  return false;
}

/**
 * Per part: its states sorted by the values `w`, best first lexicographically (so by the first
 * coordinate descending), and its skyline (the vectors no other state weakly dominates, one per value).
 */
function partIndex(reach: Extract<Reach, { kind: 'parts' }>, w: readonly Int32Array[]) {
  const { start, order } = reach;
  const k = w.length;
  const sorted = Int32Array.from(order);
  const skyStart = new Int32Array(start.length);
  const sky: number[] = [];
  const byValue = (x: number, y: number) => {
    for (let d = 0; d < k; d++) if (w[d]![x] !== w[d]![y]) return w[d]![y]! - w[d]![x]!;
    return 0;
  };
  for (let part = 0; part + 1 < start.length; part++) {
    skyStart[part] = sky.length;
    const a = start[part]!;
    const b = start[part + 1]!;
    if (b - a > 1) sorted.subarray(a, b).sort(byValue);
    for (let j = a; j < b; j++) {
      const x = sorted[j]!;
      let covered = false;
      for (let q = skyStart[part]!; q < sky.length && !covered; q++) {
        const y = sky[q]!;
        covered = true;
        for (let d = 0; d < k && covered; d++) if (w[d]![y]! < w[d]![x]!) covered = false;
      }
      if (!covered) sky.push(x);
    }
  }
  skyStart[start.length - 1] = sky.length;
  return { sorted, skyStart, sky: Int32Array.from(sky) };
}

/** out[t] = min of x over the player's moves from t (`improving`: those every member strictly prefers). */
function minOverPlayerMoves(
  graph: ConflictGraph,
  player: FastPlayer,
  x: Int32Array,
  out: Int32Array,
  improving: boolean,
): void {
  const ms = player.moves!;
  const members = player.members;
  if (!improving || members.length === 1) {
    minOverMoves(ms, x, out, improving ? graph.payoffs[members[0]!]! : null);
    return;
  }
  const pays = members.map((d) => graph.payoffs[d]!);
  const better = (u: number, t: number) => pays.every((pay) => pay[u]! > pay[t]!);
  if (ms.kind === 'lists') {
    for (let t = 0; t + 1 < ms.offsets.length; t++) {
      let best = INF;
      for (let j = ms.offsets[t]!; j < ms.offsets[t + 1]!; j++) {
        const u = ms.targets[j]!;
        if (x[u]! < best && better(u, t)) best = x[u]!;
      }
      out[t] = best;
    }
    return;
  }
  // A block's improvements are a partial order inside the group: compare the pairs.
  const { order, start } = ms;
  for (let g = 0; g + 1 < start.length; g++)
    for (let i = start[g]!; i < start[g + 1]!; i++) {
      const t = order[i]!;
      let best = INF;
      for (let j = start[g]!; j < start[g + 1]!; j++) {
        const u = order[j]!;
        if (x[u]! < best && u !== t && better(u, t)) best = x[u]!;
      }
      out[t] = best;
    }
}

/**
 * For every state s1, the lowest value of `v` the opponent players reach from s1 by at least one
 * move (`sanctionMinima`'s recursion, with players that may be coalitions); `improving`: each move
 * an improvement for its mover.
 */
function playerSanctionMinima(
  graph: ConflictGraph,
  opponents: readonly FastPlayer[],
  v: Int32Array,
  improving: boolean,
  semantics: Semantics,
): Int32Array {
  return sanctionMinimaBy(graph.stateCount, opponents.length, v, semantics, (a, values, out) =>
    minOverPlayerMoves(graph, opponents[a]!, values, out, improving),
  );
}

/**
 * Breadth-first searches over (state, memory) of the opponents' sequences (textbook: memory = last
 * mover; gmcrpy: the set of movers used), on typed arrays reused across searches (a stamp per search
 * instead of clearing). `find(start, ok)`: is some state reached from start by at least one move ok?
 */
function sequenceSearch(graph: ConflictGraph, opponents: readonly FastPlayer[], semantics: Semantics) {
  const m = graph.stateCount;
  const n = opponents.length;
  const textbook = semantics === 'textbook';
  const memos = textbook ? n + 1 : 1 << n;
  const seen = new Int32Array(m * memos);
  const queue = new Int32Array(m * memos);
  const moves = opponents.map((p) => p.moves!);
  let stamp = 0;
  return (start: number, ok: (s2: number) => boolean): boolean => {
    stamp++;
    let head = 0;
    let tail = 0;
    seen[start * memos] = stamp;
    queue[tail++] = start * memos;
    while (head < tail) {
      const node = queue[head++]!;
      const t = (node / memos) | 0;
      const memo = node - t * memos;
      for (let a = 0; a < n; a++) {
        if (textbook ? memo === a + 1 : (memo & (1 << a)) !== 0) continue;
        const next = textbook ? a + 1 : memo | (1 << a);
        const ms = moves[a]!;
        let from: number;
        let to: number;
        let list: Int32Array;
        if (ms.kind === 'lists') {
          from = ms.offsets[t]!;
          to = ms.offsets[t + 1]!;
          list = ms.targets;
        } else {
          const g = ms.groupOf[t]!;
          from = ms.start[g]!;
          to = ms.start[g + 1]!;
          list = ms.order;
        }
        for (let j = from; j < to; j++) {
          const u = list[j]!;
          if (u === t) continue;
          const key = u * memos + next;
          if (seen[key] === stamp) continue;
          seen[key] = stamp;
          if (ok(u)) return true;
          queue[tail++] = key;
        }
      }
    }
    return false;
  };
}

/**
 * Stability of every state for one player under one concept (1 = stable), `gmrFlags` given for SMR
 * with two or more members. `skip[s]`: the state's verdict no longer matters (every member already
 * unstable), so the SMR search may leave it out.
 */
function playerStability(
  graph: ConflictGraph,
  focal: FastPlayer,
  opponents: readonly FastPlayer[],
  concept: Concept,
  semantics: Semantics,
  gmrFlags: Uint8Array | null,
  skip: (s: number) => boolean,
  signal: AbortSignal | undefined,
): Uint8Array {
  const m = graph.stateCount;
  const pays = focal.members.map((d) => graph.payoffs[d]!);
  let w: Int32Array[] = pays;
  if (concept === 'gmr' || concept === 'seq' || (concept === 'smr' && pays.length === 1)) {
    w = pays.map((pay) => {
      let value = pay;
      if (concept === 'smr') {
        // A sanction state counts at the value of the best state the (single) focal DM escapes to.
        const bestEscape = new Int32Array(m);
        maxOverMoves(focal.moves!, pay, bestEscape, null);
        value = new Int32Array(m);
        for (let s = 0; s < m; s++) value[s] = Math.max(pay[s]!, bestEscape[s]!);
      }
      const worst = playerSanctionMinima(graph, opponents, value, concept === 'seq', semantics);
      for (let s = 0; s < m; s++) if (pay[s]! < worst[s]!) worst[s] = pay[s]!;
      return worst;
    });
  }
  if (concept !== 'smr' || pays.length === 1) {
    const unstable = reachDominated(focal.reach, w, pays, m);
    for (let s = 0; s < m; s++) unstable[s] = unstable[s] ? 0 : 1;
    return unstable;
  }
  return smrSearch(graph, focal, opponents, semantics, gmrFlags!, skip, signal);
}

/**
 * SMR for a player of two or more members, per state: every improvement s1 needs an opponents'
 * sequence to a state s2 that some member does not prefer to s and from which the player reaches
 * nothing every member prefers to s. Only states stable under GMR with an improvement are searched.
 */
function smrSearch(
  graph: ConflictGraph,
  focal: FastPlayer,
  opponents: readonly FastPlayer[],
  semantics: Semantics,
  gmrFlags: Uint8Array,
  skip: (s: number) => boolean,
  signal: AbortSignal | undefined,
): Uint8Array {
  const m = graph.stateCount;
  // With no opponents nothing is sanctioned: SMR is GMR (stable iff no improvement).
  if (opponents.length === 0) return Uint8Array.from(gmrFlags);
  const pays = focal.members.map((d) => graph.payoffs[d]!);
  const search = sequenceSearch(graph, opponents, semantics);
  const reach = focal.reach;
  const flags = new Uint8Array(m);
  const index = reach.kind === 'parts' ? partIndex(reach, pays) : null;
  for (let s = 0; s < m; s++) {
    if ((s & 1023) === 0) checkCancel(signal);
    if (gmrFlags[s] === 0 || skip(s)) continue;
    const allBetter = (x: number) => dominates(pays, x, pays, s);
    // A state from which the player reaches (or is at) a state every member prefers to s.
    const escapes = (x: number): boolean => {
      if (reach.kind === 'lists') return allBetter(x) || reach.of(x).some(allBetter);
      const part = reach.partOf[x]!;
      return someDominates(index!.sky, index!.skyStart[part]!, index!.skyStart[part + 1]!, pays, pays, s);
    };
    const sanctioned = (s1: number) => !allBetter(s1) || search(s1, (s2) => !escapes(s2));
    let stable = 1;
    if (reach.kind === 'parts') {
      // States sorted by the first member's payoff, best first: the improvements are in the prefix.
      const part = reach.partOf[s]!;
      const p0 = pays[0]![s]!;
      for (let j = reach.start[part]!; j < reach.start[part + 1]! && stable; j++) {
        const x = index!.sorted[j]!;
        if (pays[0]![x]! <= p0) break;
        if (!sanctioned(x)) stable = 0;
      }
    } else for (const t of reach.of(s)) if (stable && !sanctioned(t)) stable = 0;
    flags[s] = stable;
  }
  return flags;
}

/** A fixed partition's blocks as fast players (a block's joint moves over its members' options). */
function blockPlayers(graph: ConflictGraph, blocks: number[][]): FastPlayer[] {
  const hidden = misperceivedStates(graph.model, graph.decimals);
  return blocks.map((members) => {
    let moves: MoveSet;
    if (members.length === 1) moves = graph.moves[members[0]!]!;
    else {
      let union: Uint8Array | null = null;
      for (const d of members) {
        const h = hidden[d];
        if (!h) continue;
        union ??= new Uint8Array(graph.stateCount);
        for (let s = 0; s < h.length; s++) if (h[s]) union[s] = 1;
      }
      const options = members.flatMap((d) => graph.model.decisionMakers[d]!.options);
      moves = buildMoveSet(graph.model, graph.decimals, graph.indexOf, options, union, graph.payoffs[members[0]!]!);
    }
    return { members, moves, reach: moveSetReach(moves) };
  });
}

/** Fixed-partition stability (gmcr-py coalition mode) on the fast engine: per concept, per block. */
export function fastPartitionStability(
  graph: ConflictGraph,
  blocks: number[][],
  semantics: Semantics,
  options: CoalitionRunOptions = {},
): Record<Concept, Uint8Array[]> {
  const players = blockPlayers(graph, blocks);
  const out = {} as Record<Concept, Uint8Array[]>;
  const total = CONCEPTS.length * players.length;
  let done = 0;
  for (const c of CONCEPTS) {
    out[c] = players.map((focal, p) => {
      checkCancel(options.signal);
      const opponents = players.filter((_, q) => q !== p);
      const gmr = c === 'smr' ? out.gmr[p]! : null;
      const flags = playerStability(graph, focal, opponents, c, semantics, gmr, () => false, options.signal);
      options.onProgress?.(++done, total);
      return flags;
    });
  }
  return out;
}

/**
 * Inohara & Hipel (2008) coalition stability over all coalitions on the fast engine: per concept,
 * per DM, per state, 1 when stable for every coalition containing the DM (see coalitions.ts).
 */
export function fastAllCoalitionStability(
  graph: ConflictGraph,
  semantics: Semantics,
  options: CoalitionRunOptions = {},
): Record<Concept, Uint8Array[]> {
  const n = graph.payoffs.length;
  const m = graph.stateCount;
  const individuals = individualPlayers(graph);
  const singles: FastPlayer[] = graph.moves.map((ms, d) => ({ members: [d], moves: ms, reach: moveSetReach(ms) }));
  const stability = {} as Record<Concept, Uint8Array[]>;
  for (const c of CONCEPTS) stability[c] = singles.map(() => new Uint8Array(m).fill(1));
  const total = (1 << n) - 1;
  for (let mask = 1; mask < 1 << n; mask++) {
    checkCancel(options.signal);
    const members = singles.flatMap((_, d) => ((mask >> d) & 1 ? [d] : []));
    if (members.length === 1) {
      // H = {i}: the concepts are the individual ones.
      for (const c of CONCEPTS) stability[c][members[0]!]!.set(stabilityFor(graph, members[0]!, c, semantics));
    } else {
      const focal: FastPlayer = { members, moves: null, reach: coalitionReach(graph, individuals, members) };
      const opponents = singles.filter((_, d) => ((mask >> d) & 1) === 0);
      let gmr: Uint8Array | null = null;
      for (const c of ['nash', 'gmr', 'seq', 'smr'] as const) {
        const table = stability[c];
        const skip = (s: number) => members.every((d) => table[d]![s] === 0);
        const flags = playerStability(graph, focal, opponents, c, semantics, gmr, skip, options.signal);
        if (c === 'gmr') gmr = flags;
        for (let s = 0; s < m; s++) if (flags[s] === 0) for (const d of members) table[d]![s] = 0;
      }
    }
    options.onProgress?.(mask, total);
  }
  return stability;
}

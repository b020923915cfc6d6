import { buildMoveSet, misperceivedStates, movesFrom } from './compile';
import type { Concept, ConflictGraph, Semantics } from './types';

/**
 * A player for the definitional solver: one DM or a block of DMs acting together. Its preference
 * over a pair is "every member strictly prefers" (a block improves only if all members gain).
 */
export interface Player {
  name: string;
  members: number[];
  moves: (s: number) => number[];
}

/** True when every member of the player strictly prefers state a to state b. */
export function allPrefer(graph: ConflictGraph, members: readonly number[], a: number, b: number): boolean {
  return members.every((d) => graph.payoffs[d]![a]! > graph.payoffs[d]![b]!);
}

/** The individual DMs as players, with their compiled moves. */
export function individualPlayers(graph: ConflictGraph): Player[] {
  return graph.model.decisionMakers.map((dm, d) => ({
    name: dm.name,
    members: [d],
    moves: cachedMoves(graph.stateCount, (s) => movesFrom(graph.moves[d]!, s)),
  }));
}

/** Largest conflict whose move lists the definitional players keep once computed. */
const MOVE_CACHE_STATES = 1 << 16;

/** The searches ask for the same state's moves many times: keep each list once built (small conflicts only). */
function cachedMoves(stateCount: number, moves: (s: number) => number[]): (s: number) => number[] {
  if (stateCount > MOVE_CACHE_STATES) return moves;
  const cache: (number[] | undefined)[] = new Array(stateCount);
  return (s) => {
    let r = cache[s];
    if (r === undefined) {
      r = moves(s);
      cache[s] = r;
    }
    return r;
  };
}

/**
 * The players of a fixed coalition partition (gmcr-py coalition mode): each block moves any of
 * its members' options jointly; a state is hidden from the block if any member misperceives it.
 */
export function partitionPlayers(graph: ConflictGraph, blocks: number[][]): Player[] {
  const hidden = misperceivedStates(graph.model, graph.decimals);
  return blocks.map((members) => {
    if (members.length === 1) {
      const d = members[0]!;
      return {
        name: graph.model.decisionMakers[d]!.name,
        members,
        moves: cachedMoves(graph.stateCount, (s) => movesFrom(graph.moves[d]!, s)),
      };
    }
    let union: Uint8Array | null = null;
    for (const d of members) {
      const h = hidden[d];
      if (!h) continue;
      union ??= new Uint8Array(graph.stateCount);
      for (let s = 0; s < h.length; s++) if (h[s]) union[s] = 1;
    }
    const options = members.flatMap((d) => graph.model.decisionMakers[d]!.options);
    const ms = buildMoveSet(graph.model, graph.decimals, graph.indexOf, options, union, graph.payoffs[members[0]!]!);
    return {
      name: members.map((d) => graph.model.decisionMakers[d]!.name).join(', '),
      members,
      moves: cachedMoves(graph.stateCount, (s) => movesFrom(ms, s)),
    };
  });
}

/** A move in a path: who moved, from where, to where. */
export interface Step {
  mover: number;
  from: number;
  to: number;
}

/**
 * Every sequence (length >= 1) of moves by `players` from `start`: textbook legal sequences (no
 * player twice in a row) or gmcr-py chains (each player at most once). `improving`: each move must be
 * an improvement for its mover. Calls `visit(state)` once per distinct reachable state, in order of
 * shortest sequences; stops early when `visit` returns true, and returns a shortest path to that state.
 */
export function searchSequences(
  graph: ConflictGraph,
  players: readonly Player[],
  start: number,
  improving: boolean,
  semantics: Semantics,
  visit: (state: number) => boolean,
): Step[] | null {
  const n = players.length;
  const textbook = semantics === 'textbook';
  // BFS over (state, memory): memory = last mover + 1 (textbook) or the set of used movers (gmcrpy).
  const memoCount = textbook ? n + 1 : 2 ** n;
  const seen = new Set<number>();
  const seenState = new Uint8Array(graph.stateCount);
  // Nodes in flat arrays with parent pointers: a path is rebuilt only for the state the search stops at.
  const states = [start];
  const memos = [0];
  const parents = [-1];
  const movers = [-1];
  seen.add(start * memoCount);
  const pathTo = (node: number): Step[] => {
    const path: Step[] = [];
    for (let k = node; parents[k]! >= 0; k = parents[k]!)
      path.push({ mover: movers[k]!, from: states[parents[k]!]!, to: states[k]! });
    return path.reverse();
  };
  for (let node = 0; node < states.length; node++) {
    const state = states[node]!;
    const memo = memos[node]!;
    for (let a = 0; a < n; a++) {
      if (textbook ? memo === a + 1 : (memo & (1 << a)) !== 0) continue;
      const player = players[a]!;
      const nextMemo = textbook ? a + 1 : memo | (1 << a);
      for (const t of player.moves(state)) {
        if (improving && !allPrefer(graph, player.members, t, state)) continue;
        const key = t * memoCount + nextMemo;
        if (seen.has(key)) continue;
        seen.add(key);
        states.push(t);
        memos.push(nextMemo);
        parents.push(node);
        movers.push(a);
        if (seenState[t] === 0) {
          seenState[t] = 1;
          if (visit(t)) return pathTo(states.length - 1);
        }
      }
    }
  }
  return null;
}

/** The verdict on one improvement of the focal player: deterred by which sanction path, if any. */
export interface ImprovementVerdict {
  to: number;
  sanction: Step[] | null;
}

/**
 * Checks one (focal player, state) pair by the definitions: lists the focal player's improvements
 * and, for each, a sanction path (null when not deterred). Stable iff every improvement is deterred.
 * `focalMoves` gives the focal player's moves (for coalitions: legal sequences of its members).
 */
export function checkState(
  graph: ConflictGraph,
  focal: Player,
  others: readonly Player[],
  s: number,
  concept: Concept,
  semantics: Semantics,
): { stable: boolean; improvements: ImprovementVerdict[] } {
  const members = focal.members;
  const notAllBetter = (x: number) => !allPrefer(graph, members, x, s);
  const improvements: ImprovementVerdict[] = [];
  for (const s1 of focal.moves(s)) {
    if (!allPrefer(graph, members, s1, s)) continue;
    let sanction: Step[] | null = null;
    if (concept !== 'nash') {
      const ok = (s2: number) =>
        notAllBetter(s2) && (concept !== 'smr' || focal.moves(s2).every((s3) => notAllBetter(s3)));
      sanction = searchSequences(graph, others, s1, concept === 'seq', semantics, (s2) => ok(s2));
    }
    improvements.push({ to: s1, sanction });
  }
  return { stable: improvements.every((v) => v.sanction !== null), improvements };
}

/** Stability of every state for every player under one concept, straight from the definitions. */
export function definitionalStability(
  graph: ConflictGraph,
  players: readonly Player[],
  concept: Concept,
  semantics: Semantics,
): Uint8Array[] {
  return players.map((focal, p) => {
    const others = players.filter((_, q) => q !== p);
    const flags = new Uint8Array(graph.stateCount);
    for (let s = 0; s < graph.stateCount; s++)
      flags[s] = checkState(graph, focal, others, s, concept, semantics).stable ? 1 : 0;
    return flags;
  });
}

/** A simultaneous response: the other DMs that move at once, each to one of its UIs from s, and the outcome. */
export interface SimultaneousSanction {
  moves: { dm: number; to: number }[];
  outcome: number;
}

/**
 * Looks for a simultaneous sanction of DM `dm`'s improvement s → s1 by the definition: every
 * non-empty set of other DMs, each taking one of its UIs from s, combined option by option with
 * s1; returns the first whose feasible outcome `dm` does not strictly prefer to s (null: none).
 */
export function findSimultaneousSanction(
  graph: ConflictGraph,
  dm: number,
  s: number,
  s1: number,
): SimultaneousSanction | null {
  const n = graph.payoffs.length;
  const others = Array.from({ length: n }, (_, d) => d).filter((d) => d !== dm);
  const uis = others.map((k) =>
    movesFrom(graph.moves[k]!, s).filter((t) => graph.payoffs[k]![t]! > graph.payoffs[k]![s]!),
  );
  const owner = graph.model.options.map((o) => o.dm);
  const bit = (state: number, o: number) => Math.floor(graph.decimals[state]! / 2 ** o) % 2;
  const choice: number[] = others.map(() => -1);
  const visit = (j: number): SimultaneousSanction | null => {
    if (j === others.length) {
      if (choice.every((c) => c < 0)) return null;
      let decimal = 0;
      owner.forEach((d, o) => {
        const k = others.indexOf(d);
        const from = d === dm ? s1 : k >= 0 && choice[k]! >= 0 ? choice[k]! : s;
        decimal += bit(from, o) * 2 ** o;
      });
      const outcome = graph.indexOf(decimal);
      if (outcome < 0 || graph.payoffs[dm]![outcome]! > graph.payoffs[dm]![s]!) return null;
      return {
        moves: others.flatMap((k, i) => (choice[i]! >= 0 ? [{ dm: k, to: choice[i]! }] : [])),
        outcome,
      };
    }
    for (const c of [-1, ...uis[j]!]) {
      choice[j] = c;
      const found = visit(j + 1);
      if (found) return found;
    }
    choice[j] = -1;
    return null;
  };
  return visit(0);
}

/**
 * SIM or SEQ+SIM stability of every state for every DM, straight from the definitions (textbook
 * semantics for the SEQ part of SEQ+SIM: each UI deterred by a SEQ or a simultaneous sanction).
 */
export function definitionalSimStability(
  graph: ConflictGraph,
  concept: 'sim' | 'seqsim',
  semantics: Semantics,
): Uint8Array[] {
  const players = individualPlayers(graph);
  return players.map((focal, d) => {
    const others = players.filter((_, q) => q !== d);
    const flags = new Uint8Array(graph.stateCount);
    for (let s = 0; s < graph.stateCount; s++) {
      const seq = concept === 'seqsim' ? checkState(graph, focal, others, s, 'seq', semantics) : null;
      const uis = focal.moves(s).filter((t) => graph.payoffs[d]![t]! > graph.payoffs[d]![s]!);
      flags[s] = uis.every(
        (s1) =>
          seq?.improvements.find((v) => v.to === s1)?.sanction || findSimultaneousSanction(graph, d, s, s1) !== null,
      )
        ? 1
        : 0;
    }
    return flags;
  });
}

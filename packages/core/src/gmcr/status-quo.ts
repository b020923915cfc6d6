import { EntenteError } from '../errors';
import { coalitionPlayer } from './coalitions';

/** Coalitional evolution paths still search state by state (the definitional way), so they keep the old limit. */
const COALITIONAL_PATH_STATE_LIMIT = 4096;

import { movesFrom } from './compile';
import { allPrefer, individualPlayers } from './definitional';
import type { ConceptRecord, ConflictGraph, StabilityConcept } from './types';

/** How the conflict may evolve from the status quo. */
export type EvolutionKind = 'moves' | 'improvements' | 'coalitionalImprovements';

/** A path step for status-quo analysis: the mover is a DM index list (one DM, or a coalition). */
export interface EvolutionStep {
  movers: number[];
  from: number;
  to: number;
}

/** Shortest evolution paths from the status quo to each reachable state (absent = unreachable). */
export interface ReachResult {
  kind: EvolutionKind;
  statusQuo: number;
  /** Per concept: equilibria reachable, each with a shortest path. */
  reachable: ConceptRecord<{ state: number; path: EvolutionStep[] }[]>;
  /** Per concept: equilibria not reachable. */
  unreachable: ConceptRecord<number[]>;
}

/**
 * Breadth-first search from the status quo. `moves`/`improvements`: sequences of unilateral moves
 * (improvements) where no DM moves twice in a row; `coalitionalImprovements`: each step is a
 * coalitional improvement (some coalition's joint move that all its members strictly prefer;
 * single DMs included). Returns shortest paths per state.
 */
export function evolutionPaths(
  graph: ConflictGraph,
  statusQuo: number,
  kind: EvolutionKind,
): (EvolutionStep[] | null)[] {
  const m = graph.stateCount;
  const n = graph.payoffs.length;
  const paths: (EvolutionStep[] | null)[] = new Array(m).fill(null);
  paths[statusQuo] = [];
  if (kind === 'coalitionalImprovements') {
    if (m > COALITIONAL_PATH_STATE_LIMIT)
      throw new EntenteError(
        'GMCR_COALITION_TOO_LARGE',
        `Coalitional evolution is limited to ${COALITIONAL_PATH_STATE_LIMIT} states; this conflict has ${graph.stateCount}. Run without coalitions or reduce the model.`,
      );
    const individuals = individualPlayers(graph);
    const coalitions: number[][] = [];
    for (let mask = 1; mask < 1 << n; mask++)
      coalitions.push(individuals.flatMap((_, d) => ((mask >> d) & 1 ? [d] : [])));
    const players = coalitions.map((c) => coalitionPlayer(graph, individuals, c));
    let frontier = [statusQuo];
    while (frontier.length > 0) {
      const next: number[] = [];
      for (const s of frontier)
        players.forEach((p, j) => {
          for (const t of p.moves(s)) {
            if (paths[t] !== null || !allPrefer(graph, p.members, t, s)) continue;
            paths[t] = [...paths[s]!, { movers: coalitions[j]!, from: s, to: t }];
            next.push(t);
          }
        });
      frontier = next;
    }
    return paths;
  }
  // BFS over (state, last mover); index = state * (n + 1) + lastMover + 1.
  const parent = new Int32Array(m * (n + 1)).fill(-2);
  const start = statusQuo * (n + 1);
  parent[start] = -1;
  let frontier = [start];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const node of frontier) {
      const s = Math.floor(node / (n + 1));
      const last = (node % (n + 1)) - 1;
      for (let d = 0; d < n; d++) {
        if (d === last) continue;
        const pay = graph.payoffs[d]!;
        for (const t of movesFrom(graph.moves[d]!, s)) {
          if (kind === 'improvements' && pay[t]! <= pay[s]!) continue;
          const key = t * (n + 1) + d + 1;
          if (parent[key] !== -2) continue;
          parent[key] = node;
          next.push(key);
          if (paths[t] === null) paths[t] = unwind(parent, key, n);
        }
      }
    }
    frontier = next;
  }
  return paths;
}

function unwind(parent: Int32Array, key: number, n: number): EvolutionStep[] {
  const steps: EvolutionStep[] = [];
  let k = key;
  while (parent[k]! >= 0) {
    const p = parent[k]!;
    steps.push({ movers: [(k % (n + 1)) - 1], from: Math.floor(p / (n + 1)), to: Math.floor(k / (n + 1)) });
    k = p;
  }
  return steps.reverse();
}

/** Which equilibria (per concept) are reachable from the status quo, with a shortest path each. */
export function analyzeStatusQuo(
  graph: ConflictGraph,
  statusQuo: number,
  equilibria: ConceptRecord<number[]>,
  kind: EvolutionKind,
): ReachResult {
  const paths = evolutionPaths(graph, statusQuo, kind);
  const reachable = {} as ReachResult['reachable'];
  const unreachable = {} as ReachResult['unreachable'];
  for (const [c, states] of Object.entries(equilibria) as [StabilityConcept, number[]][]) {
    reachable[c] = states.flatMap((s) => (paths[s] ? [{ state: s, path: paths[s]! }] : []));
    unreachable[c] = states.filter((s) => paths[s] === null);
  }
  return { kind, statusQuo, reachable, unreachable };
}

import { EntenteError } from '../errors';
import { type CoalitionRunOptions, fastAllCoalitionStability, fastPartitionStability } from './coalition-fast';
import {
  checkState,
  definitionalStability,
  individualPlayers,
  type Player,
  partitionPlayers,
  searchSequences,
} from './definitional';
import { COALITION_STATE_LIMIT } from './limits';
import { equilibriaOf } from './stability';
import { CONCEPTS, type Concept, type ConflictGraph, type Semantics } from './types';

export { COALITION_STATE_LIMIT } from './limits';

function guardSize(graph: ConflictGraph, what: string): void {
  if (graph.stateCount > COALITION_STATE_LIMIT)
    throw new EntenteError(
      'GMCR_COALITION_TOO_LARGE',
      `${what} is limited to ${COALITION_STATE_LIMIT} states (2^${Math.log2(COALITION_STATE_LIMIT)}, COALITION_STATE_LIMIT); this conflict has ${graph.stateCount}. Run without coalitions or reduce the model.`,
    );
}

/** Result of gmcr-py's fixed-partition coalition mode: blocks act as single players. */
export interface PartitionResult {
  coalitions: number[][];
  players: string[];
  stability: Record<Concept, Uint8Array[]>;
  equilibria: Record<Concept, number[]>;
}

/**
 * Checks that blocks partition the DMs (unlisted DMs become singletons) and returns the full partition.
 */
export function completePartition(graph: ConflictGraph, blocks: number[][]): number[][] {
  const n = graph.model.decisionMakers.length;
  const seen = new Set<number>();
  blocks.forEach((b, j) => {
    b.forEach((d) => {
      if (!Number.isInteger(d) || d < 0 || d >= n || seen.has(d))
        throw new EntenteError(
          'GMCR_BAD_COALITIONS',
          `Coalition ${j + 1} names DM ${d}, which is unknown or already in a coalition.`,
          {
            issues: [
              { code: 'GMCR_BAD_COALITIONS', path: ['coalitions', j], message: `bad member ${d}`, severity: 'error' },
            ],
          },
        );
      seen.add(d);
    });
  });
  const out = blocks.map((b) => [...b]);
  for (let d = 0; d < n; d++) if (!seen.has(d)) out.push([d]);
  return out;
}

/** gmcr-py's coalition mode: stability of the blocks of a fixed partition, treated as players (fast engine). */
export function analyzePartition(
  graph: ConflictGraph,
  blocks: number[][],
  semantics: Semantics,
  options: CoalitionRunOptions = {},
): PartitionResult {
  guardSize(graph, 'The fixed-coalition analysis');
  const stability = fastPartitionStability(graph, blocks, semantics, options);
  const equilibria = {} as Record<Concept, number[]>;
  for (const c of CONCEPTS) equilibria[c] = equilibriaOf(stability[c], graph.stateCount);
  return { coalitions: blocks, players: blockNames(graph, blocks), stability, equilibria };
}

/** The blocks' display names, as the definitional players name them. */
function blockNames(graph: ConflictGraph, blocks: number[][]): string[] {
  return blocks.map((b) => b.map((d) => graph.model.decisionMakers[d]!.name).join(', '));
}

/** The fixed-partition analysis by the definitions (the fast engine's test oracle; small conflicts). */
export function definitionalPartition(graph: ConflictGraph, blocks: number[][], semantics: Semantics): PartitionResult {
  const players = partitionPlayers(graph, blocks);
  const stability = {} as Record<Concept, Uint8Array[]>;
  const equilibria = {} as Record<Concept, number[]>;
  for (const c of CONCEPTS) {
    stability[c] = definitionalStability(graph, players, c, semantics);
    equilibria[c] = equilibriaOf(stability[c], graph.stateCount);
  }
  return { coalitions: blocks, players: players.map((p) => p.name), stability, equilibria };
}

/** Coalition concepts over all coalitions (C-Nash, CGMR, CSMR, CSEQ). */
export interface CoalitionStabilityResult {
  /** Per concept, per DM, per state: stable for every coalition containing the DM. */
  stability: Record<Concept, Uint8Array[]>;
  equilibria: Record<Concept, number[]>;
  /** Coalitions checked (2^n − 1). */
  coalitionCount: number;
}

/**
 * Coalition stability after Inohara & Hipel (2008): for a coalition H, R_H(s) are the states H's
 * members reach by legal sequences, and a coalitional improvement is one every member of H strictly
 * prefers. s is CGMR for H iff every coalitional improvement s1 can be answered by N−H (legal
 * sequence) with a state s2 that not every member of H strictly prefers to s; CSMR also requires
 * that H then has no coalitional improvement over s from s2; CSEQ uses only sequences of unilateral
 * improvements of N−H. A state is C-stable for DM i iff it is stable for every coalition H ∋ i
 * (including {i}, where the concepts reduce to Nash, GMR, SMR, SEQ).
 */
export function analyzeAllCoalitions(
  graph: ConflictGraph,
  semantics: Semantics,
  options: CoalitionRunOptions = {},
): CoalitionStabilityResult {
  guardSize(graph, 'The coalition stability analysis');
  const n = guardDms(graph);
  const stability = fastAllCoalitionStability(graph, semantics, options);
  const equilibria = {} as Record<Concept, number[]>;
  for (const c of CONCEPTS) equilibria[c] = equilibriaOf(stability[c], graph.stateCount);
  return { stability, equilibria, coalitionCount: (1 << n) - 1 };
}

function guardDms(graph: ConflictGraph): number {
  const n = graph.model.decisionMakers.length;
  if (n > 8)
    throw new EntenteError(
      'GMCR_COALITION_TOO_LARGE',
      `Coalition stability over all coalitions is limited to 8 DMs; there are ${n}. Name the coalitions to check (--coalitions) or merge decision makers.`,
    );
  return n;
}

/** Coalition stability over all coalitions by the definitions (the fast engine's test oracle; small conflicts). */
export function definitionalAllCoalitions(graph: ConflictGraph, semantics: Semantics): CoalitionStabilityResult {
  const n = guardDms(graph);
  const individuals = individualPlayers(graph);
  const m = graph.stateCount;
  const stability = {} as Record<Concept, Uint8Array[]>;
  for (const c of CONCEPTS) stability[c] = individuals.map(() => new Uint8Array(m).fill(1));
  for (let mask = 1; mask < 1 << n; mask++) {
    const members = individuals.flatMap((_, d) => ((mask >> d) & 1 ? [d] : []));
    const others = individuals.filter((_, d) => ((mask >> d) & 1) === 0);
    const focal = coalitionPlayer(graph, individuals, members);
    for (const c of CONCEPTS) {
      for (let s = 0; s < m; s++) {
        if (members.every((d) => stability[c][d]![s] === 0)) continue;
        if (!checkState(graph, focal, others, s, c, semantics).stable) for (const d of members) stability[c][d]![s] = 0;
      }
    }
  }
  const equilibria = {} as Record<Concept, number[]>;
  for (const c of CONCEPTS) equilibria[c] = equilibriaOf(stability[c], m);
  return { stability, equilibria, coalitionCount: (1 << n) - 1 };
}

/** A coalition as one player whose moves are its members' legal sequences (cached per state). */
export function coalitionPlayer(graph: ConflictGraph, individuals: readonly Player[], members: number[]): Player {
  if (members.length === 1) return individuals[members[0]!]!;
  const team = members.map((d) => individuals[d]!);
  const cache = new Map<number, number[]>();
  return {
    name: team.map((p) => p.name).join(' + '),
    members,
    moves: (s) => {
      let r = cache.get(s);
      if (!r) {
        const found: number[] = [];
        searchSequences(graph, team, s, false, 'textbook', (t) => {
          if (t !== s) found.push(t);
          return false;
        });
        r = found.sort((a, b) => a - b);
        cache.set(s, r);
      }
      return r;
    },
  };
}

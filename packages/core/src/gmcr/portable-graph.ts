import type { ConflictGraph, GmcrModel, MoveSet } from './types';

/**
 * The parts of a compiled conflict that stability tasks read, as plain typed arrays (backed by a
 * SharedArrayBuffer when the host has one, so worker threads share them instead of copying).
 */
export interface PortableGraph {
  /** Identifies the graph, so a worker can keep one rebuilt copy for many tasks. */
  id: string;
  title: string;
  optionCount: number;
  /** Each option's DM (SIM lays decimals out by owner). */
  optionOwners: number[];
  stateCount: number;
  decimals: Uint32Array;
  payoffs: Int32Array[];
  moves: PortableMoveSet[];
}

/** A move set with its arrays (same shape as MoveSet). */
export type PortableMoveSet = MoveSet;

function share<T extends Int32Array | Uint32Array>(a: T): T {
  if (typeof SharedArrayBuffer === 'undefined') return a;
  const buffer = new SharedArrayBuffer(a.byteLength);
  const copy = (a instanceof Int32Array ? new Int32Array(buffer) : new Uint32Array(buffer)) as T;
  copy.set(a);
  return copy;
}

/** Copies a compiled graph's arrays into shared memory, with an id chosen by the caller. */
export function toPortableGraph(graph: ConflictGraph, id: string): PortableGraph {
  return {
    id,
    title: graph.model.title,
    optionCount: graph.model.options.length,
    optionOwners: graph.model.options.map((o) => o.dm),
    stateCount: graph.stateCount,
    decimals: share(graph.decimals),
    payoffs: graph.payoffs.map(share),
    moves: graph.moves.map((ms) =>
      ms.kind === 'lists'
        ? { kind: 'lists', offsets: share(ms.offsets), targets: share(ms.targets) }
        : { kind: 'groups', order: share(ms.order), start: share(ms.start), groupOf: share(ms.groupOf) },
    ),
  };
}

/**
 * Rebuilds a graph that stability functions can run on. Its model is a stub (title, options and
 * their owners only): stability, SIM and sanction computations read the arrays and the owners.
 */
export function fromPortableGraph(p: PortableGraph): ConflictGraph {
  const model: GmcrModel = {
    title: p.title,
    options: Array.from({ length: p.optionCount }, (_, k) => ({
      id: `o${k}`,
      name: `o${k}`,
      dm: p.optionOwners[k] ?? 0,
      reversibility: 'both' as const,
    })),
    decisionMakers: [],
    infeasible: [],
    preferences: [],
  };
  let indexOf: (d: number) => number;
  if (p.optionCount <= 24) {
    const table = new Int32Array(2 ** p.optionCount).fill(-1);
    for (let s = 0; s < p.decimals.length; s++) table[p.decimals[s]!] = s;
    indexOf = (d) => (d >= 0 && d < table.length ? table[d]! : -1);
  } else {
    const map = new Map<number, number>();
    for (let s = 0; s < p.decimals.length; s++) map.set(p.decimals[s]!, s);
    indexOf = (d) => map.get(d) ?? -1;
  }
  return {
    model,
    stateCount: p.stateCount,
    decimals: p.decimals,
    indexOf,
    payoffs: p.payoffs,
    moves: p.moves,
  };
}

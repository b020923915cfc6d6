import { INF, maxOverMoves, minOverMoves } from './move-reduce';
import { lastSimPlan, type SimPlan, type SimStrategy, simPlan, simultaneousStability } from './sim';
import {
  ALL_CONCEPTS,
  type Concept,
  type ConflictGraph,
  type Semantics,
  type StabilityConcept,
  type StabilityTable,
} from './types';

/**
 * Sanction values for focal DM i: for every state s1, the lowest value `v` the opponents can reach
 * from s1 (by a sequence of at least one move; `improving`: each move a UI for its mover).
 * `textbook`: legal sequences (no DM twice in a row), by fixpoint relaxation over (state, last mover).
 * `gmcrpy`: each opponent at most once, exactly, by dynamic programming over sets of used opponents.
 */
export function sanctionMinima(
  graph: ConflictGraph,
  opponents: readonly number[],
  v: Int32Array,
  improving: boolean,
  semantics: Semantics,
): Int32Array {
  return sanctionMinimaBy(graph.stateCount, opponents.length, v, semantics, (a, values, out) =>
    minOverMoves(graph.moves[opponents[a]!]!, values, out, improving ? graph.payoffs[opponents[a]!]! : null),
  );
}

/**
 * The recursion behind `sanctionMinima`, for any kind of mover (single DMs here, coalitions in
 * coalition-fast.ts): `minOver(a, values, out)` sets out[t] to the lowest `values` mover `a` reaches
 * from t in one move (INF when it has none).
 */
export function sanctionMinimaBy(
  m: number,
  n: number,
  v: Int32Array,
  semantics: Semantics,
  minOver: (a: number, values: Int32Array, out: Int32Array) => void,
): Int32Array {
  const result = new Int32Array(m).fill(INF);
  if (n === 0) return result;
  if (semantics === 'gmcrpy' || n === 1) {
    // D[U][t]: best value reachable from t by opponents not in U, each at most once.
    const full = (1 << n) - 1;
    const table: (Int32Array | undefined)[] = new Array(full + 1);
    table[full] = new Int32Array(m).fill(INF);
    const tmp = new Int32Array(m);
    const out = new Int32Array(m);
    for (let used = full - 1; used >= 0; used--) {
      const acc = new Int32Array(m).fill(INF);
      for (let a = 0; a < n; a++) {
        if (used & (1 << a)) continue;
        const after = table[used | (1 << a)]!;
        for (let t = 0; t < m; t++) tmp[t] = Math.min(v[t]!, after[t]!);
        minOver(a, tmp, out);
        for (let t = 0; t < m; t++) if (out[t]! < acc[t]!) acc[t] = out[t]!;
      }
      table[used] = acc;
      // Sets containing `used` as a subset by one more member are no longer needed once all
      // smaller sets are done; memory stays at 2^n arrays, small for realistic n.
    }
    return table[0]!;
  }
  // g[a][t]: best value from t given opponent a just moved to t (it may not move next).
  const g = Array.from({ length: n }, () => Int32Array.from(v));
  const h = Array.from({ length: n }, () => new Int32Array(m));
  for (;;) {
    for (let a = 0; a < n; a++) minOver(a, g[a]!, h[a]!);
    let changed = false;
    for (let t = 0; t < m; t++) {
      let min1 = INF;
      let min2 = INF;
      let arg = -1;
      for (let a = 0; a < n; a++) {
        const x = h[a]![t]!;
        if (x < min1) {
          min2 = min1;
          min1 = x;
          arg = a;
        } else if (x < min2) min2 = x;
      }
      result[t] = min1;
      const vt = v[t]!;
      for (let a = 0; a < n; a++) {
        let nv = a === arg ? min2 : min1;
        if (vt < nv) nv = vt;
        const ga = g[a]!;
        if (nv < ga[t]!) {
          ga[t] = nv;
          changed = true;
        }
      }
    }
    if (!changed) return result;
  }
}

function opponentsOf(graph: ConflictGraph, dm: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < graph.payoffs.length; d++) if (d !== dm) out.push(d);
  return out;
}

/** SEQ sanction values for DM `dm`'s SEQ+SIM: the lowest payoff of `dm` its opponents reach from each state by UIs. */
export function seqSanctionWorst(graph: ConflictGraph, dm: number, semantics: Semantics): Int32Array {
  return sanctionMinima(graph, opponentsOf(graph, dm), graph.payoffs[dm]!, true, semantics);
}

/**
 * Stability of every state for DM `dm` under one concept (1 = stable). For SEQ+SIM, `simFlags`
 * may give DM `dm`'s SIM flags (asked for once the SEQ sanctions are known, so a thread can wait
 * for another that computes them): SIM-stable states are SEQ+SIM-stable and are not walked again.
 * `planFor` gives the textbook walk's plan of a DM (e.g. `lastSimPlan`, so SEQ+SIM reuses SIM's).
 */
export function stabilityFor(
  graph: ConflictGraph,
  dm: number,
  concept: StabilityConcept,
  semantics: Semantics,
  simStrategy: SimStrategy = 'auto',
  simFlags: () => Uint8Array | null = () => null,
  planFor: (dm: number) => SimPlan = (d) => simPlan(graph, d),
): Uint8Array {
  if (concept === 'sim') return simultaneousStability(graph, dm, semantics, null, simStrategy, planFor);
  if (concept === 'seqsim') {
    const seqWorst = seqSanctionWorst(graph, dm, semantics);
    const seqFlags = semantics === 'gmcrpy' ? classicalStability(graph, dm, 'seq', semantics) : new Uint8Array(0);
    const withSeq = { seqWorst, seqFlags, simFlags: simFlags() };
    return simultaneousStability(graph, dm, semantics, withSeq, simStrategy, planFor);
  }
  return classicalStability(graph, dm, concept, semantics);
}

function classicalStability(graph: ConflictGraph, dm: number, concept: Concept, semantics: Semantics): Uint8Array {
  const m = graph.stateCount;
  const pay = graph.payoffs[dm]!;
  const own = graph.moves[dm]!;
  const flags = new Uint8Array(m);
  if (concept === 'nash') {
    const best = new Int32Array(m);
    maxOverMoves(own, pay, best, pay);
    for (let s = 0; s < m; s++) flags[s] = best[s]! === -INF ? 1 : 0;
    return flags;
  }
  const opponents = opponentsOf(graph, dm);
  let value = pay;
  if (concept === 'smr') {
    // A sanction state only counts at the value of the best state DM can then escape to.
    const bestEscape = new Int32Array(m);
    maxOverMoves(own, pay, bestEscape, null);
    value = new Int32Array(m);
    for (let s = 0; s < m; s++) value[s] = Math.max(pay[s]!, bestEscape[s]!);
  }
  const worst = sanctionMinima(graph, opponents, value, concept === 'seq', semantics);
  // s is stable iff every UI s1 has worst(s1) <= pay(s): compare the largest worst over UIs.
  const maxWorst = new Int32Array(m);
  maxOverMoves(own, worst, maxWorst, pay);
  for (let s = 0; s < m; s++) flags[s] = maxWorst[s]! <= pay[s]! ? 1 : 0;
  return flags;
}

/** One unit of independent work: a DM and a concept. */
export interface StabilityTask {
  dm: number;
  concept: StabilityConcept;
}

/**
 * Runs independent stability tasks; the default runs them in turn. A host may supply one that
 * spreads them over worker threads (core itself stays free of threads and I/O).
 */
export type WorkSplitter = (
  graph: ConflictGraph,
  tasks: StabilityTask[],
  semantics: Semantics,
) => Promise<Uint8Array[]>;

/**
 * The in-process work splitter: tasks one after another, each DM's SIM just before its SEQ+SIM, so
 * the second walks only the SIM-unstable states and reuses the first's plan.
 */
export const runTasksInTurn: WorkSplitter = async (graph, tasks, semantics) => {
  const sim = new Map<number, Uint8Array>();
  const planFor = lastSimPlan(graph);
  const rank = (t: StabilityTask) => (t.concept === 'sim' || t.concept === 'seqsim' ? 1 + 2 * t.dm : 0);
  const order = tasks.map((_, j) => j);
  order.sort(
    (a, b) =>
      rank(tasks[a]!) - rank(tasks[b]!) ||
      Number(tasks[a]!.concept === 'seqsim') - Number(tasks[b]!.concept === 'seqsim') ||
      a - b,
  );
  const results: Uint8Array[] = new Array(tasks.length);
  for (const j of order) {
    const t = tasks[j]!;
    results[j] = stabilityFor(graph, t.dm, t.concept, semantics, 'auto', () => sim.get(t.dm) ?? null, planFor);
    if (t.concept === 'sim') sim.set(t.dm, results[j]!);
  }
  return results;
};

/** Stability tables for all DMs and the requested concepts. */
export function analyzeStability(
  graph: ConflictGraph,
  semantics: Semantics,
  concepts: readonly StabilityConcept[] = ALL_CONCEPTS,
): StabilityTable {
  const table = {} as StabilityTable;
  for (const c of ALL_CONCEPTS) table[c] = [];
  const simple = concepts.filter((c) => c !== 'sim' && c !== 'seqsim');
  for (const c of simple) table[c] = graph.payoffs.map((_, dm) => stabilityFor(graph, dm, c, semantics));
  // Per DM, SIM before SEQ+SIM: SEQ+SIM walks only the SIM-unstable states, over SIM's plan.
  const planFor = lastSimPlan(graph);
  for (let dm = 0; dm < graph.payoffs.length; dm++)
    for (const c of ['sim', 'seqsim'] as const)
      if (concepts.includes(c))
        table[c][dm] = stabilityFor(graph, dm, c, semantics, 'auto', () => table.sim[dm] ?? null, planFor);
  return table;
}

/** Stability tables computed through a work splitter (e.g. worker threads). */
export async function analyzeStabilityWith(
  graph: ConflictGraph,
  semantics: Semantics,
  split: WorkSplitter,
  concepts: readonly StabilityConcept[] = ALL_CONCEPTS,
): Promise<StabilityTable> {
  const tasks: StabilityTask[] = [];
  for (const concept of concepts) for (let dm = 0; dm < graph.payoffs.length; dm++) tasks.push({ dm, concept });
  const results = await split(graph, tasks, semantics);
  const table = {} as StabilityTable;
  for (const c of ALL_CONCEPTS) table[c] = [];
  tasks.forEach((t, j) => {
    table[t.concept][t.dm] = results[j]!;
  });
  return table;
}

/** States stable for every DM under a concept. */
export function equilibriaOf(flags: Uint8Array[], stateCount: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < stateCount; s++) if (flags.every((f) => f[s] === 1)) out.push(s);
  return out;
}

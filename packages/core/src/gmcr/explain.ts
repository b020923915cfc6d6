import { movesFrom, patternOf } from './compile';
import {
  checkState,
  findSimultaneousSanction,
  individualPlayers,
  type SimultaneousSanction,
  type Step,
} from './definitional';
import type { Concept, ConflictGraph, Semantics, SimultaneousConcept } from './types';

/** Why one state is or is not stable for one DM under one concept. */
export interface StabilityExplanation {
  dm: number;
  state: number;
  concept: Concept;
  stable: boolean;
  /** Each unilateral improvement, with the sanction path that deters it (null: not deterred). */
  improvements: { to: number; sanction: Step[] | null }[];
  text: string;
}

/** How explanations name decision maker `d`: its id (`DM<id>` when the id is a number); the name is in the legend. */
export function dmRef(graph: ConflictGraph, d: number): string {
  const id = graph.model.decisionMakers[d]!.id;
  return /^\d+$/.test(id) ? `DM${id}` : id;
}

/** How explanations name option `k`: its id (`o<id>` when the id is a number); the label is in the legend. */
export function optionRef(graph: ConflictGraph, k: number): string {
  const id = graph.model.options[k]!.id;
  return /^\d+$/.test(id) ? `o${id}` : id;
}

/** A state's short name: its label (if the input gave one) or id, with its Y/N option pattern. */
export function stateName(graph: ConflictGraph, s: number): string {
  const d = graph.decimals[s]!;
  const label = graph.model.stateLabels?.get(d);
  return `${label !== undefined ? `${label}` : `state ${s}`} [${patternOf(d, graph.model.options.length)}]`;
}

/**
 * The option changes of a move, e.g. "takes 'air_strike' and drops 'blockade'". Options are named by
 * id, not label, so that an explanation's size does not grow with the labels (issue 10: a 3.9 MB
 * upload once produced a 316 MB answer).
 */
export function describeMove(graph: ConflictGraph, from: number, to: number): string {
  const a = graph.decimals[from]!;
  const b = graph.decimals[to]!;
  const taken: string[] = [];
  const dropped: string[] = [];
  for (let k = 0; k < graph.model.options.length; k++) {
    const x = (a >>> k) & 1;
    const y = (b >>> k) & 1;
    if (x === 0 && y === 1) taken.push(`'${optionRef(graph, k)}'`);
    if (x === 1 && y === 0) dropped.push(`'${optionRef(graph, k)}'`);
  }
  const parts = [];
  if (taken.length > 0) parts.push(`takes ${taken.join(', ')}`);
  if (dropped.length > 0) parts.push(`drops ${dropped.join(', ')}`);
  return parts.join(' and ') || 'moves';
}

function describePath(graph: ConflictGraph, movers: readonly number[], path: readonly Step[]): string {
  return path
    .map(
      (st) =>
        `${dmRef(graph, movers[st.mover]!)} ${describeMove(graph, st.from, st.to)} (→ ${stateName(graph, st.to)})`,
    )
    .join(', then ');
}

const CONCEPT_NAMES: Record<Concept, string> = { nash: 'Nash', gmr: 'GMR', smr: 'SMR', seq: 'SEQ' };

/** Explains the verdict for DM `dm` at state `s` under `concept`, naming DMs and options. */
export function explainState(
  graph: ConflictGraph,
  dm: number,
  s: number,
  concept: Concept,
  semantics: Semantics,
): StabilityExplanation {
  const players = individualPlayers(graph);
  const others = players.filter((_, q) => q !== dm);
  const movers = others.map((p) => p.members[0]!);
  const { stable, improvements } = checkState(graph, players[dm]!, others, s, concept, semantics);
  const who = dmRef(graph, dm);
  const at = stateName(graph, s);
  const lines: string[] = [];
  if (improvements.length === 0)
    lines.push(`${who} has no unilateral improvement from ${at}: stable (${CONCEPT_NAMES[concept]}).`);
  for (const imp of improvements) {
    const move = `${who} can improve from ${at} to ${stateName(graph, imp.to)} (${who} ${describeMove(graph, s, imp.to)})`;
    if (concept === 'nash') lines.push(`${move}: not Nash stable.`);
    else if (imp.sanction)
      lines.push(
        `${move}, but is deterred under ${CONCEPT_NAMES[concept]}: ${describePath(graph, movers, imp.sanction)}, which ${who} does not prefer to ${at}${concept === 'smr' ? ' and from which it cannot escape to a state it prefers' : ''}.`,
      );
    else
      lines.push(
        `${move}, and no ${concept === 'seq' ? 'credible ' : ''}sanction deters it: unstable (${CONCEPT_NAMES[concept]}).`,
      );
  }
  return { dm, state: s, concept, stable, improvements, text: lines.join('\n') };
}

/** One UI under SIM or SEQ+SIM and what deters it: a simultaneous response, a SEQ path, or nothing. */
export interface SimultaneousVerdict {
  to: number;
  simultaneous: SimultaneousSanction | null;
  /** SEQ+SIM only: a sequential sanction path (opponents' UIs) when one deters it. */
  sequential?: Step[] | null;
}

/** Why one state is or is not SIM (or SEQ+SIM) stable for one DM. */
export interface SimultaneousExplanation {
  dm: number;
  state: number;
  concept: SimultaneousConcept;
  stable: boolean;
  improvements: SimultaneousVerdict[];
  text: string;
}

/**
 * gmcr-py's SIM check of one state, witness by witness: one response enumeration (each other DM
 * stays or takes a UI, in DM order, UIs by id, last DM fastest) shared by the focal DM's UIs taken
 * by id. Returns the verdict of each UI examined; the list stops at the first UI left undeterred.
 */
function gmcrpySimultaneousWitnesses(graph: ConflictGraph, dm: number, s: number): SimultaneousVerdict[] {
  const pay = graph.payoffs[dm]!;
  const others = graph.payoffs.map((_, d) => d).filter((d) => d !== dm);
  const uisOf = (d: number) =>
    movesFrom(graph.moves[d]!, s).filter((t) => graph.payoffs[d]![t]! > graph.payoffs[d]![s]!);
  const replies = others.map(uisOf);
  const total = replies.reduce((acc, r) => acc * (r.length + 1), 1);
  const base = graph.decimals[s]!;
  let next = 0;
  const out: SimultaneousVerdict[] = [];
  for (const s1 of uisOf(dm)) {
    let found: SimultaneousSanction | null = null;
    while (next < total && !found) {
      // Decode the response number into digits, last DM fastest (0 = stays).
      let rest = next++;
      const moves: { dm: number; to: number }[] = [];
      for (let j = others.length - 1; j >= 0; j--) {
        const radix = replies[j]!.length + 1;
        const r = rest % radix;
        rest = Math.floor(rest / radix);
        if (r > 0) moves.unshift({ dm: others[j]!, to: replies[j]![r - 1]! });
      }
      if (moves.length === 0) continue;
      let decimal = graph.decimals[s1]!;
      for (const mv of moves) decimal = (decimal ^ graph.decimals[mv.to]! ^ base) >>> 0;
      const outcome = graph.indexOf(decimal);
      if (outcome >= 0 && pay[outcome]! <= pay[s]!) found = { moves, outcome };
    }
    out.push({ to: s1, simultaneous: found });
    if (!found) break;
  }
  return out;
}

/**
 * Explains the SIM or SEQ+SIM verdict for DM `dm` at state `s`: each UI and the simultaneous
 * response (or, for SEQ+SIM, the sequential sanction) that deters it, naming DMs and options.
 * `gmcrpy` follows gmcr-py's enumeration (and its SEQ+SIM = SEQ-stable or SIM-stable).
 */
export function explainSimultaneous(
  graph: ConflictGraph,
  dm: number,
  s: number,
  concept: SimultaneousConcept,
  semantics: Semantics,
): SimultaneousExplanation {
  const who = dmRef(graph, dm);
  const at = stateName(graph, s);
  const title = concept === 'sim' ? 'SIM' : 'SEQ+SIM';
  const players = individualPlayers(graph);
  const others = players.filter((_, q) => q !== dm);
  const movers = others.map((p) => p.members[0]!);
  const lines: string[] = [];
  let improvements: SimultaneousVerdict[];
  let stable: boolean;
  const seq = concept === 'seqsim' ? checkState(graph, players[dm]!, others, s, 'seq', semantics) : null;
  if (semantics === 'gmcrpy') {
    if (seq?.stable) {
      improvements = seq.improvements.map((v) => ({ to: v.to, simultaneous: null, sequential: v.sanction }));
      stable = true;
      lines.push(`${who} is SEQ-stable at ${at}, hence SEQ+SIM-stable (gmcr-py: SEQ-stable or SIM-stable).`);
    } else {
      improvements = gmcrpySimultaneousWitnesses(graph, dm, s);
      stable = improvements.every((v) => v.simultaneous !== null);
      if (concept === 'seqsim') lines.push(`${who} is not SEQ-stable at ${at}; SEQ+SIM then rests on SIM.`);
    }
  } else {
    const uis = movesFrom(graph.moves[dm]!, s).filter((t) => graph.payoffs[dm]![t]! > graph.payoffs[dm]![s]!);
    improvements = uis.map((to) => {
      const sequential = seq?.improvements.find((v) => v.to === to)?.sanction ?? null;
      if (seq && sequential) return { to, simultaneous: null, sequential };
      const simultaneous = findSimultaneousSanction(graph, dm, s, to);
      return seq ? { to, simultaneous, sequential } : { to, simultaneous };
    });
    stable = improvements.every((v) => v.simultaneous !== null || (v.sequential ?? null) !== null);
  }
  if (improvements.length === 0) lines.push(`${who} has no unilateral improvement from ${at}: stable (${title}).`);
  for (const imp of improvements) {
    const move = `${who} can improve from ${at} to ${stateName(graph, imp.to)} (${who} ${describeMove(graph, s, imp.to)})`;
    if (imp.sequential)
      lines.push(
        `${move}, but is deterred under ${title} by a sequential sanction: ${describePath(graph, movers, imp.sequential)}, which ${who} does not prefer to ${at}.`,
      );
    else if (imp.simultaneous)
      lines.push(
        `${move}, but is deterred under ${title}: at the same time ${imp.simultaneous.moves
          .map((mv) => `${dmRef(graph, mv.dm)} ${describeMove(graph, s, mv.to)}`)
          .join(
            ' and ',
          )}, which leads to ${stateName(graph, imp.simultaneous.outcome)}, which ${who} does not prefer to ${at}.`,
      );
    else if (semantics === 'gmcrpy' && seq?.stable !== true)
      lines.push(
        `${move}, and the responses left in gmcr-py's enumeration (shared by ${who}'s improvements from this state) contain no simultaneous sanction: unstable (${title}).`,
      );
    else
      lines.push(
        `${move}, and no simultaneous response of the others${concept === 'seqsim' ? ' nor credible sequential sanction' : ''} deters it: unstable (${title}).`,
      );
  }
  return { dm, state: s, concept, stable, improvements, text: lines.join('\n') };
}

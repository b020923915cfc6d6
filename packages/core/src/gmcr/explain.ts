import { patternOf } from './compile';
import { checkState, individualPlayers, type Step } from './definitional';
import type { Concept, ConflictGraph, Semantics } from './types';

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

/** A state's display name: its label (if the input gave one) or id, with its Y/N option pattern. */
export function stateName(graph: ConflictGraph, s: number): string {
  const d = graph.decimals[s]!;
  const label = graph.model.stateLabels?.get(d);
  return `${label !== undefined ? `${label}` : `state ${s}`} [${patternOf(d, graph.model.options.length)}]`;
}

/** The option changes of a move in words, e.g. "takes Air Strike and drops Blockade". */
export function describeMove(graph: ConflictGraph, from: number, to: number): string {
  const a = graph.decimals[from]!;
  const b = graph.decimals[to]!;
  const taken: string[] = [];
  const dropped: string[] = [];
  graph.model.options.forEach((o, k) => {
    const x = (a >>> k) & 1;
    const y = (b >>> k) & 1;
    if (x === 0 && y === 1) taken.push(`'${o.name}'`);
    if (x === 1 && y === 0) dropped.push(`'${o.name}'`);
  });
  const parts = [];
  if (taken.length > 0) parts.push(`takes ${taken.join(', ')}`);
  if (dropped.length > 0) parts.push(`drops ${dropped.join(', ')}`);
  return parts.join(' and ') || 'moves';
}

function describePath(graph: ConflictGraph, movers: readonly number[], path: readonly Step[]): string {
  return path
    .map(
      (st) =>
        `${graph.model.decisionMakers[movers[st.mover]!]!.name} ${describeMove(graph, st.from, st.to)} (→ ${stateName(graph, st.to)})`,
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
  const who = graph.model.decisionMakers[dm]!.name;
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

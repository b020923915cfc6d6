import { SERIES_COLOURS } from './palette';

/** What the state graph needs from a GMCR analysis. */
export interface GraphInput {
  decisionMakers: string[];
  stateList: { id: number; pattern: string; label?: string | undefined }[];
  equilibria: Record<string, number[] | undefined>;
  edges: { from: number; to: number; dm: number }[];
  statusQuo?: number;
}

/** Cytoscape elements: one node per state (equilibria of the chosen concept flagged), one edge per unilateral move. */
export function gmcrElements(input: GraphInput, concept: string) {
  const eq = new Set(input.equilibria[concept] ?? []);
  const nodes = input.stateList.map((s) => ({
    data: {
      id: `s${s.id}`,
      state: s.id,
      label: `${s.id === input.statusQuo ? 'status quo ' : ''}${s.label ?? s.id}${eq.has(s.id) ? ' ★' : ''}\n${s.pattern}`,
      equilibrium: eq.has(s.id) ? 1 : 0,
      statusQuo: s.id === input.statusQuo ? 1 : 0,
    },
  }));
  const edges = input.edges.map((e) => ({
    data: {
      id: `e${e.from}-${e.to}-${e.dm}`,
      source: `s${e.from}`,
      target: `s${e.to}`,
      dm: input.decisionMakers[e.dm] ?? String(e.dm),
      colour: SERIES_COLOURS[e.dm % SERIES_COLOURS.length]!,
    },
  }));
  return { nodes, edges };
}

/** Cytoscape style sheet: equilibria filled green, the status quo outlined, moves coloured by mover. */
export const GMCR_STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-valign': 'center',
      'font-size': 11,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'font-family': 'system-ui, sans-serif',
      width: 48,
      height: 48,
      'background-color': '#f5f7fa',
      'border-width': 1.5,
      'border-color': '#7b8794',
      color: '#1f2933',
    },
  },
  {
    selector: 'node[equilibrium = 1]',
    style: {
      'background-color': '#b7e4d3',
      'border-color': '#009e73',
      'border-width': 4,
      width: 60,
      height: 60,
      shape: 'round-rectangle',
      'font-weight': 'bold',
    },
  },
  {
    selector: 'node[statusQuo = 1]',
    style: { 'border-style': 'double', 'border-width': 7, 'border-color': '#000000', width: 64, height: 64 },
  },
  { selector: 'node:selected', style: { 'overlay-color': '#4c78a8', 'overlay-opacity': 0.25 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': 'data(colour)',
      'target-arrow-color': 'data(colour)',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      opacity: 0.75,
    },
  },
  { selector: 'edge.path', style: { width: 4, opacity: 1 } },
];

/** Where each drawn state sits: columns and rows by the options that change among the drawn states. */
export interface GroupedLayout {
  positions: Record<string, { x: number; y: number }>;
  /** Option indices whose values set the column, and those that set the row. */
  columns: number[];
  rows: number[];
}

/** The i-th code of the reflected Gray sequence: neighbouring columns differ in one option. */
const gray = (i: number) => i ^ (i >> 1);

/**
 * Groups states on a grid by the options that differ among them (those held by the same decision
 * maker kept together): one half of them chooses the column, the other the row, both in Gray-code
 * order, so that a move that changes one option goes to the next row or column and states that
 * share most options sit together.
 */
export function groupedLayout(
  states: readonly { id: number; pattern: string }[],
  optionOwners: readonly number[],
  spacing = { x: 150, y: 90 },
): GroupedLayout {
  const varying = optionOwners
    .map((dm, k) => ({ dm, k }))
    .filter(({ k }) => new Set(states.map((s) => s.pattern[k])).size > 1)
    .sort((a, b) => a.dm - b.dm || a.k - b.k)
    .map(({ k }) => k);
  const columns = varying.slice(0, Math.ceil(varying.length / 2));
  const rows = varying.slice(columns.length);
  // Index of a state's values on some options within the Gray order of their 2^n combinations.
  const rank = (pattern: string, options: number[]) => {
    const bits = options.reduce((v, k) => (v << 1) | (pattern[k] === 'Y' ? 1 : 0), 0);
    for (let i = 0; i < 1 << options.length; i++) if (gray(i) === bits) return i;
    return 0;
  };
  const positions: GroupedLayout['positions'] = {};
  for (const s of states)
    positions[`s${s.id}`] = { x: rank(s.pattern, columns) * spacing.x, y: rank(s.pattern, rows) * spacing.y };
  return { positions, columns, rows };
}

/** A readable layout: the grouped grid when positions are given, else a circle (small) or a force layout. */
export function gmcrLayout(states: number, positions?: GroupedLayout['positions']) {
  if (positions) return { name: 'preset', positions, padding: 24, fit: true };
  return states <= 12
    ? { name: 'circle', padding: 24 }
    : { name: 'cose', padding: 24, animate: false, randomize: false };
}

/** Which part of the state graph to draw: all of it (small conflicts), or a readable neighbourhood. */
export type GraphFocus = 'all' | 'equilibria' | 'status-quo' | 'state';

/** What to draw: the focus, the concept whose equilibria count, the decision makers whose moves show, and a node budget. */
export interface FocusChoice {
  focus: GraphFocus;
  concept: string;
  /** Decision makers (indices) whose moves are drawn and followed. */
  dms: readonly number[];
  /** The selected state (focus `state`). */
  state: number | null;
  /** Paths from the status quo to the concept's reachable equilibria (focus `status-quo`). */
  paths?: readonly { state: number; path: readonly { from: number; to: number }[] }[];
  /** Most states drawn (default 120). */
  limit?: number;
}

/** The states and moves a focus selects, and how many states the node budget left out. */
export interface FocusedGraph {
  states: number[];
  edges: GraphInput['edges'];
  omitted: number;
}

/**
 * Picks a readable part of a large state graph: the chosen concept's equilibria and the states one
 * move away from them, the status quo and its shortest paths to the equilibria it can reach, or one
 * state and its neighbours; only moves by the chosen decision makers are drawn and followed.
 */
export function focusGraph(input: GraphInput, choice: FocusChoice): FocusedGraph {
  const shown = new Set(choice.dms);
  const edges = input.edges.filter((e) => shown.has(e.dm));
  const limit = choice.limit ?? 120;
  const picked = new Set<number>();
  let wanted = 0;
  const add = (s: number) => {
    if (picked.has(s)) return;
    wanted += 1;
    if (picked.size < limit) picked.add(s);
  };
  const neighbours = (s: number) => {
    for (const e of edges) {
      if (e.from === s) add(e.to);
      else if (e.to === s) add(e.from);
    }
  };
  if (choice.focus === 'all') for (const s of input.stateList) add(s.id);
  else if (choice.focus === 'equilibria') {
    const eq = input.equilibria[choice.concept] ?? [];
    if (input.statusQuo !== undefined) add(input.statusQuo);
    for (const s of eq) add(s);
    for (const s of eq) neighbours(s);
  } else if (choice.focus === 'status-quo') {
    if (input.statusQuo !== undefined) add(input.statusQuo);
    for (const p of choice.paths ?? []) {
      for (const step of p.path) {
        add(step.from);
        add(step.to);
      }
      add(p.state);
    }
  } else if (choice.state !== null) {
    add(choice.state);
    neighbours(choice.state);
  }
  // Path steps are drawn even when their mover is filtered out, so that a path never breaks.
  const pathSteps = new Set(
    choice.focus === 'status-quo' ? (choice.paths ?? []).flatMap((p) => p.path.map((st) => `${st.from}>${st.to}`)) : [],
  );
  const kept = input.edges.filter(
    (e) => picked.has(e.from) && picked.has(e.to) && (shown.has(e.dm) || pathSteps.has(`${e.from}>${e.to}`)),
  );
  return { states: [...picked].sort((a, b) => a - b), edges: kept, omitted: wanted - picked.size };
}

import { SERIES_COLOURS } from './palette';

/** What the state graph needs from a GMCR analysis. */
export interface GraphInput {
  decisionMakers: string[];
  stateList: { id: number; pattern: string; label?: string }[];
  equilibria: Record<string, number[]>;
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
      label: `${s.label ?? s.id}\n${s.pattern}`,
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
    style: { 'background-color': '#c6ecd4', 'border-color': '#2e8b57', 'border-width': 3 },
  },
  {
    selector: 'node[statusQuo = 1]',
    style: { 'border-style': 'double', 'border-width': 6, 'border-color': '#1f2933' },
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

/** A readable layout for the size of the conflict. */
export function gmcrLayout(states: number) {
  return states <= 12
    ? { name: 'circle', padding: 24 }
    : { name: 'cose', padding: 24, animate: false, randomize: false };
}

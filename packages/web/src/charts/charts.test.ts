import { decodeTerms } from '@entente/core/space';
import { describe, expect, it } from 'vitest';
import { gmcrElements, gmcrLayout } from './gmcr-graph';
import { spaceScatterOption } from './space-scatter';
import { dateOf, timelineOption } from './timeline-chart';

// A two-issue, two-party space small enough to check by hand.
const options = [
  { issue: 'water', options: ['north_all', 'split'] },
  { issue: 'truce', options: ['none', 'full'] },
];
const input = {
  parties: ['north', 'south'],
  partyNames: { north: 'Northland', south: 'Southland' },
  reservations: [0.5, 0.3],
  statusQuo: [0.9, 0.1],
  options,
  // outcome = 2·water + truce
  points: {
    outcomes: [0, 1, 2, 3],
    acceptable: [1, 1, 1, 0],
    // Core's zone flags, as the API sends them.
    inZone: [0, 1, 1, 0],
    utilities: [
      [0.9, 0.7, 0.6, 0.4],
      [0.1, 0.35, 0.45, 0.8],
    ],
  },
  frontier: {
    outcomes: [0, 1, 2],
    utilities: [
      [0.9, 0.1],
      [0.7, 0.35],
      [0.6, 0.45],
    ],
  },
  solutions: {
    nash: { points: [{ outcome: 2, utilities: [0.6, 0.45] }] },
    kalaiSmorodinsky: { points: [{ outcome: 1, utilities: [0.7, 0.35] }] },
    welfare: { points: [{ outcome: 0, utilities: [0.9, 0.1] }] },
    egalitarian: { points: [{ outcome: 2, utilities: [0.6, 0.45] }] },
  },
};

type Series = { name: string; data: unknown[]; markArea?: { data: unknown[][] } };

describe('agreement-space scatter', () => {
  it('decodes outcome indices with the first issue most significant', () => {
    expect(decodeTerms(options, 0)).toEqual({ water: 'north_all', truce: 'none' });
    expect(decodeTerms(options, 1)).toEqual({ water: 'north_all', truce: 'full' });
    expect(decodeTerms(options, 2)).toEqual({ water: 'split', truce: 'none' });
  });

  it('names the reference lines after what they are: walk-away values, or today in steps-only mode', () => {
    const names = (reference?: 'walk_away' | 'today') =>
      (
        spaceScatterOption({ ...input, ...(reference ? { reference } : {}) }, { x: 0, y: 1, show: 'all' }) as {
          series: Series[];
        }
      ).series.map((s) => s.name);
    expect(names()).toContain('Walk-away values');
    expect(names('today')).toContain('Today’s utilities');
    expect(names('today')).toContain('In the zone (every party above today)');
  });

  it('splits packages into red-line, acceptable and zone series', () => {
    const option = spaceScatterOption(input, { x: 0, y: 1, show: 'all' }) as { series: Series[] };
    const byName = Object.fromEntries(option.series.map((s) => [s.name, s]));
    expect(byName['Breaks a red line']!.data).toEqual([[0.4, 0.8, 3]]);
    // Zone: acceptable and north ≥ 0.5 and south ≥ 0.3 → outcomes 1 and 2.
    expect(byName['In the zone (every party above walk-away)']!.data).toEqual([
      [0.7, 0.35, 1],
      [0.6, 0.45, 2],
    ]);
    expect(byName['No red line broken']!.data).toEqual([[0.9, 0.1, 0]]);
    expect(byName.Nash!.data).toEqual([[0.6, 0.45, 2]]);
    expect(byName['Walk-away values']!.markArea!.data).toEqual([
      [
        { xAxis: 0.5, yAxis: 0.3 },
        { xAxis: 0.9, yAxis: 0.8 },
      ],
    ]);
    expect(option).toMatchSnapshot();
  });

  it('shows only the frontier on request, with axes swapped', () => {
    const option = spaceScatterOption(input, { x: 1, y: 0, show: 'frontier' }) as { series: Series[] };
    expect(option.series.map((s) => s.name)).not.toContain('Breaks a red line');
    expect(option.series.find((s) => s.name === 'Pareto frontier')!.data).toEqual([
      [0.1, 0.9, 0],
      [0.35, 0.7, 1],
      [0.45, 0.6, 2],
    ]);
    expect(option).toMatchSnapshot();
  });
});

describe('timeline chart', () => {
  it('places partial dates at the start of their period and rows by type', () => {
    expect(dateOf('2025')).toBe('2025-01-01');
    expect(dateOf('2025-03')).toBe('2025-03-01');
    const option = timelineOption([
      { key: 's:a', date: '2025-03', type: 'talks', label: 'Talks in Jeddah', origin: 'scenario' },
      { key: 'i:1', date: '2025-03-11', type: 'ceasefire', label: 'Ukraine accepts', origin: 'ingested' },
    ]) as { yAxis: { data: string[] }; series: Series[] };
    expect(option.yAxis.data).toEqual(['ceasefire', 'talks']);
    expect(option.series[0]!.data).toEqual([{ value: ['2025-03-01', 'talks'], name: 'Talks in Jeddah', id: 's:a' }]);
    expect(option).toMatchSnapshot();
  });
});

describe('GMCR graph', () => {
  it('flags the equilibria of the chosen concept and the status quo', () => {
    const elements = gmcrElements(
      {
        decisionMakers: ['North', 'South'],
        stateList: [
          { id: 0, pattern: 'NN' },
          { id: 1, pattern: 'YN' },
          { id: 2, pattern: 'NY', label: 'war' },
        ],
        equilibria: { nash: [1], seq: [1, 2] },
        edges: [
          { from: 0, to: 1, dm: 0 },
          { from: 0, to: 2, dm: 1 },
        ],
        statusQuo: 0,
      },
      'seq',
    );
    expect(elements.nodes.map((n) => n.data.equilibrium)).toEqual([0, 1, 1]);
    expect(elements.nodes.map((n) => n.data.statusQuo)).toEqual([1, 0, 0]);
    expect(elements.edges.map((e) => [e.data.source, e.data.target, e.data.dm])).toEqual([
      ['s0', 's1', 'North'],
      ['s0', 's2', 'South'],
    ]);
    expect(elements).toMatchSnapshot();
    expect(gmcrLayout(4).name).toBe('circle');
    expect(gmcrLayout(64).name).toBe('cose');
  });
});

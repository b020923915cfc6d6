import { decodeTerms } from '@entente/core/space';
import { describe, expect, it } from 'vitest';
import { gmcrElements, gmcrLayout, groupedLayout } from './gmcr-graph';
import { marginChartOption } from './margin-chart';
import { PALETTE } from './palette';
import { spaceScatterOption } from './space-scatter';
import { dateOf, humanize, timelineOption, timelineWindow } from './timeline-chart';

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

  it('fits the axes to the zone and the solutions on request', () => {
    type Axis = { min?: number; max?: number };
    const full = spaceScatterOption(input, { x: 0, y: 1, show: 'all' }) as { xAxis: Axis; yAxis: Axis };
    expect(full.xAxis.min).toBeUndefined();
    const zoomed = spaceScatterOption(input, { x: 0, y: 1, show: 'all', zoomToZone: true }) as {
      xAxis: Axis;
      yAxis: Axis;
    };
    // Zone (0.7, 0.35), (0.6, 0.45), solutions up to (0.9, 0.1), walk-away (0.5, 0.3): x 0.5–0.9, y 0.1–0.45, padded.
    expect(zoomed.xAxis).toMatchObject({ min: 0.44, max: 0.96 });
    expect(zoomed.yAxis).toMatchObject({ min: 0.048, max: 0.503 });
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
    expect(option.yAxis.data).toEqual(['Ceasefire', 'Talks']);
    expect(option.series[0]!.data).toEqual([{ value: ['2025-03-01', 'Talks'], name: 'Talks in Jeddah', id: 's:a' }]);
    expect(option).toMatchSnapshot();
  });

  it('names rows in words', () => {
    expect(humanize('prisoner_exchange')).toBe('Prisoner exchange');
    expect(humanize('peace-talks')).toBe('Peace talks');
  });

  it('fits the axis to the data and first shows where the scenario’s events are dense', () => {
    const items = [
      { key: 's:old', date: '2014', type: 'annexation', label: 'Crimea', origin: 'scenario' as const },
      ...Array.from({ length: 12 }, (_, m) => ({
        key: `s:${m}`,
        date: `2025-${String(m + 1).padStart(2, '0')}-10`,
        type: 'talks',
        label: `Talks ${m}`,
        origin: 'scenario' as const,
      })),
      { key: 'i:1', date: '1994-12-05', type: 'agreement', label: 'Budapest memorandum', origin: 'ingested' as const },
    ];
    const w = timelineWindow(items)!;
    expect([w.first, w.last]).toEqual(['1994-12-05', '2025-12-10']);
    // The axis spans every event, padded by 3% of the span; the first window skips the 2014 and 1994 outliers.
    expect(w.min < '1994-12-05' && w.min > '1993-10-01').toBe(true);
    expect(w.max > '2025-12-10' && w.max < '2027-01-01').toBe(true);
    expect(w.start > '2024-11-01' && w.start < '2025-01-10').toBe(true);
    expect(w.end > '2025-12-10' && w.end < '2026-01-01').toBe(true);
    const option = timelineOption(items) as {
      xAxis: { min: string; max: string };
      dataZoom: { type: string; startValue?: string; endValue?: string }[];
    };
    expect([option.xAxis.min, option.xAxis.max]).toEqual([w.min, w.max]);
    expect(option.dataZoom.map((z) => z.type)).toEqual(['slider', 'inside']);
    expect([option.dataZoom[0]!.startValue, option.dataZoom[0]!.endValue]).toEqual([w.start, w.end]);
    expect(timelineWindow([])).toBeNull();
  });
});

describe('margin chart', () => {
  const rows = [
    { id: 'north', label: 'Northland', margin: 0.12, band: 0.05, predicted: 'accepted', observed: 'accepted' },
    { id: 'south', label: 'Southland', margin: -0.02, band: 0.04, predicted: 'accepted_with_conditions' },
    { id: 'east', label: 'Eastland', margin: -0.3, band: 0.05, predicted: 'rejected', redLine: true },
  ];
  type S = { name: string; type: string; data: unknown[] };

  it('draws each margin as a bar coloured by the predicted answer, with the band around zero', () => {
    const option = marginChartOption(rows, 'walk-away') as {
      yAxis: { data: string[] };
      xAxis: { min: number; max: number };
      series: S[];
    };
    expect(option.yAxis.data).toEqual(['Northland', 'Southland', 'Eastland']);
    const bars = option.series.find((s) => s.type === 'bar')!;
    expect(bars.name).toBe('Margin over walk-away');
    expect(bars.data.map((d) => (d as { value: number }).value)).toEqual([0.12, -0.02, -0.3]);
    const colours = bars.data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color);
    expect(new Set(colours).size).toBe(3);
    expect(option.series.find((s) => s.type === 'custom')!.data).toEqual([
      [0, 0.05],
      [1, 0.04],
      [2, 0.05],
    ]);
    // The axis is symmetric and holds the largest margin.
    expect(option.xAxis.min).toBe(-option.xAxis.max);
    expect(option.xAxis.max).toBeGreaterThanOrEqual(0.3);
    // Only the rows with a recorded answer get an observed mark.
    expect(option.series.find((s) => s.name === 'Observed answer')!.data).toHaveLength(1);
  });

  it('leaves out the band and the observed marks when there are none', () => {
    const option = marginChartOption(
      rows.map(({ band: _b, observed: _o, ...r }) => r),
      'today',
    ) as { series: S[] };
    expect(option.series.map((s) => s.type)).toEqual(['bar']);
  });
});

describe('palette', () => {
  it('never draws walk-away lines in the red-line packages’ grey', () => {
    expect(PALETTE.noDeal).not.toBe(PALETTE.redLine);
    const option = spaceScatterOption(input, { x: 0, y: 1, show: 'all' }) as {
      series: { name: string; itemStyle?: { color?: string } }[];
    };
    const colour = (name: string) => option.series.find((s) => s.name === name)?.itemStyle?.color;
    expect(colour('Walk-away values')).toBe(PALETTE.noDeal);
    expect(colour('Breaks a red line')).toBe(PALETTE.redLine);
    // Every named series has a colour of its own.
    const named = option.series.map((s) => s.itemStyle?.color).filter((c) => c && c !== 'transparent' && c !== '#fff');
    expect(new Set(named).size).toBe(named.length);
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
    expect(gmcrLayout(64, {}).name).toBe('preset');
  });

  it('groups states on a grid by the options that change, one option per step between neighbours', () => {
    // Options 0 and 1 belong to DM 0, option 2 to DM 1; option 1 never changes among these states.
    const states = [
      { id: 0, pattern: 'NNN' },
      { id: 1, pattern: 'YNN' },
      { id: 4, pattern: 'NNY' },
      { id: 5, pattern: 'YNY' },
    ];
    const grid = groupedLayout(states, [0, 0, 1], { x: 10, y: 10 });
    expect(grid.columns).toEqual([0]);
    expect(grid.rows).toEqual([2]);
    expect(grid.positions).toEqual({
      s0: { x: 0, y: 0 },
      s1: { x: 10, y: 0 },
      s4: { x: 0, y: 10 },
      s5: { x: 10, y: 10 },
    });
    // Gray order: with two column options, YY sits between YN and NY's neighbours, never beside NN.
    const two = groupedLayout(
      [
        { id: 0, pattern: 'NN' },
        { id: 1, pattern: 'YN' },
        { id: 2, pattern: 'NY' },
        { id: 3, pattern: 'YY' },
      ],
      [0, 0],
      { x: 1, y: 1 },
    );
    expect(two.columns).toEqual([0]);
    expect(two.rows).toEqual([1]);
    const three = groupedLayout(
      ['NNN', 'NNY', 'NYY', 'NYN', 'YNN'].map((pattern, id) => ({ id, pattern })),
      [0, 0, 0],
      { x: 1, y: 1 },
    );
    expect(three.columns).toEqual([0, 1]);
    // Columns by options 0 and 1 in Gray order NN, NY, YY, YN: adjacent columns differ in one option.
    expect([three.positions.s0!.x, three.positions.s3!.x, three.positions.s4!.x]).toEqual([0, 1, 3]);
  });
});

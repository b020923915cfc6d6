import type { EChartsCoreOption } from 'echarts/core';
import { PALETTE, round } from './palette';

/** What the scatter needs from an agreement-space result. */
export interface ScatterInput {
  parties: string[];
  partyNames: Record<string, string>;
  reservations: number[];
  /** What the reservations are: walk-away values (settlements) or today's utilities (steps only). */
  reference?: 'walk_away' | 'today';
  statusQuo: number[];
  options: { issue: string; options: string[] }[];
  /** `acceptable` (no red line crossed) and `inZone` are core's verdicts per package, sent by the API. */
  points: { outcomes: number[]; acceptable: number[]; inZone: number[]; utilities: number[][] } | null;
  frontier: { outcomes: number[]; utilities: number[][] };
  solutions: Record<
    'nash' | 'kalaiSmorodinsky' | 'welfare' | 'egalitarian',
    { points: { utilities: number[]; outcome: number }[] }
  >;
}

/** Which two parties to plot, and whether to show every package or only the frontier. */
export interface ScatterChoice {
  x: number;
  y: number;
  show: 'all' | 'frontier';
  /** Fit the axes to the zone and the solutions (a small zone can sit within one pixel at full scale). */
  zoomToZone?: boolean;
}

/** Axis bounds around the given points and the reference point, padded by 15% (at least 0.005). */
function boundsAround(points: readonly (readonly number[])[], rx: number, ry: number) {
  if (points.length === 0) return null;
  const xs = [rx, ...points.map((p) => p[0]!)];
  const ys = [ry, ...points.map((p) => p[1]!)];
  const pad = (lo: number, hi: number) => Math.max(0.005, (hi - lo) * 0.15);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return {
    x: { min: round(x0 - pad(x0, x1), 3), max: round(x1 + pad(x0, x1), 3) },
    y: { min: round(y0 - pad(y0, y1), 3), max: round(y1 + pad(y0, y1), 3) },
  };
}

/** The four solutions differ in shape and colour, so that neither colour vision nor print is needed to tell them apart. */
export const SOLUTION_MARKS = [
  { key: 'nash', label: 'Nash', symbol: 'diamond', colour: '#cc79a7' },
  { key: 'kalaiSmorodinsky', label: 'Kalai–Smorodinsky', symbol: 'triangle', colour: '#56b4e9' },
  { key: 'welfare', label: 'Utilitarian', symbol: 'rect', colour: '#8c6d31' },
  { key: 'egalitarian', label: 'Egalitarian', symbol: 'pin', colour: '#5d3a9b' },
] as const;

/**
 * ECharts options for the agreement-space scatter of two parties: packages (red-line breaking ones
 * greyed, zone packages green, as core flags them), the frontier, the shaded zone above both walk-away values, the
 * no-deal lines, the status quo and the four bargaining solutions.
 */
export function spaceScatterOption(input: ScatterInput, choice: ScatterChoice): EChartsCoreOption {
  const { x, y } = choice;
  const referenceName = input.reference === 'today' ? 'today' : 'walk-away';
  const nameOf = (p: number) => input.partyNames[input.parties[p]!] ?? input.parties[p]!;
  const rx = input.reservations[x]!;
  const ry = input.reservations[y]!;
  const series: Record<string, unknown>[] = [];
  const point = (ux: number, uy: number, outcome: number) => [round(ux), round(uy), outcome];
  const zonePoints: number[][] = [];
  if (choice.show === 'all' && input.points) {
    const broken: unknown[] = [];
    const ok: unknown[] = [];
    const zone: unknown[] = [];
    const pts = input.points;
    pts.outcomes.forEach((o, t) => {
      const p = point(pts.utilities[x]![t]!, pts.utilities[y]![t]!, o);
      if (pts.acceptable[t] !== 1) broken.push(p);
      else if (pts.inZone[t] === 1) {
        zone.push(p);
        zonePoints.push(p);
      } else ok.push(p);
    });
    series.push(
      {
        name: 'Breaks a red line',
        type: 'scatter',
        data: broken,
        symbolSize: 4,
        itemStyle: { color: PALETTE.redLine, opacity: 0.7 },
        large: broken.length > 5000,
      },
      {
        name: 'No red line broken',
        type: 'scatter',
        data: ok,
        symbolSize: 5,
        itemStyle: { color: PALETTE.acceptable, opacity: 0.7 },
        large: ok.length > 5000,
      },
      {
        name: `In the zone (every party above ${referenceName})`,
        type: 'scatter',
        data: zone,
        symbolSize: 6,
        itemStyle: { color: PALETTE.zone },
      },
    );
  }
  const frontier = input.frontier.outcomes
    .map((o, t) => point(input.frontier.utilities[t]![x]!, input.frontier.utilities[t]![y]!, o))
    .sort((a, b) => (a[0]! as number) - (b[0]! as number));
  series.push({
    name: 'Pareto frontier',
    type: 'scatter',
    data: frontier,
    symbolSize: 8,
    itemStyle: { color: 'transparent', borderColor: PALETTE.frontier, borderWidth: 2 },
    z: 3,
  });
  // The zone is shaded up to the largest utility drawn (ECharts' 'max' is unreliable on an empty series).
  const xs = [rx, ...frontier.map((p) => p[0] as number), ...(input.points?.utilities[x] ?? [])];
  const ys = [ry, ...frontier.map((p) => p[1] as number), ...(input.points?.utilities[y] ?? [])];
  const xmax = round(xs.reduce((m, v) => Math.max(m, v), rx));
  const ymax = round(ys.reduce((m, v) => Math.max(m, v), ry));
  series.push({
    name: input.reference === 'today' ? 'Today’s utilities' : 'Walk-away values',
    type: 'scatter',
    data: [],
    // An empty series still gives the legend its colour: vermillion like its dashed lines, not a palette grey.
    itemStyle: { color: PALETTE.noDeal },
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: PALETTE.noDeal, type: 'dashed', width: 1.5 },
      label: { formatter: '{b}', color: PALETTE.noDeal, position: 'insideEndTop' },
      data: [
        { name: `${nameOf(x)} no deal ${round(rx, 3)}`, xAxis: round(rx) },
        { name: `${nameOf(y)} no deal ${round(ry, 3)}`, yAxis: round(ry) },
      ],
    },
    markArea: {
      silent: true,
      itemStyle: { color: PALETTE.zoneFill },
      data: [
        [
          { xAxis: round(rx), yAxis: round(ry) },
          { xAxis: xmax, yAxis: ymax },
        ],
      ],
    },
  });
  series.push({
    name: 'Status quo',
    type: 'scatter',
    data: [[round(input.statusQuo[x]!), round(input.statusQuo[y]!), -1]],
    symbol: 'circle',
    symbolSize: 11,
    itemStyle: { color: '#fff', borderColor: PALETTE.statusQuo, borderWidth: 2.5 },
    z: 4,
  });
  const solutionPoints: number[][] = [];
  for (const mark of SOLUTION_MARKS) {
    const sol = input.solutions[mark.key];
    for (const p of sol.points.slice(0, 5)) solutionPoints.push(point(p.utilities[x]!, p.utilities[y]!, p.outcome));
    series.push({
      name: mark.label,
      type: 'scatter',
      symbol: mark.symbol,
      symbolSize: 14,
      itemStyle: { color: mark.colour, borderColor: '#fff', borderWidth: 1 },
      z: 5,
      data: sol.points.slice(0, 5).map((p) => point(p.utilities[x]!, p.utilities[y]!, p.outcome)),
    });
  }
  const zoom = choice.zoomToZone ? boundsAround([...zonePoints, ...solutionPoints], rx, ry) : null;
  return {
    animation: false,
    color: [PALETTE.acceptable, PALETTE.frontier, PALETTE.zone, PALETTE.noDeal],
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 56, right: 24, top: 84, bottom: 56, containLabel: true },
    legend: { top: 0, left: 0, right: 0, type: 'plain', itemGap: 14, textStyle: { color: PALETTE.ink } },
    tooltip: { trigger: 'item', confine: true },
    // Wheel and pinch zoom on both axes: a zone of a few packages can sit within one pixel at full scale.
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    xAxis: {
      type: 'value',
      name: `Utility to ${nameOf(x)}`,
      nameLocation: 'middle',
      nameGap: 30,
      scale: true,
      ...(zoom ? zoom.x : {}),
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    yAxis: {
      type: 'value',
      name: `Utility to ${nameOf(y)}`,
      nameLocation: 'middle',
      nameGap: 44,
      scale: true,
      ...(zoom ? zoom.y : {}),
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    series,
  };
}

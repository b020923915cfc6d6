/** A point of a scatter chart; `group` picks its mark style (`zone`, `frontier`, `solution`…). */
export interface ChartPoint {
  x: number;
  y: number;
  group: string;
  label?: string;
}

/** A scatter of two parties' utilities with reference lines (walk-away values) and labelled markers (solutions). */
export interface ScatterChart {
  kind: 'scatter';
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  points: ChartPoint[];
  /** Vertical (`x`) or horizontal (`y`) lines, e.g. each party's walk-away value. */
  lines: { axis: 'x' | 'y'; at: number; label: string }[];
  /** Labelled points drawn on top (the bargaining solutions). */
  markers: ChartPoint[];
  /** What the chart leaves out (a sample of the points, say), printed under it. */
  note?: string;
}

/** One bar: a value with an optional band of indifference around zero and a style group. */
export interface ChartBar {
  label: string;
  value: number;
  band?: number;
  group: string;
}

/** Horizontal bars in labelled groups, e.g. each party's margin for every recorded proposal. */
export interface BarChart {
  kind: 'bars';
  id: string;
  title: string;
  valueLabel: string;
  groups: { label: string; bars: ChartBar[] }[];
  /** Bars start at zero; a fixed domain keeps percentages on 0–1. */
  domain?: [number, number];
  note?: string;
}

/** A chart of a report, as data: the HTML renderer draws it as inline SVG, the text renderers skip it. */
export type ReportChart = ScatterChart | BarChart;

/** How many marks (points, markers, bars) a chart draws: one per datum, so tests can count them. */
export function chartMarks(chart: ReportChart): number {
  return chart.kind === 'scatter'
    ? chart.points.length + chart.markers.length
    : chart.groups.reduce((n, g) => n + g.bars.length, 0);
}

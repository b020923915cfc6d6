import { dateRange } from '@entente/core/dates';
import type { EChartsCoreOption } from 'echarts/core';
import { PALETTE } from './palette';

/** One dot on the timeline. */
export interface TimelineItem {
  key: string;
  date: string;
  type: string;
  label: string;
  /** `both`: a scenario event that the ingested articles also report. */
  origin: 'scenario' | 'ingested' | 'both';
}

/** Partial dates (`2025-03`, `2025`) are drawn at the start of their period. */
export function dateOf(date: string): string {
  return dateRange(date.slice(0, 10)).start;
}

/** An id such as `prisoner_exchange` as words: "Prisoner exchange". */
export function humanize(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DAY = 86_400_000;

/** The axis range (the data's own, padded) and the window first shown (the scenario's events, padded). */
export interface TimelineWindow {
  /** The first and last event's dates. */
  first: string;
  last: string;
  min: string;
  max: string;
  start: string;
  end: string;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Pads a date range by 3% of its span, at least a week either side. */
function padded(times: number[]): [number, number] {
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const pad = Math.max(7 * DAY, (hi - lo) * 0.03);
  return [lo - pad, hi + pad];
}

/**
 * The axis fits every event drawn; the first view shows where the scenario's own events are dense
 * (from its 10th-percentile date to its last), so that background events (an annexation in 2014, an
 * ingested article about 1994) do not squash a year of talks into a sliver; zooming out shows them.
 */
export function timelineWindow(items: readonly TimelineItem[]): TimelineWindow | null {
  if (items.length === 0) return null;
  const time = (i: TimelineItem) => Date.parse(`${dateOf(i.date)}T00:00:00Z`);
  const times = items.map(time);
  const [min, max] = padded(times);
  const own = items
    .filter((i) => i.origin !== 'ingested')
    .map(time)
    .sort((a, b) => a - b);
  const [start, end] = own.length ? padded([own[Math.floor(0.1 * (own.length - 1))]!, own.at(-1)!]) : [min, max];
  return {
    first: iso(Math.min(...times)),
    last: iso(Math.max(...times)),
    min: iso(min),
    max: iso(max),
    start: iso(Math.max(start, min)),
    end: iso(Math.min(end, max)),
  };
}

const SERIES_NAME = {
  scenario: 'Scenario events',
  ingested: 'Ingested from articles',
  both: 'In the scenario and the articles',
} as const;
const SERIES_COLOUR = { scenario: PALETTE.acceptable, ingested: PALETTE.frontier, both: PALETTE.zone } as const;

/**
 * ECharts options for events by date, one row per event type (named in words), scenario events and
 * ingested ones apart, with a zoom slider (brush a range) and wheel zoom on the date axis.
 */
export function timelineOption(items: readonly TimelineItem[]): EChartsCoreOption {
  const types = [...new Set(items.map((i) => i.type))].sort();
  const window = timelineWindow(items);
  // The "both" series appears only when some event is reported by the scenario and the articles alike.
  const origins = items.some((i) => i.origin === 'both')
    ? (['scenario', 'ingested', 'both'] as const)
    : (['scenario', 'ingested'] as const);
  const series = origins.map((origin) => ({
    name: SERIES_NAME[origin],
    type: 'scatter',
    symbolSize: origin === 'ingested' ? 8 : 12,
    symbol: origin === 'ingested' ? 'diamond' : origin === 'both' ? 'rect' : 'circle',
    itemStyle: { color: SERIES_COLOUR[origin], opacity: 0.85 },
    data: items
      .filter((i) => i.origin === origin)
      .map((i) => ({ value: [dateOf(i.date), humanize(i.type)], name: i.label, id: i.key })),
  }));
  return {
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 16, right: 24, top: 40, bottom: 72, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: { value: [string, string]; name: string }) => `${p.value[0]} · ${p.value[1]}<br/>${p.name}`,
    },
    dataZoom: window
      ? [
          {
            type: 'slider',
            xAxisIndex: 0,
            filterMode: 'none',
            startValue: window.start,
            endValue: window.end,
            bottom: 8,
          },
          { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
        ]
      : [],
    xAxis: {
      type: 'time',
      ...(window ? { min: window.min, max: window.max } : {}),
      axisLabel: { hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: PALETTE.grid } },
    },
    yAxis: { type: 'category', data: types.map(humanize), axisLabel: { color: PALETTE.ink } },
    series,
  };
}

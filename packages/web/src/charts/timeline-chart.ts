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

const SERIES_NAME = {
  scenario: 'Scenario events',
  ingested: 'Ingested from articles',
  both: 'In the scenario and the articles',
} as const;
const SERIES_COLOUR = { scenario: PALETTE.acceptable, ingested: PALETTE.frontier, both: PALETTE.zone } as const;

/** ECharts options for events by date, one row per event type, scenario events and ingested ones apart. */
export function timelineOption(items: readonly TimelineItem[]): EChartsCoreOption {
  const types = [...new Set(items.map((i) => i.type))].sort();
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
      .map((i) => ({ value: [dateOf(i.date), i.type], name: i.label, id: i.key })),
  }));
  return {
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 16, right: 24, top: 40, bottom: 40, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'item', confine: true },
    xAxis: { type: 'time', splitLine: { show: true, lineStyle: { color: PALETTE.grid } } },
    yAxis: { type: 'category', data: types, axisLabel: { color: PALETTE.ink } },
    series,
  };
}

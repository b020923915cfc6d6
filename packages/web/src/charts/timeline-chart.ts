import type { EChartsCoreOption } from 'echarts/core';
import { PALETTE } from './palette';

/** One dot on the timeline. */
export interface TimelineItem {
  key: string;
  date: string;
  type: string;
  label: string;
  origin: 'scenario' | 'ingested';
}

/** Partial dates (`2025-03`, `2025`) are drawn at the start of their period. */
export function dateOf(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date.slice(0, 10);
}

/** ECharts options for events by date, one row per event type, scenario events and ingested ones apart. */
export function timelineOption(items: readonly TimelineItem[]): EChartsCoreOption {
  const types = [...new Set(items.map((i) => i.type))].sort();
  const series = (['scenario', 'ingested'] as const).map((origin) => ({
    name: origin === 'scenario' ? 'Scenario events' : 'Ingested from articles',
    type: 'scatter',
    symbolSize: origin === 'scenario' ? 12 : 8,
    symbol: origin === 'scenario' ? 'circle' : 'diamond',
    itemStyle: { color: origin === 'scenario' ? PALETTE.acceptable : PALETTE.frontier, opacity: 0.85 },
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

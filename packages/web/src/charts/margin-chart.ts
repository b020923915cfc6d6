import type { EChartsCoreOption } from 'echarts/core';
import { ANSWER_COLOURS, PALETTE, round } from './palette';

/** One bar: a margin over the reference, with the "accept with conditions" band around zero when known. */
export interface MarginRow {
  /** A stable id: the party's or the proposal's. */
  id: string;
  /** The category label: a party's name (proposal builder) or a proposal's title (backtest). */
  label: string;
  margin: number;
  /** Half-width of the band within which the answer is "accepts with conditions" (absent: not sent). */
  band?: number;
  predicted: string;
  /** The recorded answer, when the terms are a recorded proposal's. */
  observed?: string | null;
  redLine?: boolean;
}

const ANSWER_WORDS: Record<string, string> = {
  accepted: 'accepts',
  accepted_with_conditions: 'accepts with conditions',
  rejected: 'rejects',
  no_response: 'no response',
};

/** An answer in words. */
export const answerWords = (answer: string | null | undefined): string =>
  answer ? (ANSWER_WORDS[answer] ?? answer) : '–';

/** Observed answers are drawn as shapes as well as colours, so the chart reads without colour vision. */
const OBSERVED_SYMBOL: Record<string, string> = {
  accepted: 'circle',
  accepted_with_conditions: 'diamond',
  rejected: 'triangle',
  no_response: 'rect',
};

type RenderApi = {
  value: (dim: number) => number;
  coord: (point: [number, number]) => [number, number];
  size: (point: [number, number]) => [number, number];
};

/** The band as a shaded rectangle from −band to +band across the row (ECharts' custom series). */
function renderBand(_params: unknown, api: RenderApi) {
  const row = api.value(0);
  const band = api.value(1);
  const [x0, y] = api.coord([-band, row]);
  const [x1] = api.coord([band, row]);
  const height = api.size([0, 1])[1] * 0.8;
  return {
    type: 'rect',
    shape: { x: x0, y: y - height / 2, width: Math.max(1, x1 - x0), height },
    style: { fill: PALETTE.band, stroke: PALETTE.frontier, lineWidth: 1 },
  };
}

/**
 * A horizontal bar per row: the margin coloured by the predicted answer, the band shaded around zero,
 * the reference as the zero line, and the observed answer (when recorded) as a shape at the bar's end.
 */
export function marginChartOption(rows: readonly MarginRow[], reference = 'reference'): EChartsCoreOption {
  const labels = rows.map((r) => r.label);
  const withBand = rows.some((r) => r.band !== undefined);
  const withObserved = rows.some((r) => r.observed);
  // A symmetric axis rounded up to the next 0.05, so that zero (the reference) sits in the middle.
  const largest = Math.max(0.05, ...rows.map((r) => Math.abs(r.margin)), ...rows.map((r) => r.band ?? 0));
  const extent = Math.ceil((largest * 1.05) / 0.05) * 0.05;
  const series: Record<string, unknown>[] = [];
  if (withBand)
    series.push({
      name: 'Band (accepts with conditions)',
      type: 'custom',
      renderItem: renderBand,
      encode: { x: 1, y: 0 },
      itemStyle: { color: PALETTE.band, borderColor: PALETTE.frontier },
      data: rows.map((r, i) => [i, round(r.band ?? 0)]),
      z: 1,
    });
  series.push({
    name: `Margin over ${reference}`,
    type: 'bar',
    barMaxWidth: 18,
    itemStyle: { color: PALETTE.acceptable },
    data: rows.map((r) => ({
      value: round(r.margin),
      itemStyle: { color: ANSWER_COLOURS[r.predicted] ?? PALETTE.muted },
    })),
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: PALETTE.ink, width: 1.5 },
      // The category axis runs top-down, so the line's start is its top.
      label: { formatter: reference, position: 'start', color: PALETTE.ink },
      data: [{ xAxis: 0 }],
    },
    z: 2,
  });
  if (withObserved)
    series.push({
      name: 'Observed answer',
      type: 'scatter',
      symbolSize: 12,
      itemStyle: { color: PALETTE.ink },
      data: rows.flatMap((r, i) =>
        r.observed
          ? [
              {
                value: [round(r.margin), i],
                name: answerWords(r.observed),
                symbol: OBSERVED_SYMBOL[r.observed] ?? 'circle',
                itemStyle: {
                  color: ANSWER_COLOURS[r.observed] ?? PALETTE.muted,
                  borderColor: PALETTE.ink,
                  borderWidth: 1.5,
                },
              },
            ]
          : [],
      ),
      z: 3,
    });
  return {
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 8, right: 24, top: 48, bottom: 28, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: PALETTE.ink } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (params: { dataIndex: number }[]) => {
        const r = rows[params[0]?.dataIndex ?? 0];
        if (!r) return '';
        const lines = [
          `<strong>${r.label}</strong>`,
          `margin ${r.margin >= 0 ? '+' : '−'}${Math.abs(r.margin).toFixed(3)}${r.band !== undefined ? ` (band ±${r.band.toFixed(3)})` : ''}`,
          `predicted: ${answerWords(r.predicted)}${r.redLine ? ' (a red line is crossed)' : ''}`,
        ];
        if (r.observed) lines.push(`observed: ${answerWords(r.observed)}`);
        return lines.join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      min: round(-extent, 3),
      max: round(extent, 3),
      name: `margin over ${reference}`,
      nameLocation: 'middle',
      nameGap: 24,
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    yAxis: {
      type: 'category',
      data: labels,
      inverse: true,
      axisLabel: { color: PALETTE.ink, width: 170, overflow: 'break', lineHeight: 14 },
    },
    series,
  };
}

/** A chart's height for its number of rows: tall enough that every label stays legible. */
export const marginChartHeight = (rows: number): number => Math.max(160, 90 + rows * 40);

import type { EChartsCoreOption } from 'echarts/core';
import { ANSWER_COLOURS, PALETTE, round, SERIES_COLOURS } from './palette';

const colour = (k: number) => SERIES_COLOURS[k % SERIES_COLOURS.length]!;
// Dash and symbol differ per series as well as colour, so two parties never read as one.
const DASHES = ['solid', 'dashed', 'dotted'] as const;
const SYMBOLS = ['circle', 'triangle', 'diamond', 'rect', 'roundRect', 'pin'] as const;
const axisText = { color: PALETTE.ink };
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One traced offer: its round and every party's utility of it. */
export interface ConcessionOffer {
  round: number;
  party: string;
  utilities: readonly number[];
}

/** Per party, the utility it gets from the offers it makes, round by round. */
export function concessionSeries(parties: readonly string[], trace: readonly ConcessionOffer[]) {
  return parties.map((party, k) => ({
    party,
    points: trace.filter((t) => t.party === party).map((t) => [t.round, round(t.utilities[k]!)] as [number, number]),
  }));
}

/**
 * Concession curves: each party's utility of its own offers over the rounds (solid), and of the other
 * parties' offers (dotted, one colour per party), with the agreement's round marked by a vertical line.
 */
export function concessionOption(
  parties: readonly string[],
  names: Readonly<Record<string, string>>,
  trace: readonly ConcessionOffer[],
  agreementRound: number | null,
): EChartsCoreOption {
  const own = concessionSeries(parties, trace);
  const received = parties.map((party, k) => ({
    party,
    points: trace.filter((t) => t.party !== party).map((t) => [t.round, round(t.utilities[k]!)] as [number, number]),
  }));
  const name = (id: string) => names[id] ?? id;
  return {
    animation: false,
    grid: { left: 44, right: 12, top: 52, bottom: 36 },
    legend: { top: 0, type: 'scroll', textStyle: axisText },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'round', nameLocation: 'middle', nameGap: 22, axisLabel: axisText, min: 0 },
    yAxis: { type: 'value', name: 'utility', min: 0, max: 1, axisLabel: axisText },
    series: [
      ...own.map((s, k) => ({
        type: 'line',
        name: `${name(s.party)}: own offers`,
        data: s.points,
        showSymbol: false,
        lineStyle: { color: colour(k), width: 2, type: DASHES[0] },
        itemStyle: { color: colour(k) },
        ...(k === 0 && agreementRound !== null
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: PALETTE.zone, width: 2, type: 'solid' },
                label: { formatter: `agreement (round ${agreementRound})`, color: PALETTE.ink },
                data: [{ xAxis: agreementRound }],
              },
            }
          : {}),
      })),
      ...received.map((s, k) => ({
        type: 'line',
        name: `${name(s.party)}: others' offers`,
        data: s.points,
        showSymbol: false,
        lineStyle: { color: colour(k), width: 1.5, type: DASHES[2] },
        itemStyle: { color: colour(k) },
      })),
    ],
  };
}

/** P(agreement) with its 95% interval at each swept lever strength: the point and a whisker per strength. */
export function leverSweepOption(
  sweep: readonly { strength: number; pAgreement: number; interval: readonly [number, number] }[],
  lever: string,
): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 20, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: `${lever} strength`, nameLocation: 'middle', nameGap: 24, axisLabel: axisText },
    yAxis: { type: 'value', name: 'P(agreement)', min: 0, max: 1, axisLabel: axisText },
    series: [
      {
        type: 'line',
        name: 'P(agreement)',
        data: sweep.map((s) => [s.strength, round(s.pAgreement)]),
        lineStyle: { color: PALETTE.acceptable, width: 2 },
        itemStyle: { color: PALETTE.acceptable },
        symbol: 'circle',
      },
      {
        type: 'line',
        name: '95% interval, low',
        data: sweep.map((s) => [s.strength, round(s.interval[0])]),
        lineStyle: { color: PALETTE.muted, type: 'dashed' },
        itemStyle: { color: PALETTE.muted },
        showSymbol: false,
      },
      {
        type: 'line',
        name: '95% interval, high',
        data: sweep.map((s) => [s.strength, round(s.interval[1])]),
        lineStyle: { color: PALETTE.muted, type: 'dashed' },
        itemStyle: { color: PALETTE.muted },
        showSymbol: false,
      },
    ],
  };
}

/** Shares of options per issue among the agreements, as stacked horizontal bars (one row per issue). */
export function termsShareOption(
  rows: readonly {
    issue: string;
    label: string;
    shares: readonly { option: string; label: string; share: number }[];
  }[],
): EChartsCoreOption {
  const width = Math.max(0, ...rows.map((r) => r.shares.length));
  return {
    animation: false,
    grid: { left: 8, right: 12, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'item', formatter: '{a}: {c}' },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { ...axisText, formatter: pct } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      inverse: true,
      axisLabel: { ...axisText, width: 140, overflow: 'truncate' },
    },
    series: Array.from({ length: width }, (_, k) => ({
      type: 'bar',
      stack: 'share',
      name: `option ${k + 1}`,
      itemStyle: { color: colour(k), borderColor: '#fff', borderWidth: 1 },
      data: rows.map((r) => {
        const s = r.shares[k];
        return s ? { value: round(s.share), name: s.label } : 0;
      }),
    })),
  };
}

/**
 * One issue's 0–100 scale: the actors' positions (dot size follows capability × salience) and every
 * model's forecast with its Monte-Carlo 10–90% interval as a band beneath (the fan).
 */
export function forecastScaleOption(
  actors: readonly { id: string; name: string; position: number; weight: number }[],
  forecasts: readonly {
    model: string;
    value: number | null;
    p10?: number | undefined;
    p50?: number | undefined;
    p90?: number | undefined;
  }[],
): EChartsCoreOption {
  const rows = [...forecasts.map((f) => f.model), ...actors.map((a) => a.name)];
  const maxWeight = Math.max(1e-9, ...actors.map((a) => a.weight));
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 28, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: axisText },
    yAxis: { type: 'category', data: rows, inverse: true, axisLabel: axisText },
    series: [
      {
        type: 'bar',
        stack: 'fan',
        name: 'interval start',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: [...forecasts.map((f) => (f.p10 === undefined ? 0 : round(f.p10, 2))), ...actors.map(() => 0)],
      },
      {
        type: 'bar',
        stack: 'fan',
        name: 'Monte-Carlo 10–90%',
        itemStyle: { color: PALETTE.band, borderColor: PALETTE.frontier },
        data: [
          ...forecasts.map((f) => (f.p10 === undefined || f.p90 === undefined ? 0 : round(f.p90 - f.p10, 2))),
          ...actors.map(() => 0),
        ],
      },
      {
        type: 'scatter',
        name: 'forecast',
        symbol: 'diamond',
        symbolSize: 14,
        itemStyle: { color: PALETTE.ink },
        data: forecasts.flatMap((f) => (f.value === null ? [] : [[round(f.value, 2), f.model]])),
      },
      {
        type: 'scatter',
        name: 'position',
        symbol: 'circle',
        itemStyle: { color: PALETTE.acceptable },
        symbolSize: (v: [number, string, number]) => 8 + 14 * Math.sqrt(v[2]),
        data: actors.map((a) => [a.position, a.name, round(a.weight / maxWeight)]),
      },
    ],
  };
}

/** Positions round by round of a round-based model: one line per actor. */
export function trajectoryOption(
  rounds: readonly { t: number; positions: Readonly<Record<string, number>> }[],
  names: Readonly<Record<string, string>>,
): EChartsCoreOption {
  const actors = [...new Set(rounds.flatMap((r) => Object.keys(r.positions)))];
  return {
    animation: false,
    grid: { left: 40, right: 12, top: 36, bottom: 32 },
    legend: { top: 0, type: 'scroll', textStyle: axisText },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'round', nameLocation: 'middle', nameGap: 20, min: 0, axisLabel: axisText },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: axisText },
    series: actors.map((a, k) => ({
      type: 'line',
      name: names[a] ?? a,
      symbol: SYMBOLS[k % SYMBOLS.length],
      lineStyle: { color: colour(k), type: DASHES[k % DASHES.length] },
      itemStyle: { color: colour(k) },
      data: rounds.map((r) => [r.t, round(r.positions[a] ?? Number.NaN, 2)]),
    })),
  };
}

/** One sensitivity row: the forecast with an input at its low and at its high end. */
export interface TornadoRow {
  label: string;
  low: number;
  high: number;
}

/** The tornado: per input, a bar from its low-end to its high-end forecast, widest swing on top. */
export function tornadoOption(rows: readonly TornadoRow[], base: number | null): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 28, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: axisText },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      inverse: true,
      axisLabel: { ...axisText, width: 150, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        stack: 't',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: rows.map((r) => round(Math.min(r.low, r.high), 2)),
      },
      {
        type: 'bar',
        stack: 't',
        name: 'forecast range',
        itemStyle: { color: PALETTE.acceptable },
        data: rows.map((r) => round(Math.abs(r.high - r.low), 2)),
        ...(base === null
          ? {}
          : {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: PALETTE.noDeal, type: 'dashed' },
                label: { formatter: 'base', color: PALETTE.ink },
                data: [{ xAxis: round(base, 2) }],
              },
            }),
      },
    ],
  };
}

/** Reliability diagram: the observed share of yes against the mean predicted P(yes) per bin, the diagonal as perfect calibration. */
export function reliabilityOption(
  bins: readonly { meanPredicted: number; observedYes: number; n: number }[],
): EChartsCoreOption {
  const maxN = Math.max(1, ...bins.map((b) => b.n));
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 44 },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'predicted P(yes)',
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: axisText,
    },
    yAxis: { type: 'value', min: 0, max: 1, name: 'observed yes', axisLabel: axisText },
    series: [
      {
        type: 'line',
        name: 'perfect calibration',
        data: [
          [0, 0],
          [1, 1],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { color: PALETTE.muted, type: 'dashed' },
      },
      {
        type: 'scatter',
        name: 'bins',
        itemStyle: { color: PALETTE.acceptable },
        symbolSize: (v: [number, number, number]) => 6 + 18 * Math.sqrt(v[2] / maxN),
        data: bins.map((b) => [round(b.meanPredicted), round(b.observedYes), b.n]),
      },
    ],
  };
}

/** Accuracy bars: the model beside each baseline, for yes/no and for the three answers. */
export function scoreBarsOption(
  rows: readonly { label: string; yesNo: number | null; threeClass: number | null }[],
): EChartsCoreOption {
  // ECharts leaves a '-' value out, so a figure not computed draws no bar rather than a zero.
  const value = (x: number | null) => (x === null ? '-' : round(x));
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    legend: { top: 0, textStyle: axisText },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { ...axisText, formatter: pct } },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: axisText },
    series: [
      {
        type: 'bar',
        name: 'yes/no',
        itemStyle: { color: PALETTE.acceptable },
        data: rows.map((r) => value(r.yesNo)),
      },
      {
        type: 'bar',
        name: '3 answers',
        itemStyle: { color: PALETTE.frontier, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3] } },
        data: rows.map((r) => value(r.threeClass)),
      },
    ],
  };
}

const ANSWER_KEYS = ['accepted', 'accepted_with_conditions', 'rejected'] as const;
const ANSWER_NAMES = { accepted: 'accepts', accepted_with_conditions: 'with conditions', rejected: 'rejects' };

/** Each party's answer probabilities as one stacked bar (accepts, with conditions, rejects). */
export function answerStackOption(
  rows: readonly { label: string; probabilities: Readonly<Record<(typeof ANSWER_KEYS)[number], number>> }[],
): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    legend: { top: 0, textStyle: axisText },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { ...axisText, formatter: pct } },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: axisText },
    series: ANSWER_KEYS.map((k) => ({
      type: 'bar',
      stack: 'p',
      name: ANSWER_NAMES[k],
      itemStyle: { color: ANSWER_COLOURS[k], borderColor: '#fff', borderWidth: 1 },
      data: rows.map((r) => round(r.probabilities[k])),
    })),
  };
}

import { describe, expect, it } from 'vitest';
import { chartSvg } from './chart-svg';
import { chartMarks, type ReportChart } from './report-chart';
import { strideSample } from './space-chart';

const scatter: ReportChart = {
  kind: 'scatter',
  id: 's',
  title: 'two <parties>',
  xLabel: 'x',
  yLabel: 'y',
  points: [
    { x: 0.1, y: 0.9, group: 'frontier' },
    { x: 0.5, y: 0.5, group: 'zone' },
    { x: 0.9, y: 0.1, group: 'frontier' },
  ],
  lines: [
    { axis: 'x', at: 0.3, label: 'A walk-away' },
    { axis: 'y', at: 0.3, label: 'B walk-away' },
  ],
  markers: [{ x: 0.5, y: 0.5, group: 'solution', label: 'Nash' }],
};

describe('chartSvg', () => {
  it('draws one mark per point and marker, inside the frame, with the labels escaped', () => {
    const svg = chartSvg(scatter);
    expect(svg.split('class="mark"').length - 1).toBe(chartMarks(scatter));
    expect(svg).toContain('aria-label="two &lt;parties&gt;"');
    for (const m of svg.matchAll(/cx="([\d.]+)" cy="([\d.]+)"/g)) {
      expect(Number(m[1])).toBeGreaterThanOrEqual(56);
      expect(Number(m[1])).toBeLessThanOrEqual(624);
    }
    // The point with the larger x lies further right.
    const xs = [...svg.matchAll(/<circle[^>]*cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('draws bars left of zero for negative values and right for positive ones', () => {
    const svg = chartSvg({
      kind: 'bars',
      id: 'b',
      title: 't',
      valueLabel: 'v',
      groups: [
        {
          label: 'g',
          bars: [
            { label: 'neg', value: -0.2, band: 0.05, group: 'rejected' },
            { label: 'pos', value: 0.3, group: 'accepted' },
          ],
        },
      ],
    });
    const zero = Number(/class="axis" x1="([\d.]+)"/.exec(svg)![1]);
    const bars = [...svg.matchAll(/<rect class="mark"[^>]* x="([\d.]+)"[^>]* width="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(bars).toHaveLength(2);
    expect(bars[0]![0]! + bars[0]![1]!).toBeCloseTo(zero, 0);
    expect(bars[1]![0]!).toBeCloseTo(zero, 0);
    expect(svg).toContain('class="band"');
  });
});

describe('strideSample', () => {
  it('keeps at most the maximum, first index included, evenly spaced', () => {
    expect(strideSample(10, 20)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(strideSample(10, 4)).toEqual([0, 3, 6, 9]);
    expect(strideSample(10_000, 1500).length).toBeLessThanOrEqual(1500);
  });
});

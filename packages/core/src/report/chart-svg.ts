import type { BarChart, ChartPoint, ReportChart, ScatterChart } from './report-chart';

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Fixed decimals keep the output byte-identical across runs and platforms.
const n = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

/** Colour-blind-safe (Okabe–Ito) colours by mark group; unknown groups fall back to grey. */
const COLORS: Record<string, string> = {
  outside: '#bbbbbb',
  frontier: '#0072b2',
  zone: '#009e73',
  solution: '#d55e00',
  accepted: '#009e73',
  accepted_with_conditions: '#e69f00',
  rejected: '#d55e00',
  observed: '#0072b2',
  baseline: '#999999',
  count: '#0072b2',
};
const value = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
const color = (group: string) => COLORS[group] ?? '#666666';

function domainOf(values: number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = hi > lo ? (hi - lo) * 0.05 : 0.5;
  return [lo - pad, hi + pad];
}

function scatterSvg(c: ScatterChart): string {
  const W = 640;
  const H = 420;
  const m = { l: 56, r: 16, t: 16, b: 48 };
  const all: ChartPoint[] = [...c.points, ...c.markers];
  const [x0, x1] = domainOf([...all.map((p) => p.x), ...c.lines.filter((l) => l.axis === 'x').map((l) => l.at)]);
  const [y0, y1] = domainOf([...all.map((p) => p.y), ...c.lines.filter((l) => l.axis === 'y').map((l) => l.at)]);
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
  const sy = (y: number) => H - m.b - ((y - y0) / (y1 - y0)) * (H - m.t - m.b);
  const out: string[] = [];
  out.push(`<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" class="frame"/>`);
  const xLine = c.lines.find((l) => l.axis === 'x');
  const yLine = c.lines.find((l) => l.axis === 'y');
  // The zone of two parties is the quadrant above both walk-away lines: shade it so the eye finds it.
  if (xLine && yLine)
    out.push(
      `<rect class="zone-area" x="${n(sx(xLine.at))}" y="${m.t}" width="${n(W - m.r - sx(xLine.at))}" height="${n(sy(yLine.at) - m.t)}"/>`,
    );
  for (const l of c.lines) {
    const title = `<title>${escapeXml(`${l.label}: ${l.at.toFixed(3)}`)}</title>`;
    out.push(
      l.axis === 'x'
        ? `<line class="ref" x1="${n(sx(l.at))}" x2="${n(sx(l.at))}" y1="${m.t}" y2="${H - m.b}">${title}</line>`
        : `<line class="ref" x1="${m.l}" x2="${W - m.r}" y1="${n(sy(l.at))}" y2="${n(sy(l.at))}">${title}</line>`,
    );
  }
  for (const p of c.points)
    out.push(
      `<circle class="mark" data-group="${escapeXml(p.group)}" cx="${n(sx(p.x))}" cy="${n(sy(p.y))}" r="2.5" fill="${color(p.group)}">${p.label ? `<title>${escapeXml(p.label)}</title>` : ''}</circle>`,
    );
  for (const p of c.markers)
    out.push(
      `<path class="mark" data-group="${escapeXml(p.group)}" d="M${n(sx(p.x))},${n(sy(p.y) - 6)}l6,6l-6,6l-6,-6z" fill="${color(p.group)}" stroke="#000"><title>${escapeXml(p.label ?? '')}</title></path>`,
      `<text x="${n(sx(p.x) + 8)}" y="${n(sy(p.y) - 6)}" class="lbl">${escapeXml(p.label ?? '')}</text>`,
    );
  out.push(
    `<text x="${n(W / 2)}" y="${H - 10}" text-anchor="middle">${escapeXml(c.xLabel)}</text>`,
    `<text transform="translate(14,${n(H / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(c.yLabel)}</text>`,
    `<text x="${m.l}" y="${H - m.b + 16}" text-anchor="middle">${x0.toFixed(2)}</text>`,
    `<text x="${W - m.r}" y="${H - m.b + 16}" text-anchor="end">${x1.toFixed(2)}</text>`,
    `<text x="${m.l - 4}" y="${H - m.b}" text-anchor="end">${y0.toFixed(2)}</text>`,
    `<text x="${m.l - 4}" y="${m.t + 10}" text-anchor="end">${y1.toFixed(2)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" data-chart="${escapeXml(c.id)}" aria-label="${escapeXml(c.title)}">${out.join('')}</svg>`;
}

function barsSvg(c: BarChart): string {
  const W = 640;
  const row = 18;
  const head = 20;
  const labelW = 200;
  const m = { l: labelW, r: 60, t: 8, b: 32 };
  const bars = c.groups.flatMap((g) => g.bars);
  const [d0, d1] =
    c.domain ??
    (() => {
      const values = bars.flatMap((b) => [b.value, b.band ?? 0, -(b.band ?? 0)]);
      const [lo, hi] = domainOf([0, ...values]);
      // Bars grow from zero: pad only the sides that hold values.
      return [Math.min(...values) < 0 ? lo : 0, Math.max(...values) > 0 ? hi : 0] as [number, number];
    })();
  const sx = (x: number) => m.l + ((x - d0) / (d1 - d0 || 1)) * (W - m.l - m.r);
  const counts = bars.every((b) => Number.isInteger(b.value));
  const tick = (x: number) => (counts ? String(Math.round(x)) : x.toFixed(2));
  const out: string[] = [];
  let y = m.t;
  for (const g of c.groups) {
    out.push(`<text x="4" y="${y + 14}" class="grp">${escapeXml(g.label)}</text>`);
    y += head;
    for (const b of g.bars) {
      if (b.band)
        out.push(
          `<rect class="band" x="${n(sx(-b.band))}" y="${y + 1}" width="${n(sx(b.band) - sx(-b.band))}" height="${row - 2}"/>`,
        );
      const a = sx(Math.min(0, b.value));
      const w = Math.max(1, sx(Math.max(0, b.value)) - a);
      out.push(
        `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end">${escapeXml(b.label)}</text>`,
        `<rect class="mark" data-group="${escapeXml(b.group)}" x="${n(a)}" y="${y + 4}" width="${n(w)}" height="${row - 8}" fill="${color(b.group)}"><title>${escapeXml(`${b.label}: ${value(b.value)}${b.band ? ` (band ±${b.band.toFixed(3)})` : ''}`)}</title></rect>`,
        `<text x="${n(sx(Math.max(0, b.value)) + 4)}" y="${y + 13}" class="val">${value(b.value)}</text>`,
      );
      y += row;
    }
  }
  const H = y + m.b;
  out.push(
    `<line class="axis" x1="${n(sx(0))}" x2="${n(sx(0))}" y1="${m.t}" y2="${y}"/>`,
    `<text x="${n(sx(d0))}" y="${y + 16}" text-anchor="start">${tick(d0)}</text>`,
    `<text x="${n(sx(d1))}" y="${y + 16}" text-anchor="end">${tick(d1)}</text>`,
    `<text x="${n((m.l + W - m.r) / 2)}" y="${y + 28}" text-anchor="middle">${escapeXml(c.valueLabel)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" data-chart="${escapeXml(c.id)}" aria-label="${escapeXml(c.title)}">${out.join('')}</svg>`;
}

/**
 * Draws a report chart as an inline SVG string (pure string building, no DOM); every datum is one
 * element of class `mark`, so a test can count them against the data.
 */
export function chartSvg(chart: ReportChart): string {
  return chart.kind === 'scatter' ? scatterSvg(chart) : barsSvg(chart);
}

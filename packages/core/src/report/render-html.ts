import { backtestChart, marginChart } from './analysis-charts';
import type { ScenarioAnalysis } from './analyze-scenario';
import { chartSvg, escapeXml } from './chart-svg';
import { type ReportSection, verdictRows } from './render-analysis';
import type { ReportChart } from './report-chart';
import { buildSummary } from './summary';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

// Inline so that the file opens anywhere, offline, with nothing fetched.
const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #ddd;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.summary li{margin:.2rem 0}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#555}
svg{max-width:100%;height:auto;font:11px system-ui,sans-serif}svg .frame{fill:none;stroke:#999}
svg .zone-area{fill:#009e73;fill-opacity:.08}svg .ref{stroke:#444;stroke-dasharray:4 3}
svg .band{fill:#e69f00;fill-opacity:.18}svg .axis{stroke:#444}svg .grp{font-weight:600}svg .val{fill:#555}
.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}`;

const LEGENDS: Record<string, [string, string][]> = {
  space: [
    ['#0072b2', 'Pareto frontier'],
    ['#009e73', 'in the zone'],
    ['#d55e00', 'bargaining solution'],
  ],
  margins: [
    ['#009e73', 'accepted'],
    ['#e69f00', 'accepted with conditions'],
    ['#d55e00', 'rejected'],
  ],
};

function figure(chart: ReportChart): string {
  const legend = LEGENDS[chart.id]
    ?.map(([c, t]) => `<span><i style="background:${c}"></i>${escapeXml(t)}</span>`)
    .join('');
  return `<figure>${chartSvg(chart)}<figcaption>${escapeXml(chart.title)}${chart.note ? `. ${escapeXml(chart.note)}` : ''}${legend ? `<div class="legend">${legend}</div>` : ''}</figcaption></figure>`;
}

function table(rows: readonly (readonly string[])[]): string {
  const [head, ...body] = rows;
  if (!head) return '';
  return `<table><thead><tr>${head.map((c) => `<th>${escapeXml(c)}</th>`).join('')}</tr></thead><tbody>${body
    .map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/**
 * Renders the analysis as one self-contained HTML page (inline CSS, inline SVG charts, no script,
 * nothing fetched): the summary, the sources, the charts, then the detail of every section.
 * Deterministic: the same analysis gives the same bytes.
 */
export function renderHtml(a: ScenarioAnalysis, sections: readonly ReportSection[] = []): string {
  const out: string[] = [];
  const h = escapeXml;
  const nameOf = (id: string) => a.actors.find((x) => x.id === id)?.name ?? id;
  const title = `${a.scenario.title} — analysis as of ${a.scenario.asOf}`;
  out.push(`<h1>${h(title)}</h1>`, '<h2>Summary</h2>', '<ul class="summary">');
  for (const line of buildSummary(a, sections)) out.push(`<li>${h(line)}</li>`);
  out.push('</ul>');
  if (a.sources.length)
    out.push(
      '<h2>Sources</h2>',
      table([
        ['id', 'title', 'outlet', 'date'],
        ...a.sources.map((s) => [s.id, s.title, s.outlet ?? '-', s.date ?? '-']),
      ]),
    );
  out.push('<h2>The scenario</h2>');
  if (a.scenario.description) out.push(`<p>${h(a.scenario.description)}</p>`);
  out.push(
    `<p>${a.counts.actors} actors, ${a.counts.issues} issues, ${a.counts.proposals} recorded proposals, ${a.counts.levers} levers, ${a.counts.events} dated events, ${a.counts.sources} sources.</p>`,
    table([
      ['actor', 'role', 'walk-away', 'today', 'ideal'],
      ...a.stakes.map((s) => [
        s.name,
        s.role,
        s.noDeal.toFixed(3),
        s.statusQuoUtility.toFixed(3),
        s.idealUtility.toFixed(3),
      ]),
    ]),
  );

  out.push('<h2>Recorded proposals and the model’s verdicts</h2>');
  if (a.proposals.length) out.push(figure(marginChart(a)));
  for (const p of a.proposals) {
    out.push(`<h3>${h(`${p.date} — ${p.title}`)}</h3>`);
    if (p.noChange) {
      out.push(
        '<p>No change: these terms leave every issue as it is today, so no party has anything to accept or refuse.</p>',
      );
      continue;
    }
    out.push(table(verdictRows(p, nameOf)));
  }

  const b = a.backtest;
  out.push(
    '<h2>Backtest: predicted versus observed answers</h2>',
    `<p>${b.correct} of ${b.scored} observed answers reproduced (${pct(b.accuracy)}); naive yardstick: always answering "${h(b.baseline.answer ?? '-')}" scores ${pct(b.baseline.accuracy)}. In-sample fit: the preferences were set with this record in view.</p>`,
  );
  if (b.scored > 0) out.push(figure(backtestChart(a)));

  for (const section of sections) {
    out.push(`<h2>${h(section.title)}</h2>`);
    for (const chart of section.charts ?? []) out.push(figure(chart));
    for (const block of section.blocks)
      out.push('paragraph' in block ? `<p>${h(block.paragraph)}</p>` : table(block.table));
  }
  if (a.notes.length) {
    out.push('<h2>Notes and flagged conflicts between sources</h2>', '<ul>');
    for (const n of a.notes) out.push(`<li>${h(`[${n.kind}] ${n.text}`)}</li>`);
    out.push('</ul>');
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${out.join('\n')}
</body>
</html>
`;
}

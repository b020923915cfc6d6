import type { ScenarioAnalysis } from './analyze-scenario';
import { formatMarkdownTable, formatTable, signed, wrap } from './format-table';
import type { ReportChart } from './report-chart';
import { buildSummary, notAffected } from './summary';

/** Output style of a rendered report. */
export type ReportStyle = 'text' | 'md';

/** One block of a report section: a paragraph or a table (first row is the header). */
export type ReportBlock = { paragraph: string } | { table: string[][] };

/** A titled part of a report, added by later engines (agreement space, stability…), rendered in order. */
export interface ReportSection {
  title: string;
  blocks: ReportBlock[];
  /** Short findings for the report's opening summary, one sentence each. */
  summary?: string[];
  /** Charts as data, drawn only by the HTML report (`renderHtml`). */
  charts?: ReportChart[];
}

/** How a report is laid out: the line width of text output (tables wrap their cells to fit). */
export interface RenderOptions {
  width?: number;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function renderer(style: ReportStyle, width: number) {
  const out: string[] = [];
  const md = style === 'md';
  return {
    h1: (t: string) => out.push(md ? `# ${t}\n` : `${wrap(t, width)}\n${'='.repeat(Math.min(t.length, width))}\n`),
    h2: (t: string) => out.push(md ? `## ${t}\n` : `${wrap(t, width)}\n${'-'.repeat(Math.min(t.length, width))}\n`),
    h3: (t: string) => out.push(md ? `### ${t}\n` : `${wrap(`${t}:`, width)}\n`),
    p: (t: string) => out.push(md ? `${t}\n` : `${wrap(t, width)}\n`),
    item: (t: string) => out.push(md ? `- ${t}` : wrap(`- ${t}`, width - 2, '').replace(/\n/g, '\n  ')),
    end: () => out.push(''),
    table: (rows: string[][]) => out.push(`${md ? formatMarkdownTable(rows) : formatTable(rows, { width })}\n`),
    text: () => out.join('\n'),
  };
}

/** A source's title for citations: without a trailing parenthetical remark, cut to a readable length. */
function shortTitle(title: string): string {
  const bare = title.replace(/\s*\([^)]*\)\s*$/, '');
  return bare.length > 60 ? `${bare.slice(0, 57)}...` : bare;
}

/** The table of a recorded proposal's verdicts, one row per party, shared by the text and HTML reports. */
export function verdictRows(p: ScenarioAnalysis['proposals'][number], nameOf: (id: string) => string): string[][] {
  return [
    ['party', 'utility', 'weighed against', 'margin', 'predicted', 'observed'],
    ...p.verdicts.map((v) =>
      notAffected(v)
        ? [nameOf(v.actor), v.utility.toFixed(3), '-', 'unchanged', 'not affected', v.observed ?? '-']
        : [
            nameOf(v.actor),
            v.utility.toFixed(3),
            `${v.reference === 'status_quo' ? 'today' : 'walk-away'} ${v.referenceValue.toFixed(3)}`,
            signed(v.margin),
            v.answer,
            v.observed ?? '-',
          ],
    ),
  ];
}

/**
 * Renders the analysis as a readable report (terminal text or Markdown), with extra sections appended:
 * first a summary that answers, then the sources, then the detail.
 * @example renderAnalysis(analyzeScenario(model), 'md')
 */
export function renderAnalysis(
  a: ScenarioAnalysis,
  style: ReportStyle,
  extra: readonly ReportSection[] = [],
  options: RenderOptions = {},
): string {
  const r = renderer(style, options.width ?? 100);
  const q = (quote: string) => (style === 'md' ? `“${quote}”` : `"${quote}"`);
  const titles = new Map(a.sources.map((s) => [s.id, shortTitle(s.title)]));
  const cite = (id: string) => (style === 'md' ? `(*${titles.get(id) ?? id}*)` : `(${titles.get(id) ?? id})`);
  const nameOf = (id: string) => a.actors.find((x) => x.id === id)?.name ?? id;
  r.h1(`${a.scenario.title} — analysis as of ${a.scenario.asOf}`);

  r.h2('Summary');
  for (const line of buildSummary(a, extra)) r.item(line);
  r.end();

  if (a.sources.length) {
    r.h2('Sources');
    r.table([
      ['id', 'title', 'outlet', 'date'],
      ...a.sources.map((s) => [s.id, s.title, s.outlet ?? '-', s.date ?? '-']),
    ]);
  }

  r.h2('The scenario');
  if (a.scenario.description) r.p(a.scenario.description);
  r.p(
    `${a.counts.actors} actors, ${a.counts.issues} issues, ${a.counts.proposals} recorded proposals, ${a.counts.levers} levers, ${a.counts.events} dated events, ${a.counts.sources} sources.`,
  );

  r.h2('Actors and their stakes');
  r.table([
    ['actor', 'role', 'walk-away', 'status quo', 'ideal', 'top issues (weight → preferred option)'],
    ...a.stakes.map((s) => [
      s.name,
      s.role,
      s.noDeal.toFixed(2),
      s.statusQuoUtility.toFixed(2),
      s.idealUtility.toFixed(2),
      s.issues
        .slice(0, 3)
        .map((i) => `${i.issue} ${i.weight.toFixed(2)} → ${i.preferred}`)
        .join('; '),
    ]),
  ]);
  const others = a.actors.filter((x) => !a.stakes.some((s) => s.actor === x.id));
  if (others.length)
    r.p(`Also involved, without modelled preferences: ${others.map((x) => `${x.name} (${x.role})`).join(', ')}.`);
  for (const s of a.stakes) {
    r.h3(`${s.name}: red lines and walk-away value`);
    if (s.redLines.length === 0) r.item('No red lines recorded.');
    for (const line of s.redLines) {
      const ev = line.evidence[0];
      r.item(`Will not accept ${line.issue} = "${line.label}"${ev ? ` — ${q(ev.quote)} ${cite(ev.source)}` : ''}`);
    }
    const ev = s.noDealEvidence[0];
    r.item(
      `Walk-away value ${s.noDeal.toFixed(2)} (what ${a.words.noDeal} is worth to it)${ev ? ` — ${q(ev.quote)} ${cite(ev.source)}` : ''}`,
    );
    r.end();
  }

  r.h2('Issues');
  r.table([
    ['issue', 'status quo', 'options (in order)', 'preferred by'],
    ...a.issues.map((i) => [
      i.name,
      i.statusQuo,
      i.options.map((o) => o.id).join(' < '),
      Object.entries(i.preferredBy)
        .map(([actor, option]) => `${actor}: ${option}`)
        .join(', '),
    ]),
  ]);

  r.h2('Recorded proposals and the model’s verdicts');
  for (const p of a.proposals) {
    r.h3(`${p.date} — ${p.title}`);
    r.p(
      `Terms: ${
        Object.entries(p.terms)
          .map(([i, o]) => `${i} = ${o}`)
          .join(', ') || '(status quo)'
      }. Proposed by ${p.proposers.map(nameOf).join(', ')}. ${p.kind === 'step' ? 'A step: each party weighs it against today.' : a.scenario.settlement ? 'A settlement: each party weighs it against walking away.' : `Each party weighs it against ${a.words.noDeal} (its walk-away value).`}`,
    );
    if (p.noChange) {
      r.p('No change: these terms leave every issue as it is today, so no party has anything to accept or refuse.');
      r.table([
        ['party', 'utility today', 'predicted', 'observed'],
        ...p.verdicts.map((v) => [nameOf(v.actor), v.utility.toFixed(3), 'no change', v.observed ?? '-']),
      ]);
      r.end();
      continue;
    }
    r.table(verdictRows(p, nameOf));
    const untouched = p.verdicts.filter(notAffected).map((v) => nameOf(v.actor));
    for (const v of p.verdicts) if (!notAffected(v) && (v.answer !== 'accepted' || v.observed)) r.item(v.explanation);
    if (untouched.length)
      r.item(
        `Not affected: the terms change nothing ${untouched.join(', ')} care${untouched.length === 1 ? 's' : ''} about.`,
      );
    if (p.zoneNote) r.item(p.zoneNote);
    for (const c of p.toClose) {
      if (c.redLines.length)
        r.item(
          `To win ${nameOf(c.actor)} over, the terms must ${c.redLines
            .map((line) => {
              const [issue, option] = line.split('=');
              // A red line on the status quo is crossed by leaving the issue as it is, not by naming it.
              return a.issues.find((i) => i.id === issue)?.statusQuo === option
                ? `change ${issue} from ${option}`
                : `drop ${line}`;
            })
            .join(' and ')} (${c.redLines.length === 1 ? 'a red line' : 'red lines'}).`,
        );
      else if (c.levers.length)
        r.item(
          `To bring ${nameOf(c.actor)} to at least a conditional yes (gap ${c.gap.toFixed(3)}): ${c.levers.map((l) => `${l.id} at strength ${l.strength} (credible up to ${l.maxStrength})`).join(', or ')}.`,
        );
      else
        r.item(
          `To bring ${nameOf(c.actor)} to at least a conditional yes the package must gain it ${c.gap.toFixed(3)}; no single lever in the scenario does that.`,
        );
    }
    r.end();
  }

  r.h2('Backtest: predicted versus observed answers');
  const b = a.backtest;
  r.p(
    `${b.correct} of ${b.scored} observed answers reproduced (${pct(b.accuracy)}); yes/no direction right in ${pct(b.directionAccuracy)}. Naive yardstick: always answering "${b.baseline.answer ?? '-'}" scores ${pct(b.baseline.accuracy)}. This is an in-sample fit: the preferences were set with this record in view, so it shows consistency, not predictive power.`,
  );
  r.table([
    ['party', 'scored', 'accuracy'],
    ...Object.entries(b.byActor).map(([k, f]) => [nameOf(k), String(f.scored), pct(f.accuracy)]),
  ]);
  const misses = b.comparisons.filter((c) => !c.match);
  for (const m of misses)
    r.item(
      `Miss: ${m.proposal} / ${nameOf(m.actor)}: observed ${m.observed}, predicted ${m.predicted} (margin ${signed(m.margin)}).`,
    );
  r.end();

  for (const section of extra) {
    r.h2(section.title);
    for (const block of section.blocks) {
      if ('paragraph' in block) r.p(block.paragraph);
      else r.table(block.table);
    }
  }

  if (a.notes.length) {
    r.h2('Notes and flagged conflicts between sources');
    for (const n of a.notes) r.item(`[${n.kind}] ${n.text}`);
    r.end();
  }
  return `${r.text().trimEnd()}\n`;
}

import type { ScenarioAnalysis } from './analyze-scenario';
import { formatMarkdownTable, formatTable, signed, wrap } from './format-table';

/** Output style of a rendered report. */
export type ReportStyle = 'text' | 'md';

/** One block of a report section: a paragraph or a table (first row is the header). */
export type ReportBlock = { paragraph: string } | { table: string[][] };

/** A titled part of a report, added by later engines (agreement space, stability…), rendered in order. */
export interface ReportSection {
  title: string;
  blocks: ReportBlock[];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function renderer(style: ReportStyle) {
  const out: string[] = [];
  return {
    h1: (t: string) => out.push(style === 'md' ? `# ${t}\n` : `${t}\n${'='.repeat(t.length)}\n`),
    h2: (t: string) => out.push(style === 'md' ? `## ${t}\n` : `${t}\n${'-'.repeat(t.length)}\n`),
    h3: (t: string) => out.push(style === 'md' ? `### ${t}\n` : `${t}:\n`),
    p: (t: string) => out.push(style === 'md' ? `${t}\n` : `${wrap(t, 100)}\n`),
    item: (t: string) => out.push(style === 'md' ? `- ${t}` : wrap(`- ${t}`, 100, '').replace(/\n/g, '\n  ')),
    end: () => out.push(''),
    table: (rows: string[][]) => out.push(`${style === 'md' ? formatMarkdownTable(rows) : formatTable(rows)}\n`),
    text: () => out.join('\n'),
  };
}

/**
 * Renders the analysis as a readable report (terminal text or Markdown), with extra sections appended.
 * @example renderAnalysis(analyzeScenario(model), 'md')
 */
export function renderAnalysis(a: ScenarioAnalysis, style: ReportStyle, extra: readonly ReportSection[] = []): string {
  const r = renderer(style);
  const q = (quote: string) => (style === 'md' ? `“${quote}”` : `"${quote}"`);
  r.h1(`${a.scenario.title} — analysis as of ${a.scenario.asOf}`);
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
      r.item(`Will not accept ${line.issue} = "${line.label}"${ev ? ` — ${q(ev.quote)} [${ev.source}]` : ''}`);
    }
    const ev = s.noDealEvidence[0];
    r.item(
      `Walk-away value ${s.noDeal.toFixed(2)} (what fighting on is worth to it)${ev ? ` — ${q(ev.quote)} [${ev.source}]` : ''}`,
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
      }. Proposed by ${p.proposers.join(', ')}.`,
    );
    r.table([
      ['party', 'utility', 'walk-away', 'margin', 'predicted', 'observed'],
      ...p.verdicts.map((v) => [
        v.actor,
        v.utility.toFixed(3),
        v.noDeal.toFixed(3),
        signed(v.margin),
        v.answer,
        v.observed ?? '-',
      ]),
    ]);
    for (const v of p.verdicts) if (v.answer !== 'accepted' || v.observed) r.item(v.explanation);
    if (p.zoneNote) r.item(p.zoneNote);
    for (const c of p.toClose) {
      if (c.redLines.length)
        r.item(`To win ${c.actor} over, the terms must drop ${c.redLines.join(', ')} (a red line).`);
      else if (c.levers.length)
        r.item(
          `To bring ${c.actor} to at least a conditional yes (gap ${c.gap.toFixed(3)}): ${c.levers.map((l) => `${l.id} at strength ${l.strength} (credible up to ${l.maxStrength})`).join(', or ')}.`,
        );
      else
        r.item(
          `To bring ${c.actor} to at least a conditional yes the package must gain it ${c.gap.toFixed(3)}; no single lever in the scenario does that.`,
        );
    }
    r.end();
  }

  r.h2('Backtest: predicted versus observed answers');
  const b = a.backtest;
  r.p(
    `${b.correct} of ${b.scored} observed answers reproduced (${pct(b.accuracy)}); yes/no direction right in ${pct(b.directionAccuracy)}.`,
  );
  r.table([
    ['party', 'scored', 'accuracy'],
    ...Object.entries(b.byActor).map(([k, f]) => [k, String(f.scored), pct(f.accuracy)]),
  ]);
  const misses = b.comparisons.filter((c) => !c.match);
  for (const m of misses)
    r.item(
      `Miss: ${m.proposal} / ${m.actor}: observed ${m.observed}, predicted ${m.predicted} (margin ${signed(m.margin)}).`,
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

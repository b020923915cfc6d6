import { EntenteError } from '../errors';
import { toCsv } from '../report/csv';
import { wrap } from '../report/format-table';
import type { ReportSection } from '../report/render-analysis';
import type { ManyRunsResult } from './many-runs';
import type { RunRow, SimulationResult } from './simulate-engine';

/** Text output stays within this many columns. */
export const WIDTH = 100;

const p3 = (x: number) => x.toFixed(3);
const interval = ([lo, hi]: readonly [number, number]) => `[${p3(lo)}, ${p3(hi)}]`;
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** Options of an issue by share of agreements, largest first, the rest summed (at most `top` named). */
function termsLine(issue: string, shares: Record<string, number>, top = 3): string {
  const sorted = Object.entries(shares)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1]);
  const named = sorted.slice(0, top).map(([o, s]) => `${o} ${pct(s)}`);
  const rest = sorted.slice(top).reduce((a, [, s]) => a + s, 0);
  return `${issue}: ${[...named, ...(rest > 0 ? [`other ${pct(rest)}`] : [])].join(', ')}`;
}

/** A line cut to the width at spaces, continuation lines indented. */
export function fit(line: string): string[] {
  if (line.length <= WIDTH) return [line];
  const lead = /^\s*/.exec(line)![0];
  const parts = wrap(line.trim(), WIDTH, `${lead}    `).split('\n');
  parts[0] = lead + parts[0]!.trimStart();
  return parts;
}

/** A bar of `width` characters for a proportion. */
const bar = (x: number, width = 20) => '#'.repeat(Math.round(x * width)).padEnd(width, '.');

/**
 * The aggregate of many runs as lines of at most 100 columns: P(agreement) with its interval, how
 * runs ended, rounds to agreement, distances to Pareto and Nash, terms per issue, the lever curve.
 */
export function renderMany(m: ManyRunsResult): string[] {
  const lines = [
    `runs: ${m.runs}, agreements: ${m.agreements}, P(agreement) ${p3(m.pAgreement)} ${interval(m.interval)} (95% Wilson)`,
    `endings: ${Object.entries(m.ends)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  const walked = Object.entries(m.walkedAway).filter(([, v]) => v > 0);
  if (walked.length > 0) lines.push(`walked away: ${walked.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (m.timeToAgreement) {
    const t = m.timeToAgreement;
    lines.push(`rounds to agreement: mean ${t.mean.toFixed(1)}, median ${t.median}, 90th percentile ${t.p90}`);
  }
  if (m.meanParetoDistance !== null && m.meanNashDistance !== null)
    lines.push(
      `distance of agreements (utility space): to the Pareto frontier ${p3(m.meanParetoDistance)}, to the Nash point ${p3(m.meanNashDistance)} (means)`,
    );
  if (m.meanUtilities)
    lines.push(
      `mean utilities of agreements: ${Object.entries(m.meanUtilities)
        .map(([k, v]) => `${k} ${p3(v)}`)
        .join(', ')}`,
    );
  if (m.agreements > 0) {
    lines.push('terms of agreements, per issue:');
    for (const [issue, shares] of Object.entries(m.terms)) lines.push(`  ${termsLine(issue, shares)}`);
  }
  if (m.sweep.length > 0) {
    lines.push('P(agreement) against the lever strength:');
    for (const s of m.sweep)
      lines.push(
        `  ${String(s.strength).padStart(5)}  ${bar(s.pAgreement)}  ${p3(s.pAgreement)} ${interval(s.interval)}  (${s.runs} runs)`,
      );
  }
  return lines.flatMap(fit);
}

/**
 * The simulation as one CSV table: one row per run (run, end, final step, who walked away, the
 * swept strength, each party's utility, each issue's agreed option). Sweeps above the row cap keep
 * no rows, so they are refused with a pointer to --json.
 */
export function simulationCsv(r: SimulationResult): string {
  const issues = r.agreement ? Object.keys(r.agreement) : [];
  const rows: RunRow[] = r.rows ?? [
    {
      run: 0,
      end: r.end,
      finalStep: r.finalStep,
      walkedAway: r.walkedAway,
      strength: null,
      utilities: r.utilities,
      agreement: r.agreement,
    },
  ];
  if (!r.rows && (r.many || r.summary))
    throw new EntenteError(
      'INVALID_PARAMS',
      `--csv lists one row per run for up to 10,000 runs; this sweep has ${(r.many ?? r.summary)!.runs}. Use --json for its aggregate.`,
    );
  const issueIds = rows.find((x) => x.agreement)?.agreement
    ? Object.keys(rows.find((x) => x.agreement)!.agreement!)
    : issues;
  const header = [
    'run',
    'end',
    'final_step',
    'walked_away',
    'lever_strength',
    ...r.parties.map((p) => `utility_${p}`),
    ...issueIds,
  ];
  return toCsv([
    header,
    ...rows.map((x) => [
      x.run,
      x.end,
      x.finalStep,
      x.walkedAway,
      x.strength,
      ...r.parties.map((_, k) => x.utilities?.[k] ?? null),
      ...issueIds.map((i) => x.agreement?.[i] ?? null),
    ]),
  ]);
}

/** The simulation section of `entente analyze`: the many-run aggregate, and at most three summary lines. */
export function simulationSection(r: SimulationResult): ReportSection {
  const m = r.many;
  const setup = `${m?.runs ?? 1} seeded runs of ${r.protocol === 'sao' ? 'stacked alternating offers' : r.protocol} among ${r.parties.join(', ')} (${[...new Set(r.strategies)].join(', ')}), ${r.deadline} rounds.`;
  if (!m) return { title: 'Negotiation simulation', blocks: [{ paragraph: setup }] };
  const blocks: ReportSection['blocks'] = [{ paragraph: setup }];
  blocks.push({
    table: [
      ['measure', 'value'],
      ['P(agreement)', `${p3(m.pAgreement)} ${interval(m.interval)}`],
      ...Object.entries(m.ends).map(([k, v]) => [`runs ending in ${k}`, String(v)]),
      ...(m.timeToAgreement
        ? [['rounds to agreement (mean, median)', `${m.timeToAgreement.mean.toFixed(1)}, ${m.timeToAgreement.median}`]]
        : []),
      ...(m.meanParetoDistance !== null ? [['mean distance to the Pareto frontier', p3(m.meanParetoDistance)]] : []),
      ...(m.meanNashDistance !== null ? [['mean distance to the Nash point', p3(m.meanNashDistance)]] : []),
    ],
  });
  if (m.agreements > 0)
    blocks.push({
      table: [
        ['issue', 'terms of agreements'],
        ...Object.entries(m.terms).map(([issue, shares]) => [issue, termsLine(issue, shares).slice(issue.length + 2)]),
      ],
    });
  const lever = r.leverCurve;
  if (lever && m.sweep.length > 0)
    blocks.push({
      table: [
        [`${lever} strength`, 'P(agreement)', '95% interval', 'runs'],
        ...m.sweep.map((s) => [String(s.strength), p3(s.pAgreement), interval(s.interval), String(s.runs)]),
      ],
    });
  const summary = [
    `Simulation (${m.runs} seeded runs, ${r.parties.length} parties, ${[...new Set(r.strategies)].join('/')}): P(agreement) ${p3(m.pAgreement)} ${interval(m.interval)}${m.timeToAgreement ? `, mean ${m.timeToAgreement.mean.toFixed(0)} rounds to agreement` : ''}.`,
  ];
  if (lever && m.sweep.length > 1)
    summary.push(
      `P(agreement) against ${lever}: ${m.sweep.map((s) => `${s.strength}× ${p3(s.pAgreement)}`).join(', ')}.`,
    );
  return { title: 'Negotiation simulation', blocks, summary };
}

import type { GmcrReport } from '../gmcr/analyze';
import type { StabilityConcept } from '../gmcr/types';
import type { ReportBlock, ReportSection } from './render-analysis';
import type { BarChart } from './report-chart';

const CONCEPT_NAMES: Record<StabilityConcept, string> = {
  nash: 'Nash',
  gmr: 'GMR',
  smr: 'SMR',
  seq: 'SEQ',
  sim: 'SIM',
  seqsim: 'SEQ+SIM',
};

/** A state in words: the options taken, grouped by decision maker (the pattern lists options in order, Y = taken). */
export function describeGmcrState(report: GmcrReport, state: number): string {
  const entry = report.stateList[state];
  if (!entry) return `state ${state}`;
  const taken = report.options.filter((_, k) => entry.pattern[k] === 'Y');
  if (taken.length === 0) return 'no option taken';
  return report.decisionMakers
    .map((dm, d) => {
      const mine = taken.filter((o) => o.dm === d).map((o) => o.name);
      return mine.length ? `${dm}: ${mine.join(', ')}` : '';
    })
    .filter(Boolean)
    .join('; ');
}

/** The stability part of the main report: equilibria per concept, the status quo, and what can be reached from it. */
export function gmcrReportSection(report: GmcrReport, notes?: string): ReportSection {
  const concepts = (Object.keys(CONCEPT_NAMES) as StabilityConcept[]).filter((c) => report.equilibria[c] !== undefined);
  const blocks: ReportBlock[] = [];
  const say = (paragraph: string) => blocks.push({ paragraph });
  say(
    `A Graph Model for Conflict Resolution of ${report.decisionMakers.length} decision makers (${report.decisionMakers.join(', ')}) and ${report.options.length} options: ${report.states} feasible states, ${report.mode} semantics. A state is an equilibrium under a concept when no decision maker can move to a state it prefers without being sanctioned in the way the concept allows.`,
  );
  blocks.push({
    table: [
      ['concept', 'equilibria', 'examples'],
      ...concepts.map((c) => {
        const eq = report.equilibria[c] ?? [];
        return [
          CONCEPT_NAMES[c],
          String(eq.length),
          eq
            .slice(0, 3)
            .map((s) => `[${describeGmcrState(report, s)}]`)
            .join(' '),
        ];
      }),
    ],
  });

  const sq = report.statusQuo;
  if (sq) {
    const stableUnder = concepts.filter((c) => report.equilibria[c]?.includes(sq.state)).map((c) => CONCEPT_NAMES[c]);
    say(
      `The status quo [${describeGmcrState(report, sq.state)}] is ${stableUnder.length ? `an equilibrium under ${stableUnder.join(', ')}` : 'not an equilibrium under any concept'}.`,
    );
    const reach = sq.byImprovements.reachable.nash ?? [];
    const others = reach.filter((r) => r.state !== sq.state);
    say(
      others.length
        ? `Nash equilibria reachable from it by unilateral improvements: ${others.map((r) => `[${describeGmcrState(report, r.state)}] in ${r.path.length} move${r.path.length === 1 ? '' : 's'}`).join('; ')}.`
        : 'No other Nash equilibrium can be reached from it by unilateral improvements: no side gains by moving alone.',
    );
    const coalitional = sq.byCoalitionalImprovements?.reachable.nash?.filter((r) => r.state !== sq.state) ?? [];
    if (sq.byCoalitionalImprovements)
      say(
        coalitional.length
          ? `By coalitional improvements (joint moves every member gains from): ${coalitional.map((r) => `[${describeGmcrState(report, r.state)}]`).join('; ')}.`
          : 'Joint moves that every member gains from reach no other Nash equilibrium either.',
      );
  }
  if (notes) say(notes.trim());
  const chart: BarChart = {
    kind: 'bars',
    id: 'stability',
    title: `Stability: equilibria under each concept, of ${report.states} feasible states`,
    valueLabel: 'number of equilibrium states',
    groups: [
      {
        label: 'Equilibria',
        bars: concepts.map((c) => ({
          label: CONCEPT_NAMES[c],
          value: report.equilibria[c]?.length ?? 0,
          group: 'count',
        })),
      },
    ],
  };
  return {
    title: 'Stability: which outcomes hold (Graph Model for Conflict Resolution)',
    blocks,
    ...(concepts.length ? { charts: [chart] } : {}),
  };
}

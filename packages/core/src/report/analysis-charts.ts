import type { ScenarioAnalysis } from './analyze-scenario';
import type { BarChart } from './report-chart';
import { notAffected } from './summary';

/**
 * Each party's margin against its band for every recorded proposal (parties the terms leave
 * untouched are left out: they have no margin to show).
 */
export function marginChart(a: ScenarioAnalysis): BarChart {
  const nameOf = (id: string) => a.actors.find((x) => x.id === id)?.name ?? id;
  return {
    kind: 'bars',
    id: 'margins',
    title: 'Each party’s margin for every recorded proposal, with its band of indifference',
    valueLabel: 'margin over the reference (walk-away or today); shaded: the band of a conditional answer',
    groups: a.proposals
      .filter((p) => !p.noChange)
      .map((p) => ({
        label: `${p.date} — ${p.title}`,
        bars: p.verdicts
          .filter((v) => !notAffected(v))
          .map((v) => ({ label: nameOf(v.actor), value: v.margin, band: v.band, group: v.answer })),
      }))
      .filter((g) => g.bars.length > 0),
  };
}

/** The backtest's accuracy beside its naive baseline, overall and per party, labelled in-sample. */
export function backtestChart(a: ScenarioAnalysis): BarChart {
  const b = a.backtest;
  const nameOf = (id: string) => a.actors.find((x) => x.id === id)?.name ?? id;
  return {
    kind: 'bars',
    id: 'backtest',
    title: 'Backtest (in-sample): observed answers reproduced, against the naive baseline',
    valueLabel: 'share of scored answers reproduced',
    domain: [0, 1],
    groups: [
      {
        label: `All ${b.scored} scored answers`,
        bars: [
          { label: 'model (in-sample)', value: b.accuracy, group: 'observed' },
          { label: `always "${b.baseline.answer ?? '-'}"`, value: b.baseline.accuracy, group: 'baseline' },
        ],
      },
      {
        label: 'By party (model)',
        bars: Object.entries(b.byActor).map(([k, f]) => ({ label: nameOf(k), value: f.accuracy, group: 'observed' })),
      },
    ],
    note: 'In-sample: the preferences were set with this record in view, so this shows consistency, not predictive power.',
  };
}

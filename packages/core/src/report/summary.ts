import type { ScenarioAnalysis } from './analyze-scenario';
import type { ReportSection } from './render-analysis';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A party the terms leave exactly where it was: nothing it weighs changes and it is weighed against today. */
export function notAffected(v: { band: number; margin: number; redLinesBroken: readonly unknown[] }): boolean {
  return v.band === 0 && Math.abs(v.margin) < 1e-12 && v.redLinesBroken.length === 0;
}

/** How the recorded proposals fared in the model: how many every party accepts, and who refuses most. */
function proposalsLine(a: ScenarioAnalysis): string | null {
  if (a.proposals.length === 0) return null;
  const name = (id: string) => a.actors.find((x) => x.id === id)?.name ?? id;
  const agreed = a.proposals.filter((p) => p.verdicts.every((v) => v.answer !== 'rejected')).length;
  const refusals = new Map<string, number>();
  for (const p of a.proposals)
    for (const v of p.verdicts) if (v.answer === 'rejected') refusals.set(v.actor, (refusals.get(v.actor) ?? 0) + 1);
  const who = [...refusals].sort((x, y) => y[1] - x[1]).map(([id, n]) => `${name(id)} ${n}`);
  return `Recorded proposals: ${a.proposals.length}; the model has every party accept (at least with conditions) ${agreed}${who.length ? `; predicted refusals: ${who.join(', ')}` : ''}.`;
}

/** The backtest with its naive yardstick and the in-sample label. */
function backtestLine(a: ScenarioAnalysis): string | null {
  const b = a.backtest;
  if (b.scored === 0) return null;
  return `Backtest (in-sample: the preferences were set with this record in view): ${b.correct} of ${b.scored} observed answers reproduced (${pct(b.accuracy)}), against ${pct(b.baseline.accuracy)} for always answering "${b.baseline.answer ?? '-'}".`;
}

/**
 * The answer first: the engines' summary lines (zone and shortfalls, blocking issues, steps, the
 * smallest lever), then how the recorded proposals fared and the backtest.
 */
export function buildSummary(a: ScenarioAnalysis, sections: readonly ReportSection[] = []): string[] {
  return [...sections.flatMap((s) => s.summary ?? []), proposalsLine(a), backtestLine(a)].filter(
    (x): x is string => x !== null,
  );
}

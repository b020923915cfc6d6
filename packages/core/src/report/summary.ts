import type { ScenarioAnalysis } from './analyze-scenario';
import type { ReportSection } from './render-analysis';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * A party the terms leave where it was: they change nothing it weighs (nothing at stake for it) and
 * cross none of its red lines; without `stakes`, a zero band and a zero margin against today.
 */
export function notAffected(v: {
  band: number;
  margin: number;
  redLinesBroken: readonly unknown[];
  stakes?: number;
}): boolean {
  if (v.redLinesBroken.length > 0) return false;
  return v.stakes !== undefined ? v.stakes === 0 : v.band === 0 && Math.abs(v.margin) < 1e-12;
}

/** How the recorded proposals fared in the model: how many every party accepts, and who refuses most. */
function proposalsLine(a: ScenarioAnalysis): string | null {
  if (a.proposals.length === 0) return null;
  const name = (id: string) => a.actors.find((x) => x.id === id)?.name ?? id;
  // A party the terms do not touch neither accepts nor refuses them.
  const refuses = (v: ScenarioAnalysis['proposals'][number]['verdicts'][number]) =>
    v.answer === 'rejected' && !notAffected(v);
  const agreed = a.proposals.filter((p) => !p.verdicts.some(refuses)).length;
  const refusals = new Map<string, number>();
  for (const p of a.proposals)
    for (const v of p.verdicts) if (refuses(v)) refusals.set(v.actor, (refusals.get(v.actor) ?? 0) + 1);
  // Only the party refusing most (ties sorted by id): the proposals section lists every refusal.
  const [top] = [...refusals].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  return `Recorded proposals: all parties accept ${agreed} of ${a.proposals.length} (some with conditions)${top ? `; ${name(top[0])} refuses most (${top[1]})` : ''}.`;
}

/** The backtest with its naive yardstick and the in-sample label. */
function backtestLine(a: ScenarioAnalysis): string | null {
  const b = a.backtest;
  if (b.scored === 0) return null;
  return `Backtest (in-sample): ${b.correct} of ${b.scored} answers reproduced (${pct(b.accuracy)}) against ${pct(b.baseline.accuracy)} for always "${b.baseline.answer ?? '-'}".`;
}

/**
 * Joins a section's summary lines of one kind ("Forecast on a: …", "Forecast on b: …") into one
 * sentence, sharing their common words at the start and the end; lines of different kinds stay apart.
 */
export function mergeSummaryLines(lines: readonly string[]): string[] {
  if (lines.length < 2) return [...lines];
  const first = lines[0]!;
  let pre = 0;
  while (pre < first.length && lines.every((l) => l[pre] === first[pre])) pre++;
  pre = first.lastIndexOf(' ', pre - 1) + 1;
  if (pre === 0) return [...lines];
  let suf = 0;
  const shortest = Math.min(...lines.map((l) => l.length)) - pre;
  while (suf < shortest && lines.every((l) => l[l.length - 1 - suf] === first[first.length - 1 - suf])) suf++;
  // The shared ending starts at a space, so that quotes and words are never cut.
  const tail = first.slice(first.length - suf);
  const cut = tail.indexOf(' ');
  const suffix = cut < 0 ? '' : tail.slice(cut);
  const middles = lines.map((l) => l.slice(pre, l.length - suffix.length).replace(/\.$/, ''));
  // "key: same words value" in every line: the same words are said once, after the first key.
  const keyed = middles.map((m) => /^([^:]+): (.*)$/.exec(m));
  if (keyed.every((k) => k !== null)) {
    const rests = keyed.map((k) => k![2]!);
    let inner = 0;
    while (inner < rests[0]!.length && rests.every((r) => r[inner] === rests[0]![inner])) inner++;
    inner = rests[0]!.lastIndexOf(' ', inner - 1) + 1;
    if (inner > 0) for (let i = 1; i < middles.length; i++) middles[i] = `${keyed[i]![1]}: ${rests[i]!.slice(inner)}`;
  }
  return [`${first.slice(0, pre)}${middles.join('; ')}${suffix || '.'}`];
}

/**
 * The answer first: the engines' summary lines (zone and shortfalls, blocking issues, steps, the
 * smallest lever), then how the recorded proposals fared and the backtest.
 */
export function buildSummary(a: ScenarioAnalysis, sections: readonly ReportSection[] = []): string[] {
  return [...sections.flatMap((s) => mergeSummaryLines(s.summary ?? [])), proposalsLine(a), backtestLine(a)].filter(
    (x): x is string => x !== null,
  );
}

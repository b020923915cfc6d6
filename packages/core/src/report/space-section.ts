import type { ScenarioSpaceResult } from '../scenario/analyze-scenario-space';
import { partialCoverage } from '../scenario/partial-coverage';
import type { Scenario } from '../scenario/schema';
import { reportWords } from '../scenario/vocabulary';
import type { PackagePoint } from '../space/types';
import type { ReportBlock, ReportSection } from './render-analysis';
import { spaceChart } from './space-chart';

/** `issue=option` for the terms of a package that differ from the status quo. */
export function describeChanges(scenario: Scenario, point: PackagePoint): string {
  const changed = scenario.issues.filter((i) => point.terms[i.id] !== undefined && point.terms[i.id] !== i.statusQuo);
  return changed.map((i) => `${i.id}=${point.terms[i.id]}`).join(', ') || '(status quo)';
}

/**
 * The agreement-space part of the main report: is there a zone, why not, which partial deals
 * exist, which levers would open a deal.
 */
export function spaceReportSection(scenario: Scenario, result: ScenarioSpaceResult): ReportSection {
  const a = result.analysis;
  const blocks: ReportBlock[] = [];
  const say = (paragraph: string) => blocks.push({ paragraph });
  const tabulate = (table: string[][]) => blocks.push({ table });
  const parties = result.parties.join(', ');
  const settlementMode = result.mode === 'settlement';
  const noun = settlementMode ? 'settlements' : 'packages';
  const words = reportWords(scenario);
  const nameOf = (id: string) => scenario.actors.find((x) => x.id === id)?.name ?? id;
  const issueName = (id: string) => scenario.issues.find((x) => x.id === id)?.name ?? id;
  const summary: string[] = [];
  if (settlementMode)
    say(
      `Settlements are the packages that end ${words.conflict} (${Object.entries(scenario.settlement?.requires ?? {})
        .map(([i, o]) => `${i}: ${o.join(' or ')}`)
        .join(
          '; ',
        )}); each party weighs them against walking away. Every other package is a step taken while ${words.conflict} goes on, weighed against today’s situation.${scenario.settlement?.description ? ` The scenario’s reasoning: ${scenario.settlement.description}` : ''}`,
    );
  if (a.zone.empty) {
    say(
      `No zone of possible agreement: among ${a.outcomes.toLocaleString('en-US')} ${noun} over ${result.issues.length} issues, none gives every party (${parties}) at least its walk-away value without crossing a red line. Each party prefers ${words.noDeal} to the best ${settlementMode ? 'settlement' : 'deal'} the others would accept.`,
    );
    const short = a.zone.shortfalls.filter((x) => x.shortfall !== null && x.shortfall > 0);
    summary.push(
      `No zone of agreement: none of ${a.outcomes.toLocaleString('en-US')} ${noun} gives every party its walk-away value within its red lines${short.length ? `; shortfall with the best ${settlementMode ? 'settlement' : 'package'} the others accept: ${short.map((x) => `${nameOf(x.party)} ${x.shortfall!.toFixed(3)}`).join(', ')}` : ''}.`,
    );
    if (a.zone.blockingIssues.length)
      summary.push(`Blocking issues: ${a.zone.blockingIssues.map((b) => issueName(b.issue)).join(', ')}.`);
    tabulate([
      ['party', 'walk-away', 'best package the others accept', 'its utility there', 'shortfall'],
      ...a.zone.shortfalls.map((s) => [
        s.party,
        s.reservation.toFixed(3),
        s.bestAcceptableToOthers
          ? describeChanges(scenario, s.bestAcceptableToOthers)
          : '(the others cannot all be satisfied at once)',
        s.bestAcceptableToOthers
          ? s.bestAcceptableToOthers.utilities[result.parties.indexOf(s.party)]!.toFixed(3)
          : '-',
        s.shortfall === null ? '-' : s.shortfall.toFixed(3),
      ]),
    ]);
    if (a.zone.blockingIssues.length)
      say(
        `Issues that block: ${a.zone.blockingIssues
          .map(
            (b) =>
              `${b.issue} (${b.reason === 'redLine' ? 'every option crosses some party’s red line' : 'if each side got its way on it, a zone would open'})`,
          )
          .join('; ')}.`,
      );
  } else {
    const nash = a.solutions.nash.points[0];
    summary.push(
      `A zone of agreement exists: ${a.zone.count.toLocaleString('en-US')} of ${a.outcomes.toLocaleString('en-US')} ${noun} give every party at least its walk-away value${nash ? `; Nash solution: ${describeChanges(scenario, nash)}` : ''}.`,
    );
    say(
      `A zone of possible agreement exists: ${a.zone.count.toLocaleString('en-US')} of ${a.outcomes.toLocaleString('en-US')} ${noun} give every party (${parties}) at least its walk-away value; ${a.zone.pareto.length} of them are Pareto-efficient.${nash ? ` The Nash bargaining solution is ${describeChanges(scenario, nash)}.` : ''}`,
    );
  }
  const partialDeals = result.steps?.partialDeals ?? a.partialDeals;
  if (result.steps)
    say(
      `Steps while ${words.conflict} goes on: ${result.steps.zone.count.toLocaleString('en-US')} of ${result.steps.outcomes.toLocaleString('en-US')} such packages leave every party strictly better off than today.`,
    );
  // The best partial deal's first three changes keep the summary line short; the table below has them all.
  const bestChanges = partialDeals[0] ? describeChanges(scenario, partialDeals[0].best).split(', ') : [];
  const bestDeals = bestChanges.length
    ? `${bestChanges.slice(0, 3).join(', ')}${bestChanges.length > 3 ? ` and ${bestChanges.length - 3} more` : ''}`
    : '';
  if (result.steps)
    summary.push(
      `Steps within reach: ${result.steps.zone.count.toLocaleString('en-US')} packages short of a settlement leave every party better off than today${bestDeals ? `; the best: ${bestDeals}` : ''}.`,
    );
  else if (partialDeals[0]) summary.push(`Partial deals within reach: ${partialDeals.length}; the best: ${bestDeals}.`);
  if (partialDeals.length) {
    say(
      `Partial deals within reach now (the other issues stay as they are)${partialDeals.length > 10 ? `; the best 10 of ${partialDeals.length}` : ''}:`,
    );
    tabulate([
      [
        'issues',
        'acceptable packages',
        'best package',
        result.steps ? 'joint gain over today' : 'joint gain over walk-away',
      ],
      ...partialDeals
        .slice(0, 10)
        .map((d) => [
          d.issues.join(' + '),
          String(d.zoneCount),
          describeChanges(scenario, d.best),
          d.jointGain.toFixed(3),
        ]),
    ]);
  } else
    say(
      result.steps
        ? 'No partial deal is within reach: settling any one or two issues alone leaves some party no better off than today.'
        : 'No partial deal is within reach: settling any one or two issues alone leaves some party below its walk-away value.',
    );
  const search = (result.steps ?? a).partialDealSearch;
  // A search that left subsets out says so, with the counts, instead of dropping them silently.
  if (search?.truncated) say(partialCoverage(search));
  if (result.openingLevers) {
    const c = result.openingLevers.combinations;
    const first = c[0];
    if (a.zone.empty)
      summary.push(
        first
          ? `Smallest lever that opens a deal: ${first.levers.map((l) => `${scenario.levers.find((x) => x.id === l.id)?.name ?? l.id} at ${l.strength}× its modelled effect`).join(' + ')} (${first.zoneCount} ${first.zoneCount === 1 ? noun.replace(/s$/, '') : noun}).`
          : 'No combination of up to three levers, at their credible strength, opens a deal.',
      );
    say(
      c.length === 0
        ? 'No combination of up to three of the scenario’s levers, used up to their credible strength, opens a zone of agreement.'
        : `The smallest lever combinations that open a zone: ${c
            .slice(0, 5)
            .map(
              (x) =>
                `${x.levers.map((l) => `${l.id} at ${l.strength}`).join(' + ')} (${x.zoneCount} package${x.zoneCount === 1 ? '' : 's'})`,
            )
            .join('; ')}.`,
    );
  }
  const chart = spaceChart(scenario, result);
  return {
    title: `Agreement space: is there a deal every party prefers to ${words.noDeal}?`,
    blocks,
    summary,
    ...(chart ? { charts: [chart] } : {}),
  };
}

import { z } from 'zod';
import { IdListParam, IdParam, LeversParam, parseTermsText } from '../engine/param-forms';
import { loadScenarioSource, SCENARIO_INPUT } from '../engine/scenario-input';
import { defineEngine } from '../engine/types';
import { EntenteError } from '../errors';
import { formatTable } from '../report/format-table';
import { spaceReportSection } from '../report/space-section';
import type { PackagePoint } from '../space/types';
import { analyzeScenarioSpace, type ScenarioSpaceResult } from './analyze-scenario-space';
import { partialCoverage } from './partial-coverage';
import { defaultSpaceParties } from './scenario-space';

/** Terms that differ from the status quo, as `issue=option`. */
function changedTerms(result: ScenarioSpaceResult, point: PackagePoint, statusQuo: Record<string, string>): string {
  const changed = result.issues
    .filter((id) => point.terms[id] !== statusQuo[id])
    .map((id) => `${id}=${point.terms[id]}`);
  return changed.join(', ') || '(status quo)';
}

function utilities(result: ScenarioSpaceResult, point: PackagePoint): string {
  return result.parties.map((p, k) => `${p} ${point.utilities[k]!.toFixed(3)}`).join(', ');
}

/** Renders the space analysis for a terminal. */
export function renderSpace(
  result: ScenarioSpaceResult,
  statusQuo: Record<string, string>,
  closestAsked = false,
): string {
  const a = result.analysis;
  const out: string[] = [];
  const levers = result.levers.length
    ? ` · levers: ${result.levers.map((l) => `${l.id}×${l.strength}`).join(', ')}`
    : '';
  out.push(`Parties: ${result.parties.join(', ')}${levers}`);
  const noun = { settlement: 'settlements', steps: 'steps', all: 'packages' }[result.mode];
  if (result.mode === 'settlement')
    out.push(
      'Settlements end the fighting and are weighed against walking away; other packages are steps weighed against today.',
    );
  if (result.mode === 'steps')
    out.push(
      'Only steps are on the table (the issues named cannot end the fighting): each party weighs them against today.',
    );
  out.push(
    `${noun[0]!.toUpperCase()}${noun.slice(1)}: ${a.outcomes.toLocaleString('en-US')} (${a.acceptable.toLocaleString('en-US')} break no red line); Pareto frontier: ${a.frontier.size}`,
  );
  out.push('');
  if (a.zone.empty) {
    out.push(
      `ZONE OF POSSIBLE AGREEMENT: EMPTY — none of the ${noun} gives every party ${result.mode === 'steps' ? 'more than today' : 'at least its walk-away value'} without crossing a red line.`,
    );
    out.push(
      formatTable([
        [
          'party',
          result.mode === 'steps' ? 'today' : 'walk-away',
          'best it can get while the others are satisfied',
          'shortfall',
        ],
        ...a.zone.shortfalls.map((s) => [
          s.party,
          s.reservation.toFixed(3),
          s.bestAcceptableToOthers
            ? changedTerms(result, s.bestAcceptableToOthers, statusQuo)
            : '(no package within every red line satisfies the others)',
          s.shortfall === null ? '-' : s.shortfall.toFixed(3),
        ]),
      ]),
    );
    if (a.zone.blockingIssues.length)
      out.push(
        `Blocking issues: ${a.zone.blockingIssues.map((b) => `${b.issue} (${b.reason === 'redLine' ? 'every option is a red line of someone' : 'settling it to each side’s liking would open a zone'})`).join(', ')}`,
      );
  } else {
    out.push(
      `ZONE OF POSSIBLE AGREEMENT: ${a.zone.count.toLocaleString('en-US')} ${noun}, ${a.zone.pareto.length} of them Pareto-efficient.`,
    );
  }
  out.push('');
  const sol = a.solutions;
  const rows = [
    ['Nash', sol.nash],
    ['Kalai–Smorodinsky', sol.kalaiSmorodinsky],
    ['utilitarian', sol.welfare],
    ['egalitarian', sol.egalitarian],
  ] as const;
  out.push(
    `Bargaining solutions (relative to ${result.mode === 'steps' ? 'today' : 'the walk-away values'}; among ${noun} every party accepts):`,
  );
  for (const [name, s] of rows) {
    const p = s.points[0];
    out.push(
      p
        ? `  ${name}: ${changedTerms(result, p, statusQuo)}  [${utilities(result, p)}]${s.points.length > 1 ? ` (+${s.points.length - 1} tied)` : ''}`
        : `  ${name}: none (empty zone)`,
    );
  }
  if (result.openingLevers) {
    out.push('');
    const ol = result.openingLevers;
    out.push(
      ol.combinations.length === 0
        ? 'No combination of the scenario’s levers (up to 3, at up to their credible maximum) opens a zone.'
        : `Smallest lever combinations that open a zone: ${ol.combinations
            .slice(0, 5)
            .map(
              (c) =>
                `${c.levers.map((l) => `${l.id}×${l.strength}`).join(' + ')} (${c.zoneCount} ${c.zoneCount === 1 ? 'package' : 'packages'})`,
            )
            .join('; ')}${ol.combinations.length > 5 ? ` (5 of ${ol.combinations.length}; --json lists all)` : ''}`,
    );
  }
  out.push('');
  if (result.steps && result.mode === 'settlement')
    out.push(
      `STEPS while the fighting goes on that leave every party strictly better off than today: ${result.steps.zone.count.toLocaleString('en-US')} packages.`,
    );
  const partialDeals = result.steps?.partialDeals ?? a.partialDeals;
  if (partialDeals.length) {
    out.push(
      `Partial deals within reach (other issues stay at the status quo)${partialDeals.length > 12 ? `: the best 12 of ${partialDeals.length} (--json lists all)` : ''}:`,
    );
    out.push(
      formatTable(
        [
          ['issues', 'packages', 'best package', 'joint gain'],
          ...partialDeals
            .slice(0, 12)
            .map((d) => [
              d.issues.join('+'),
              String(d.zoneCount),
              changedTerms(result, d.best, statusQuo),
              d.jointGain.toFixed(3),
            ]),
        ],
        { indent: '  ' },
      ),
    );
  } else out.push('No partial deal within reach: no subset of issues has a package every party accepts.');
  const search = (result.steps ?? a).partialDealSearch;
  if (search?.truncated) out.push(`  ${partialCoverage(search)}`);
  if (result.closest) {
    const c = result.closest;
    out.push('');
    out.push(
      `Closest acceptable ${c.kind === 'step' ? 'step' : 'package'}: change ${c.changes.map((x) => `${x.issue} ${x.from}→${x.to}`).join(', ') || 'nothing'} (${c.proposer} ${c.proposerLoss >= 0 ? 'loses' : 'gains'} ${Math.abs(c.proposerLoss).toFixed(3)}; ${c.ties} tied)`,
    );
  } else if (closestAsked) {
    out.push('');
    out.push(
      'Closest acceptable package: none — no package of that kind is acceptable to every party (see the zone above).',
    );
  }
  return `${out.join('\n')}\n`;
}

const SpaceParams = z
  .object({
    issues: IdListParam.optional().describe('only these issues are negotiated; the others stay at the status quo'),
    parties: IdListParam.refine((ids) => ids.length >= 2, {
      message: 'name at least two parties: a zone of agreement is between two sides or more',
    })
      .optional()
      .describe('actors whose agreement is needed, at least two (default: the parties)'),
    levers: LeversParam.default([]).describe('apply levers first: id[=strength],...'),
    closest: z
      .string()
      .min(1)
      .max(10_000)
      .optional()
      .describe('closest acceptable package to a recorded proposal id, or to issue=option,... terms'),
    proposer: IdParam.optional().describe(
      'whose utility loss breaks ties for --closest (default: the proposal’s first proposer that is a party)',
    ),
    partialSize: z
      .number()
      .int()
      .min(1)
      .max(6)
      .default(2)
      .describe('largest issue subset searched exhaustively for partial deals'),
  })
  .strict();

/** The agreement space of a scenario as a registered engine. */
export const spaceEngine = defineEngine({
  id: 'space',
  title: 'Agreement space',
  summary:
    'Agreement space: zone of possible agreement, Pareto frontier, bargaining solutions, partial deals, levers that open a deal',
  input: SCENARIO_INPUT,
  params: SpaceParams,
  long: true,
  result: z
    .object({
      parties: z.array(z.string()),
      issues: z.array(z.string()),
      mode: z.enum(['settlement', 'steps', 'all']),
      analysis: z.object({ outcomes: z.number(), acceptable: z.number() }).loose(),
      steps: z.object({}).loose().nullable(),
      closest: z.object({}).loose().nullable(),
      openingLevers: z.object({}).loose().nullable(),
      truncated: z.boolean().describe('whether partial-deal subsets went unsearched; counts in partialDealSearch'),
    })
    .loose(),
  load: (sources) => loadScenarioSource(sources[0]!),
  run(input, params, ctx) {
    const { scenario, model } = input;
    let closestTo: { terms: Record<string, string>; proposer: string } | undefined;
    if (params.closest) {
      const recorded = scenario.proposals.find((p) => p.id === params.closest);
      if (!recorded && !params.closest.includes('='))
        throw new EntenteError(
          'UNKNOWN_PROPOSAL',
          `--closest "${params.closest}" is neither a recorded proposal nor issue=option terms; use one of: ${scenario.proposals.map((p) => p.id).join(', ')}.`,
        );
      const terms = recorded ? recorded.terms : parseTermsText(params.closest);
      const parties = params.parties ?? defaultSpaceParties(model);
      const proposer = params.proposer ?? recorded?.proposers.find((p) => parties.includes(p));
      if (!proposer)
        throw new EntenteError(
          'PROPOSER_REQUIRED',
          `Say whose loss breaks ties between equally close packages: add --proposer with one of ${parties.join(', ')}${recorded ? ` (no proposer of "${recorded.id}" is among them)` : ''}.`,
        );
      closestTo = { terms, proposer };
    }
    return analyzeScenarioSpace(model, {
      ...(params.parties ? { parties: params.parties } : {}),
      ...(params.issues ? { issues: params.issues } : {}),
      levers: params.levers,
      partialDealSize: params.partialSize,
      ...(closestTo ? { closestTo } : {}),
      onProgress: (done, total) => ctx.progress(total > 0 ? done / total : 0, 'space'),
      signal: ctx.signal,
    });
  },
  render(result, params, input) {
    const statusQuo = Object.fromEntries(input.scenario.issues.map((i) => [i.id, i.statusQuo]));
    return renderSpace(result, statusQuo, params.closest !== undefined);
  },
  section: (result, input) => spaceReportSection(input.scenario, result),
});

import { z } from 'zod';
import { defineEngine } from '../engine/types';
import { analyzeSpace, type SpaceAnalysis } from '../space/analyze';
import { analyzeSpaceSplit } from '../space/split';
import type { SolutionResult } from '../space/types';
import { geniusToSpace, readGeniusDomain, readGeniusProfile } from './to-space';

/** Above this many outcomes the work is split over worker threads unless `workers` says otherwise. */
const AUTO_WORKERS_ABOVE = 50_000_000;

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(4));

function solutionJson(s: SolutionResult) {
  return {
    outcomes: s.outcomes,
    value: s.value,
    disagreement: s.disagreement,
    ...(s.ideal === undefined ? {} : { ideal: s.ideal }),
    points: s.points,
  };
}

type SolutionJson = ReturnType<typeof solutionJson>;

function solutionLines(name: string, s: SolutionJson): string[] {
  if (s.outcomes.length === 0) return [`  ${name}: none`];
  return s.points.map(
    (p, j) =>
      `  ${j === 0 ? name : ' '.repeat(name.length)}: #${p.outcome} u=(${p.utilities.map(fmt).join(', ')}) ${Object.entries(
        p.terms,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join('; ')}`,
  );
}

/** What the domain engine answers, in the reference's outcome indices. */
export function domainResult(
  names: { domain: string; profiles: string[] },
  domainIssues: { name: string; type: string; values: string[] }[],
  analysis: SpaceAnalysis,
  options: { variant: string; disagreement: string; zone: string; notes: string[] },
) {
  return {
    domain: names.domain,
    profiles: names.profiles,
    parties: analysis.parties,
    issues: domainIssues,
    variant: options.variant,
    disagreement: options.disagreement,
    outcomes: analysis.outcomes,
    zone: { mode: options.zone, count: analysis.zone.count, pareto: analysis.zone.pareto.map((p) => p.outcome) },
    pareto: analysis.frontier.outcomes,
    paretoUtilities: analysis.frontier.utilities,
    nash: analysis.solutions.nash.outcomes,
    kalaiSmorodinsky: analysis.solutions.kalaiSmorodinsky.outcomes,
    egalitarian: analysis.solutions.egalitarian.outcomes,
    welfare: analysis.solutions.welfare.outcomes,
    solutions: {
      nash: solutionJson(analysis.solutions.nash),
      kalaiSmorodinsky: solutionJson(analysis.solutions.kalaiSmorodinsky),
      egalitarian: solutionJson(analysis.solutions.egalitarian),
      welfare: solutionJson(analysis.solutions.welfare),
    },
    ...(analysis.zone.empty
      ? { shortfalls: analysis.zone.shortfalls, blockingIssues: analysis.zone.blockingIssues }
      : {}),
    notes: options.notes,
  };
}

/** What `entente domain` prints. */
export type DomainResult = ReturnType<typeof domainResult>;

/** Renders the domain analysis for a terminal, with the notes taken while reading the profiles. */
export function renderDomain(r: DomainResult): string {
  const lines = [
    `parties: ${r.parties.join(', ')}`,
    `issues: ${r.issues.length} (${r.issues.map((i) => i.name).join(', ')})`,
    `outcomes: ${r.outcomes}`,
    `zone (u ${r.zone.mode === 'strict' ? '>' : '≥'} reservation for all): ${r.zone.count} packages, ${r.zone.pareto.length} Pareto-efficient`,
    `Pareto frontier: ${r.pareto.length} outcomes`,
    `solutions (${r.variant}, disagreement = ${r.disagreement}):`,
    ...solutionLines('Nash', r.solutions.nash),
    ...solutionLines('Kalai–Smorodinsky', r.solutions.kalaiSmorodinsky),
    ...solutionLines('egalitarian', r.solutions.egalitarian),
    ...solutionLines('max welfare', r.solutions.welfare),
  ];
  if (r.shortfalls) {
    lines.push('the zone is empty:');
    for (const s of r.shortfalls)
      lines.push(
        `  ${s.party}: shortfall ${s.shortfall === null ? '(the others cannot all be satisfied)' : fmt(s.shortfall)}`,
      );
    if (r.blockingIssues && r.blockingIssues.length > 0)
      lines.push(`  blocking issues: ${r.blockingIssues.map((b) => `${b.issue} (${b.reason})`).join(', ')}`);
  }
  // Defaults taken while reading the profiles are said in every output, not only in JSON.
  if (r.notes.length) lines.push('', 'Notes on the input:', ...r.notes.map((n) => `  - ${n}`));
  return `${lines.join('\n')}\n`;
}

/** Genius / GeniusWeb domain analysis as a registered engine. */
export const domainEngine = defineEngine({
  id: 'domain',
  title: 'Negotiation domain',
  summary:
    'Analyse a Genius XML or GeniusWeb JSON domain with two or more profiles: outcome count, exact Pareto frontier, Nash, Kalai–Smorodinsky, egalitarian and max-welfare outcomes (outcome indices as in the reference FORMAT.md).',
  input: {
    name: 'domain',
    description: 'the domain file, then two or more profile files (Genius XML or GeniusWeb JSON)',
    min: 3,
    max: 64,
  },
  params: z
    .object({
      disagreement: z
        .enum(['reservation', 'zero'])
        .default('reservation')
        .describe('disagreement point: reservation or zero'),
      variant: z.enum(['textbook', 'genius']).default('textbook').describe('solution definitions: textbook or genius'),
      zone: z.enum(['weak', 'strict']).default('weak').describe('zone of agreement: weak (u ≥ r) or strict (u > r)'),
      workers: z
        .number()
        .int()
        .min(0)
        .max(64)
        .optional()
        .describe(`worker threads (default: 0 below ${AUTO_WORKERS_ABOVE} outcomes, else 2)`),
    })
    .strict(),
  long: true,
  result: z
    .object({
      parties: z.array(z.string()),
      outcomes: z.number(),
      pareto: z.array(z.number()),
      nash: z.array(z.number()),
    })
    .loose(),
  load(sources) {
    const [domainSource, ...profileSources] = sources;
    const domain = readGeniusDomain(domainSource!.text, domainSource!.name);
    const profiles = profileSources.map((s) => readGeniusProfile(s.text, domain, s.name));
    return { domain, profiles, names: { domain: domainSource!.name, profiles: profileSources.map((s) => s.name) } };
  },
  async run({ domain, profiles, names }, params, ctx) {
    const space = geniusToSpace(domain, profiles);
    const outcomes = domain.issues.reduce((acc, i) => acc * i.values.length, 1);
    const workers = params.workers ?? (outcomes > AUTO_WORKERS_ABOVE ? 2 : 0);
    const analyzeOpts = {
      disagreement: params.disagreement,
      variant: params.variant,
      zone: params.zone,
      partialDeals: false as const,
      ...(outcomes > 1_000_000
        ? { onProgress: (done: number, total: number) => ctx.progress(total > 0 ? done / total : 0, 'domain') }
        : {}),
    };
    let analysis: SpaceAnalysis;
    const splitter = workers > 0 ? ctx.splitters.space?.(workers) : undefined;
    if (splitter) {
      try {
        analysis = await analyzeSpaceSplit(space, splitter, { ...analyzeOpts, parts: workers * 2 });
      } finally {
        await splitter.close();
      }
    } else analysis = analyzeSpace(space, analyzeOpts);
    return domainResult(
      names,
      domain.issues.map((i) => ({ name: i.name, type: i.type, values: i.values })),
      analysis,
      {
        variant: params.variant,
        disagreement: params.disagreement,
        zone: params.zone,
        notes: profiles.flatMap((p) => p.notes.map((n) => `${p.file ?? p.name}: ${n}`)),
      },
    );
  },
  render: (result) => renderDomain(result),
});

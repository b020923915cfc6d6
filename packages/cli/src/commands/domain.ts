import { readFileSync } from 'node:fs';
import {
  analyzeSpace,
  analyzeSpaceSplit,
  type DisagreementMode,
  EntenteError,
  geniusToSpace,
  readGeniusDomain,
  readGeniusProfile,
  type SolutionResult,
  type SolutionVariant,
  type SpaceAnalysis,
} from '@entente/core';
import type { Command } from 'commander';
import { createProgress } from '../progress';
import { action, printJson } from '../run-command';
import { createSpaceSplitter } from '../workers/space-splitter';

/** Above this many outcomes the work is split over worker threads unless --workers says otherwise. */
const AUTO_WORKERS_ABOVE = 50_000_000;

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new EntenteError('DOMAIN_FILE_NOT_FOUND', `Cannot read the ${what} file ${file}: check the path.`, {
      issues: [
        { code: 'DOMAIN_FILE_NOT_FOUND', path: [], message: `cannot read ${what} file`, severity: 'error', file },
      ],
    });
  }
}

function choice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new EntenteError('DOMAIN_BAD_OPTION', `${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value as T;
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(4));

function solutionLines(name: string, s: SolutionResult): string[] {
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

function humanReport(a: SpaceAnalysis, variant: SolutionVariant, disagreement: DisagreementMode): string {
  const lines = [
    `parties: ${a.parties.join(', ')}`,
    `issues: ${a.issues.length} (${a.issues.join(', ')})`,
    `outcomes: ${a.outcomes}`,
    `zone (u ${a.zone.mode === 'strict' ? '>' : '≥'} reservation for all): ${a.zone.count} packages, ${a.zone.pareto.length} Pareto-efficient`,
    `Pareto frontier: ${a.frontier.size} outcomes`,
    `solutions (${variant}, disagreement = ${disagreement}):`,
    ...solutionLines('Nash', a.solutions.nash),
    ...solutionLines('Kalai–Smorodinsky', a.solutions.kalaiSmorodinsky),
    ...solutionLines('egalitarian', a.solutions.egalitarian),
    ...solutionLines('max welfare', a.solutions.welfare),
  ];
  if (a.zone.empty) {
    lines.push('the zone is empty:');
    for (const s of a.zone.shortfalls)
      lines.push(
        `  ${s.party}: shortfall ${s.shortfall === null ? '(the others cannot all be satisfied)' : fmt(s.shortfall)}`,
      );
    if (a.zone.blockingIssues.length > 0)
      lines.push(`  blocking issues: ${a.zone.blockingIssues.map((b) => `${b.issue} (${b.reason})`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function solutionJson(s: SolutionResult) {
  return {
    outcomes: s.outcomes,
    value: s.value,
    disagreement: s.disagreement,
    ...(s.ideal === undefined ? {} : { ideal: s.ideal }),
    points: s.points,
  };
}

/** `entente domain`: analyse a Genius / GeniusWeb domain and its profiles. */
export function register(program: Command): void {
  program
    .command('domain')
    .description(
      'Analyse a Genius XML or GeniusWeb JSON domain with two or more profiles: outcome count, exact Pareto frontier, Nash, Kalai–Smorodinsky, egalitarian and max-welfare outcomes (outcome indices as in the reference FORMAT.md).',
    )
    .argument('<domain>', 'domain file (Genius XML or GeniusWeb JSON)')
    .argument('<profiles...>', 'profile files (Genius XML or GeniusWeb JSON)')
    .option('--disagreement <mode>', 'disagreement point: reservation or zero', 'reservation')
    .option('--variant <variant>', 'solution definitions: textbook or genius', 'textbook')
    .option('--zone <mode>', 'zone of agreement: weak (u ≥ r) or strict (u > r)', 'weak')
    .option('--workers <n>', `worker threads (default: 0 below ${AUTO_WORKERS_ABOVE} outcomes, else 2)`)
    .option('--json', 'print one JSON document')
    .action(
      action(
        async (
          domainFile: string,
          profileFiles: string[],
          opts: { disagreement: string; variant: string; zone: string; workers?: string; json?: boolean },
        ) => {
          const disagreement = choice(opts.disagreement, ['reservation', 'zero'] as const, '--disagreement');
          const variant = choice(opts.variant, ['textbook', 'genius'] as const, '--variant');
          const zone = choice(opts.zone, ['weak', 'strict'] as const, '--zone');
          const domain = readGeniusDomain(readText(domainFile, 'domain'), domainFile);
          const profiles = profileFiles.map((f) => readGeniusProfile(readText(f, 'profile'), domain, f));
          const space = geniusToSpace(domain, profiles);
          const outcomes = domain.issues.reduce((acc, i) => acc * i.values.length, 1);
          const workers = opts.workers === undefined ? (outcomes > AUTO_WORKERS_ABOVE ? 2 : 0) : Number(opts.workers);
          if (!(Number.isInteger(workers) && workers >= 0))
            throw new EntenteError('DOMAIN_BAD_OPTION', '--workers must be a whole number ≥ 0.');
          const progress = createProgress('domain', { minTotal: 0 });
          const big = outcomes > 1_000_000;
          const onProgress = big ? (done: number, total: number) => progress.update(done, total) : undefined;
          const analyzeOpts = {
            disagreement,
            variant,
            zone,
            partialDeals: false,
            ...(onProgress ? { onProgress } : {}),
          };
          let analysis: SpaceAnalysis;
          if (workers > 0) {
            const splitter = createSpaceSplitter(workers);
            try {
              analysis = await analyzeSpaceSplit(space, splitter, { ...analyzeOpts, parts: workers * 2 });
            } finally {
              await splitter.close();
            }
          } else analysis = analyzeSpace(space, analyzeOpts);
          progress.stop();
          if (opts.json) {
            printJson({
              domain: domainFile,
              profiles: profileFiles,
              parties: analysis.parties,
              issues: domain.issues.map((i) => ({ name: i.name, type: i.type, values: i.values })),
              variant,
              disagreement,
              outcomes: analysis.outcomes,
              zone: { mode: zone, count: analysis.zone.count, pareto: analysis.zone.pareto.map((p) => p.outcome) },
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
              notes: profiles.flatMap((p) => p.notes.map((n) => `${p.file ?? p.name}: ${n}`)),
            });
          } else {
            process.stdout.write(humanReport(analysis, variant, disagreement));
            // Defaults taken while reading the profiles are said in every output, not only in --json.
            const notes = profiles.flatMap((p) => p.notes.map((n) => `${p.file ?? p.name}: ${n}`));
            if (notes.length)
              process.stdout.write(`\nNotes on the input:\n${notes.map((n) => `  - ${n}`).join('\n')}\n`);
          }
          return 0;
        },
      ),
    );
}

import type { SpaceAnalysis, SpaceAnalyzeOptions } from './analyze';
import { type Frontier, frontierOfOutcomes, paretoFrontier } from './frontier';
import { searchPartialDeals } from './partial';
import { exactUtility, floatUtility, prepareSpace } from './prepared';
import { countPackages, reservationThresholds } from './search';
import { bargainingSolutions } from './solutions';
import type { AdditiveSpace, ZoneMode } from './types';
import { blockingIssues, shortfalls, zoneFrontierPositions } from './zone';

/**
 * Splitting work over large spaces. Core stays pure: it cuts the space into tasks (slices of the
 * first issue's options), runs one task (`runSpaceTask`, what a worker calls) and merges results.
 * The caller supplies a `SpaceSplitter` that runs tasks somewhere (the CLI uses worker threads).
 */

/** One slice: the first issue restricted to `firstIssueOptions`. */
export interface SpaceTask {
  kind: 'zoneCount' | 'frontier';
  space: AdditiveSpace;
  firstIssueOptions: number[];
  zone: ZoneMode;
}

/** Result of a task: a zone count, or the outcomes of the slice's frontier. */
export type SpaceTaskResult = { kind: 'zoneCount'; count: number } | { kind: 'frontier'; outcomes: number[] };

/** Runs tasks (in parallel, elsewhere) and returns their results in order. */
export interface SpaceSplitter {
  run(tasks: SpaceTask[], onTaskDone?: () => void): Promise<SpaceTaskResult[]>;
}

/** Cuts the first issue's jointly allowed options into up to `parts` slices. */
export function splitSpace(space: AdditiveSpace, kind: SpaceTask['kind'], zone: ZoneMode, parts: number): SpaceTask[] {
  const ps = prepareSpace(space);
  const options = ps.allowed[0]!;
  const n = Math.max(1, Math.min(parts, options.length));
  const tasks: SpaceTask[] = [];
  for (let t = 0; t < n; t++) {
    const slice = options.filter((_, j) => j % n === t);
    if (slice.length > 0) tasks.push({ kind, space, firstIssueOptions: slice, zone });
  }
  return tasks;
}

/** Runs one task (pure; this is what a worker executes). */
export function runSpaceTask(task: SpaceTask): SpaceTaskResult {
  const ps = prepareSpace(task.space);
  const allowed = ps.allowed.map((a, i) => (i === 0 ? a.filter((o) => task.firstIssueOptions.includes(o)) : a));
  if (task.kind === 'zoneCount')
    return {
      kind: 'zoneCount',
      count: countPackages(ps, { allowed, thresholds: reservationThresholds(ps, task.zone === 'strict') }),
    };
  return { kind: 'frontier', outcomes: paretoFrontier(ps, { allowed }).outcomes };
}

/** Same result as analyzeSpace, with the zone count and the frontier computed slice by slice through a splitter. */
export async function analyzeSpaceSplit(
  space: AdditiveSpace,
  splitter: SpaceSplitter,
  options: SpaceAnalyzeOptions & { parts?: number } = {},
): Promise<SpaceAnalysis> {
  const ps = prepareSpace(space);
  const k = ps.parties.length;
  const mode = options.zone ?? 'weak';
  const parts = options.parts ?? 4;
  const countTasks = splitSpace(space, 'zoneCount', mode, parts);
  const frontierTasks = splitSpace(space, 'frontier', mode, parts);
  const total = countTasks.length + frontierTasks.length;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  const results = await splitter.run([...countTasks, ...frontierTasks], tick);
  let count = 0;
  const union: number[] = [];
  for (const r of results) {
    if (r.kind === 'zoneCount') count += r.count;
    else union.push(...r.outcomes);
  }
  // Merge: the frontier of the union of slice frontiers is the frontier of the space.
  const outcomes = frontierOfOutcomes(ps, union);
  const frontier: Frontier = {
    outcomes,
    parties: k,
    utilities: Float64Array.from(outcomes.flatMap((o) => ps.parties.map((p) => floatUtility(p, ps, o)))),
    exact: outcomes.flatMap((o) => ps.parties.map((p) => exactUtility(p, ps, o))),
  };
  const solutions = bargainingSolutions(ps, frontier, {
    disagreement: options.disagreement ?? 'reservation',
    variant: options.variant ?? 'textbook',
  });
  const empty = count === 0;
  const zonePareto = zoneFrontierPositions(ps, frontier, mode).map((t) => ({
    outcome: frontier.outcomes[t]!,
    ...describe(ps, frontier, t),
  }));
  const partialOpts = options.partialDeals ?? true;
  const partial =
    partialOpts === false ? null : searchPartialDeals(ps, { zone: mode, ...(partialOpts === true ? {} : partialOpts) });
  return {
    parties: ps.parties.map((p) => p.id),
    issues: space.issues.map((i) => i.id),
    outcomes: ps.total,
    acceptable: ps.allowed.reduce((acc, a) => acc * a.length, 1),
    frontier: {
      size: outcomes.length,
      outcomes,
      utilities: outcomes.map((_, t) => Array.from(frontier.utilities.subarray(t * k, (t + 1) * k))),
    },
    zone: {
      mode,
      count,
      empty,
      pareto: zonePareto,
      shortfalls: empty ? shortfalls(ps, frontier, mode) : [],
      blockingIssues: empty ? blockingIssues(ps, mode) : [],
    },
    solutions,
    partialDeals: partial?.deals ?? [],
    partialDealSearch: partial?.search ?? null,
  };
}

function describe(ps: ReturnType<typeof prepareSpace>, f: Frontier, t: number) {
  const o = f.outcomes[t]!;
  const options = ps.radices.map((r, i) => Math.floor(o / ps.strides[i]!) % r);
  const terms: Record<string, string> = {};
  ps.space.issues.forEach((issue, i) => {
    terms[issue.id] = issue.options[options[i]!]!;
  });
  return { options, terms, utilities: Array.from(f.utilities.subarray(t * f.parties, (t + 1) * f.parties)) };
}

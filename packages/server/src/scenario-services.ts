import {
  type AdditiveSpace,
  analyzeGmcr,
  analyzeScenario,
  analyzeSpace,
  applyLevers,
  backtest,
  buildScenarioSpace,
  buildSpaceLevers,
  closestAcceptable,
  compileModel,
  enumerateUtilities,
  evaluatePackage,
  findOpeningLevers,
  findPartialDeals,
  type GmcrModel,
  type LeverUse,
  modelFromDocument,
  movesFrom,
  parseGmcrSection,
  prepareSpace,
  resolveTerms,
  type Scenario,
  type ScenarioModel,
} from '@entente/core';
import { HttpError } from './http-error';
import type { JobContext } from './jobs';
import type { ScenarioEntry } from './scenario-registry';
import type {
  ClosestBody,
  EvaluateBody,
  GmcrBody,
  OpeningLeversBody,
  PartialDealsBody,
  SpaceBody,
  SpaceScope,
} from './schemas';

type Usable = ScenarioEntry & { scenario: Scenario; model: ScenarioModel };

/** Largest state count for which the move graph is returned (bigger graphs are unreadable anyway). */
export const GRAPH_STATE_LIMIT = 1024;

function checkLevers(model: ScenarioModel, uses: readonly LeverUse[]): void {
  for (const use of uses) {
    const lever = model.scenario.levers.find((l) => l.id === use.id);
    if (lever && use.strength > lever.maxStrength)
      throw new HttpError(
        400,
        'LEVER_STRENGTH',
        `Lever "${use.id}" takes a strength between 0 and ${lever.maxStrength} (its strongest credible use); got ${use.strength}.`,
      );
  }
}

function proposalTerms(
  entry: Usable,
  body: { proposal?: string | undefined; terms?: Record<string, string> | undefined },
) {
  if (body.proposal === undefined) return { terms: body.terms ?? {}, proposal: undefined };
  const proposal = entry.scenario.proposals.find((p) => p.id === body.proposal);
  if (!proposal)
    throw new HttpError(
      404,
      'UNKNOWN_PROPOSAL',
      `No proposal has id "${body.proposal}"; use one of: ${entry.scenario.proposals.map((p) => p.id).join(', ') || '(none recorded)'}.`,
    );
  return { terms: proposal.terms, proposal };
}

/** Each party's verdict on a proposal or on given terms, levers applied first. */
export function evaluateProposal(entry: Usable, body: EvaluateBody) {
  checkLevers(entry.model, body.levers);
  const { terms, proposal } = proposalTerms(entry, body);
  const model = applyLevers(entry.model, body.levers);
  const evaluation = evaluatePackage(model, resolveTerms(model, terms));
  return {
    proposal: proposal?.id ?? null,
    observed: proposal ? Object.fromEntries(Object.entries(proposal.responses).map(([a, r]) => [a, r.response])) : null,
    ...evaluation,
  };
}

/** The additive space of a scenario for some parties and issues, with levers applied. */
export function scopedSpace(entry: Usable, scope: SpaceScope): { model: ScenarioModel; space: AdditiveSpace } {
  checkLevers(entry.model, scope.levers);
  const model = applyLevers(entry.model, scope.levers);
  const space = buildScenarioSpace(model, {
    ...(scope.parties ? { parties: scope.parties } : {}),
    ...(scope.issues ? { issues: scope.issues } : {}),
  });
  return { model, space };
}

/**
 * Package points for a scatter plot with red-line flags: every package when there are at most
 * `maxPoints`, else a deterministic low-discrepancy sample, so huge spaces are never enumerated
 * for a picture. Most of the sample comes from the packages that break no red line (they can be
 * a tiny share of the space); a tenth covers the whole space so the red-line cloud stays visible.
 */
function packagePoints(space: AdditiveSpace, maxPoints: number) {
  const ps = prepareSpace(space);
  const total = ps.total;
  const outcomes: number[] = [];
  const acceptable: number[] = [];
  const utilities: number[][] = ps.parties.map(() => []);
  if (total <= maxPoints) {
    for (const chunk of enumerateUtilities(ps)) {
      for (let t = 0; t < chunk.outcomes.length; t++) {
        outcomes.push(chunk.outcomes[t]!);
        acceptable.push(chunk.acceptable[t]!);
        for (const [p, u] of chunk.utilities.entries()) utilities[p]!.push(u[t]!);
      }
    }
    return { total, sampled: false, outcomes, acceptable, utilities };
  }
  const allOptions = space.issues.map((i) => i.options.map((_, j) => j));
  const allowed = ps.allowed.map((a) => [...a]);
  const allowedTotal = allowed.reduce((acc, a) => acc * a.length, 1);
  const strides = space.issues.map((_, i) => space.issues.slice(i + 1).reduce((acc, x) => acc * x.options.length, 1));
  const picks = new Map<number, number[]>();
  sampleProduct(allowed, strides, Math.min(allowedTotal, Math.ceil(maxPoints * 0.9)), picks);
  sampleProduct(allOptions, strides, maxPoints - picks.size, picks);
  for (const [outcome, options] of [...picks.entries()].sort((x, y) => x[0] - y[0])) {
    outcomes.push(outcome);
    acceptable.push(space.parties.every((p) => options.every((o, i) => !p.forbidden?.[i]?.[o])) ? 1 : 0);
    space.parties.forEach((p, k) => {
      const sum = options.reduce((acc, o, i) => acc + p.contributions[i]![o]!, 0);
      utilities[k]!.push(p.cap === undefined ? sum : Math.min(p.cap, sum));
    });
  }
  return { total, sampled: true, outcomes, acceptable, utilities };
}

/**
 * Adds up to `count` packages drawn by a golden-ratio sequence over a product of option lists
 * (all of them when the product is small), keyed by their outcome index in the full space.
 */
function sampleProduct(lists: number[][], strides: number[], count: number, into: Map<number, number[]>): void {
  const size = lists.reduce((acc, l) => acc * l.length, 1);
  const golden = (Math.sqrt(5) - 1) / 2;
  const target = into.size + count;
  for (let t = 0; into.size < target && t < count * 3 && t < size; t++) {
    let rest = size <= count ? t : Math.floor((((t + 1) * golden) % 1) * size);
    const options = new Array<number>(lists.length);
    for (let i = lists.length - 1; i >= 0; i--) {
      const list = lists[i]!;
      options[i] = list[rest % list.length]!;
      rest = Math.floor(rest / list.length);
    }
    into.set(
      options.reduce((acc, o, i) => acc + o * strides[i]!, 0),
      options,
    );
  }
}

/** Status-quo package utilities, in party order. */
function statusQuoPoint(space: AdditiveSpace): number[] {
  return space.parties.map((p) => p.contributions.reduce((s, row, i) => s + row[space.issues[i]!.statusQuo]!, 0));
}

/** The whole agreement-space picture: frontier, zone, solutions, partial deals and points to plot. */
export function analyzeScenarioSpace(entry: Usable, body: SpaceBody, ctx?: JobContext) {
  const { space } = scopedSpace(entry, body);
  const analysis = analyzeSpace(space, {
    zone: body.zone,
    disagreement: body.disagreement,
    variant: body.variant,
    partialDeals:
      body.partialDeals === false
        ? false
        : { maxSize: body.partialDeals.maxSize, limit: body.partialDeals.limit, zone: body.zone },
    ...(ctx
      ? { onProgress: (done: number, total: number) => ctx.progress(total > 0 ? (0.8 * done) / total : 0, 'frontier') }
      : {}),
  });
  ctx?.progress(0.85, 'points');
  const points =
    body.points === 'all'
      ? packagePoints(space, body.maxPoints)
      : body.points === 'frontier'
        ? {
            total: analysis.frontier.size,
            sampled: false,
            outcomes: analysis.frontier.outcomes,
            acceptable: analysis.frontier.outcomes.map(() => 1),
            utilities: analysis.parties.map((_, p) => analysis.frontier.utilities.map((u) => u[p]!)),
          }
        : null;
  return {
    scope: {
      parties: analysis.parties,
      issues: body.issues ?? entry.model.issues.map((i) => i.id),
      levers: body.levers,
      zone: body.zone,
    },
    /** Option ids per issue (fixed issues have one option), for decoding outcome indices (first issue most significant). */
    options: space.issues.map((i) => ({ issue: i.id, options: i.options })),
    reservations: space.parties.map((p) => p.reservation),
    statusQuo: statusQuoPoint(space),
    points,
    ...analysis,
  };
}

/** Partial deals: issue subsets with a zone while the others stay as they are. */
export function partialDeals(entry: Usable, body: PartialDealsBody) {
  const { space } = scopedSpace(entry, body);
  const ps = prepareSpace(space);
  return {
    parties: ps.parties.map((p) => p.id),
    deals: findPartialDeals(ps, { maxSize: body.maxSize, limit: body.limit, zone: body.zone }),
  };
}

/** The package in the zone closest to a proposal: fewest changed issues, then the proposer's smallest loss. */
export function closestPackage(entry: Usable, body: ClosestBody) {
  const { terms, proposal } = proposalTerms(entry, body);
  const { model, space } = scopedSpace(entry, body);
  const pkg = resolveTerms(model, terms);
  const kept = new Set(body.issues ?? model.issues.map((i) => i.id));
  const options = Array.from(pkg, (j, i) => {
    const issue = model.issues[i]!;
    if (kept.has(issue.id)) return j;
    if (j !== model.statusQuo[i])
      throw new HttpError(
        400,
        'TERMS_OUTSIDE_SCOPE',
        `The terms move "${issue.id}", which is not among the issues on the table; add it to "issues".`,
      );
    return 0;
  });
  const parties = space.parties.map((p) => p.id);
  const proposer = body.proposer ?? proposal?.proposers.find((p) => parties.includes(p)) ?? parties[0]!;
  const closest = closestAcceptable(space, options, { proposer, zone: body.zone });
  return { proposal: proposal?.id ?? null, proposer, parties, found: closest !== null, closest };
}

/** The smallest lever combinations that open a zone. */
export function openingLevers(entry: Usable, body: OpeningLeversBody) {
  const { space, model } = scopedSpace(entry, body);
  // Levers are searched on the unlevered model; levers already applied stay applied.
  const levers = buildSpaceLevers(model, {
    ...(body.parties ? { parties: body.parties } : {}),
    ...(body.issues ? { issues: body.issues } : {}),
  });
  return {
    parties: space.parties.map((p) => p.id),
    leversConsidered: levers.map((l) => l.id),
    ...findOpeningLevers(space, levers, { maxLevers: body.maxLevers, grid: body.grid, zone: body.zone }),
  };
}

/** The moves of each DM between states, for drawing the state graph. */
function moveGraph(model: GmcrModel) {
  const graph = compileModel(model);
  if (graph.stateCount > GRAPH_STATE_LIMIT) return null;
  const edges: { from: number; to: number; dm: number }[] = [];
  graph.moves.forEach((ms, dm) => {
    for (let s = 0; s < graph.stateCount; s++) for (const to of movesFrom(ms, s)) edges.push({ from: s, to, dm });
  });
  return { edges };
}

/** Stability analysis of a GMCR model, with the move graph for small conflicts. */
export async function analyzeGmcrModel(model: GmcrModel, body: GmcrBody, ctx?: JobContext) {
  ctx?.progress(0.1, 'stability');
  const report = await analyzeGmcr(model, {
    semantics: body.semantics,
    allCoalitions: body.allCoalitions,
    explainLimit: 512,
    ...(body.statusQuo !== undefined ? { statusQuo: body.statusQuo } : {}),
  });
  ctx?.progress(0.9, 'graph');
  return { report, graph: moveGraph(model) };
}

/** The GMCR model of a scenario's `gmcr:` section. */
export function scenarioGmcrModel(entry: Usable): GmcrModel {
  if (entry.scenario.gmcr === undefined)
    throw new HttpError(
      404,
      'NO_GMCR_SECTION',
      `Scenario "${entry.id}" has no gmcr: section; add one to analyse stability.`,
    );
  return parseGmcrSection(entry.scenario.gmcr, { file: entry.file });
}

/** The GMCR model of an uploaded document (gmcr-case/1, gmcr-py save, or scenario with `gmcr:`). */
export function documentGmcrModel(document: unknown): GmcrModel {
  return modelFromDocument(document).model;
}

/** Recorded proposals replayed through the model. */
export function backtestScenario(entry: Usable) {
  return backtest(entry.model);
}

/** The analysis behind `entente analyze`. */
export function analysisOf(entry: Usable) {
  return analyzeScenario(entry.model);
}

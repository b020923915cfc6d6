import {
  type AdditiveSpace,
  analyzeGraph,
  analyzeScenario,
  analyzeScenarioSpace,
  analyzeSpace,
  applyLevers,
  backtest,
  buildScenarioSpace,
  CONCEPTS,
  type ConflictGraph,
  compileModel,
  defaultSpaceParties,
  estimateReportBytes,
  evaluateTerms,
  explainState,
  findProposal,
  type GmcrModel,
  judgeOutcomes,
  modelFromDocument,
  movesFrom,
  openingLeverSets,
  type PackageKind,
  parseGmcrSection,
  patternOf,
  type Scenario,
  type ScenarioModel,
  type SpaceAnalysis,
  scenarioPackagePoints,
  selectConcepts,
  spaceMode,
  zoneOutcomes,
} from '@entente/core';
import { HttpError } from './http-error';
import type { JobContext } from './jobs';
import type { ScenarioEntry } from './scenario-registry';
import type {
  ClosestBody,
  EvaluateBody,
  GmcrBody,
  GmcrExplainBody,
  OpeningLeversBody,
  PartialDealsBody,
  SpaceBody,
  SpaceScope,
} from './schemas';

type Usable = ScenarioEntry & { scenario: Scenario; model: ScenarioModel };

/** Largest state count for which the move graph is returned (bigger graphs are unreadable anyway). */
export const GRAPH_STATE_LIMIT = 1024;

function proposalTerms(
  entry: Usable,
  body: { proposal?: string | undefined; terms?: Record<string, string> | undefined },
) {
  // Without a proposal or terms the builder starts from today's package (the status quo).
  if (body.proposal === undefined) return { terms: body.terms ?? {}, proposal: undefined };
  const proposal = findProposal(entry.scenario, body.proposal);
  return { terms: proposal.terms, proposal };
}

/** Each party's verdict on a proposal or on given terms, levers applied first. */
export function evaluateProposal(entry: Usable, body: EvaluateBody) {
  return evaluateTerms(entry.model, proposalTerms(entry, body), body.levers, {
    asOf: body.asOf,
    proposers: body.proposers,
  });
}

/** The scope every space route shares: parties, issues and levers, checked and resolved on the levered model. */
function scopeOf(entry: Usable, scope: SpaceScope) {
  // applyLevers (core) rejects unknown levers and strengths outside [0, maxStrength].
  const model = applyLevers(entry.model, scope.levers);
  const parties = scope.parties ?? defaultSpaceParties(model);
  const mode = spaceMode(model, scope.issues);
  const kind: PackageKind | undefined = mode === 'settlement' ? 'settlement' : mode === 'steps' ? 'step' : undefined;
  const options = { parties, ...(scope.issues ? { issues: scope.issues } : {}) };
  return { model, parties, mode, options, mainOptions: { ...options, ...(kind ? { kind } : {}) } };
}

/** Maps the engine's (done, total) reports of the settlement pass, then the steps pass, onto one rising fraction. */
function twoPassProgress(ctx: JobContext | undefined, passes: number) {
  if (!ctx) return {};
  let pass = 0;
  let last = -1;
  return {
    onProgress: (done: number, total: number) => {
      // Within a pass `done` only rises, so a report that does not marks the next pass.
      if (done <= last) pass = Math.min(passes - 1, pass + 1);
      last = done;
      const share = 0.8 / passes;
      ctx.progress(share * pass + (total > 0 ? (share * done) / total : 0), pass === 0 ? 'settlements' : 'steps');
    },
  };
}

/** Today's utility per party (the status-quo package), in party order. */
function todayUtilities(model: ScenarioModel, parties: readonly string[]): number[] {
  return parties.map((id) => model.actors.find((a) => a.actor.id === id)!.statusQuoUtility);
}

/** The partial-deal search's coverage after the route's own `limit`: deals it leaves out count as cut. */
function withLimit(search: SpaceAnalysis['partialDealSearch'], found: number, limit: number) {
  if (!search) return null;
  const cutByLimit = search.cutByLimit + Math.max(0, found - limit);
  return { ...search, cutByLimit, truncated: search.truncated || cutByLimit > 0 };
}

/** The steps part of the result: weighed against today, zone strict; partial deals come from here. */
function stepsSummary(steps: SpaceAnalysis, today: number[], limit: number) {
  return {
    reference: 'status_quo' as const,
    outcomes: steps.outcomes,
    acceptable: steps.acceptable,
    reservations: today,
    frontierSize: steps.frontier.size,
    zone: {
      ...steps.zone,
      paretoCount: steps.zone.pareto.length,
      paretoTruncated: steps.zone.pareto.length > 50,
      // The zone's frontier can be long; a sample of it is enough to show what is within reach.
      pareto: steps.zone.pareto.slice(0, 50),
    },
    solutions: steps.solutions,
    partialDeals: steps.partialDeals.slice(0, limit),
    partialDealSearch: withLimit(steps.partialDealSearch, steps.partialDeals.length, limit),
  };
}

/**
 * Points to plot: every package, or a sample that always holds the solutions, the zone's efficient
 * packages and the zone's packages (up to half the budget; `zoneInSample` says how many of how many).
 */
function samplePoints(model: ScenarioModel, space: AdditiveSpace, analysis: SpaceAnalysis, maxPoints: number) {
  const sol = analysis.solutions;
  const solutions = [sol.nash, sol.kalaiSmorodinsky, sol.egalitarian, sol.welfare].flatMap((s) => s.outcomes);
  const zone = analysis.zone.empty
    ? { outcomes: [], complete: true }
    : zoneOutcomes(space, analysis.zone.mode, Math.floor(maxPoints / 2));
  const include = [...new Set([...solutions, ...analysis.zone.pareto.map((p) => p.outcome), ...zone.outcomes])];
  const points = scenarioPackagePoints(model, space, maxPoints, include);
  const inSample = points.inZone.reduce((acc, z) => acc + z, 0);
  return { ...points, zoneInSample: { count: inSample, zoneCount: analysis.zone.count } };
}

/**
 * The agreement-space picture behind the space view, with the semantics of `entente space`
 * (core `analyzeScenarioSpace`): settlements weighed against walking away (zone, shortfalls,
 * blocking issues, solutions, opening levers), steps weighed against today (partial deals), and
 * points to plot drawn from the settlement space.
 */
export function scenarioSpaceReport(entry: Usable, body: SpaceBody, ctx?: JobContext) {
  const { model, parties, mode, mainOptions } = scopeOf(entry, body);
  const limit = body.partialDeals === false ? 0 : body.partialDeals.limit;
  const result = analyzeScenarioSpace(entry.model, {
    parties,
    ...(body.issues ? { issues: body.issues } : {}),
    levers: body.levers,
    partialDealSize: body.partialDeals === false ? 1 : body.partialDeals.maxSize,
    openingLevers: body.openingLevers,
    ...twoPassProgress(ctx, mode === 'settlement' ? 2 : 1),
  });
  ctx?.progress(0.82, 'points');
  const space = buildScenarioSpace(model, mainOptions);
  let analysis = result.analysis;
  if (body.disagreement !== 'reservation' || body.variant !== 'textbook') {
    // Other bargaining-solution definitions, on the same settlement space.
    const other = analyzeSpace(space, { disagreement: body.disagreement, variant: body.variant, partialDeals: false });
    analysis = { ...analysis, solutions: other.solutions };
  }
  // Each point carries core's verdicts (red lines, zone, answers): clients recompute none of them.
  const points =
    body.points === 'all'
      ? samplePoints(model, space, analysis, body.maxPoints)
      : body.points === 'frontier'
        ? { ...judgeOutcomes(model, space, analysis.frontier.outcomes), zoneInSample: null }
        : null;
  const today = todayUtilities(model, parties);
  const partialSource = result.steps ?? result.analysis;
  return {
    mode: result.mode,
    scope: { parties: result.parties, issues: body.issues ?? entry.model.issues.map((i) => i.id), levers: body.levers },
    /** What a settlement requires (issue id -> options), or null when the scenario makes no such distinction. */
    settlement: model.hasSettlement ? (entry.scenario.settlement?.requires ?? {}) : null,
    /** What the plotted packages and the zone are weighed against. */
    reference: mode === 'steps' ? ('status_quo' as const) : ('walk_away' as const),
    /** Option ids per issue of the plotted space (fixed issues have one option), for decoding outcome indices (first issue most significant). */
    options: space.issues.map((i) => ({ issue: i.id, options: i.options })),
    /** What the plotted packages are weighed against: walk-away values (today's utilities in mode `steps`). */
    reservations: space.parties.map((p) => p.reservation),
    /** Today's utilities: what a step is weighed against. */
    statusQuo: today,
    points,
    ...analysis,
    partialDeals: partialSource.partialDeals.slice(0, limit),
    partialDealSearch: withLimit(partialSource.partialDealSearch, partialSource.partialDeals.length, limit),
    steps: result.steps ? stepsSummary(result.steps, today, limit) : null,
    openingLevers: result.openingLevers,
  };
}

/** Partial deals: issue subsets with packages every party prefers (steps against today, when the scenario has settlements). */
export function partialDeals(entry: Usable, body: PartialDealsBody) {
  const { model, parties } = scopeOf(entry, body);
  const result = analyzeScenarioSpace(entry.model, {
    parties,
    ...(body.issues ? { issues: body.issues } : {}),
    levers: body.levers,
    partialDealSize: body.maxSize,
    openingLevers: false,
  });
  return {
    mode: result.mode,
    parties: result.parties,
    /** What the deals are weighed against: today (steps) or the walk-away values. */
    reference: result.steps ? ('status_quo' as const) : ('walk_away' as const),
    reservations: result.steps
      ? todayUtilities(model, parties)
      : buildScenarioSpace(model, { parties }).parties.map((p) => p.reservation),
    deals: (result.steps ?? result.analysis).partialDeals.slice(0, body.limit),
    /** What the search covered: subsets not searched, deals cut by the limit (`truncated` when any). */
    search: withLimit(
      (result.steps ?? result.analysis).partialDealSearch,
      (result.steps ?? result.analysis).partialDeals.length,
      body.limit,
    ),
  };
}

/**
 * The acceptable package closest to a proposal: fewest changed issues, then the proposer's smallest
 * loss; a settlement is searched among settlements, a step among steps that leave everyone better off.
 */
export function closestPackage(entry: Usable, body: ClosestBody) {
  const { terms, proposal } = proposalTerms(entry, body);
  const { parties } = scopeOf(entry, body);
  const proposer = body.proposer ?? proposal?.proposers.find((p) => parties.includes(p));
  if (proposer === undefined)
    throw new HttpError(
      'PROPOSER_REQUIRED',
      `Say whose loss breaks ties between equally close packages: set "proposer" to one of ${parties.join(', ')}.`,
    );
  if (!parties.includes(proposer))
    throw new HttpError(
      'UNKNOWN_PROPOSER',
      `"${proposer}" is not among the parties (${parties.join(', ')}); name one of them as proposer.`,
    );
  const result = analyzeScenarioSpace(entry.model, {
    parties,
    ...(body.issues ? { issues: body.issues } : {}),
    levers: body.levers,
    closestTo: { terms, proposer },
    openingLevers: false,
  });
  const closest = result.closest;
  return {
    proposal: proposal?.id ?? null,
    proposer,
    parties: result.parties,
    mode: result.mode,
    kind: closest?.kind ?? (result.mode === 'all' ? 'all' : null),
    reference: closest?.kind === 'step' ? ('status_quo' as const) : ('walk_away' as const),
    found: closest !== null,
    closest,
  };
}

/**
 * The smallest lever combinations that open a zone of settlements (of any package when the scenario
 * has no settlement terms); with only steps on the table there is no walk-away zone to open.
 */
export function openingLevers(entry: Usable, body: OpeningLeversBody) {
  const { model, parties, mode, mainOptions } = scopeOf(entry, body);
  if (mode === 'steps') return { mode, parties, leversConsidered: [] as string[], alreadyOpen: null, combinations: [] };
  return {
    mode,
    parties,
    leversConsidered: model.scenario.levers.filter((l) => parties.includes(l.target)).map((l) => l.id),
    ...openingLeverSets(model, mainOptions, { maxLevers: body.maxLevers, grid: body.grid }),
  };
}

/** The moves of each DM between states, for drawing the state graph. */
function moveGraph(graph: ConflictGraph) {
  if (graph.stateCount > GRAPH_STATE_LIMIT) return null;
  const edges: { from: number; to: number; dm: number }[] = [];
  graph.moves.forEach((ms, dm) => {
    for (let s = 0; s < graph.stateCount; s++) for (const to of movesFrom(ms, s)) edges.push({ from: s, to, dm });
  });
  return { edges };
}

/**
 * The API's limits on GMCR answers: a response-size cap (checked on an estimate before the work and
 * on the JSON itself after), the time budget of the synchronous routes, and the size under which a
 * model is analysed in the request's own thread (2^8 candidate states: milliseconds).
 */
export const GMCR_API_LIMITS = {
  responseBytes: 32 * 1024 * 1024,
  timeBudgetMs: 60_000,
  inThreadOptions: 8,
} as const;

function outputTooLarge(bytes: number, what: string): never {
  const max = GMCR_API_LIMITS.responseBytes;
  throw new HttpError(
    'GMCR_OUTPUT_TOO_LARGE',
    `${what} would be about ${Math.ceil(bytes / 1_048_576)} MiB, more than the API's ${max / 1_048_576} MiB: narrow the model (fewer options, or infeasibility conditions), or run \`entente gmcr --json\` on the command line.`,
    { details: { maxBytes: max, estimatedBytes: bytes } },
  );
}

/** Serialises an answer in the thread that computed it, refusing it beyond the API's response-size cap. */
function boundedJson(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  if (json.length > GMCR_API_LIMITS.responseBytes) outputTooLarge(json.length, what);
  return json;
}

/** Stability analysis of a GMCR model, with the move graph for small conflicts; refused early when its answer would be too large. */
export async function analyzeGmcrModel(model: GmcrModel, body: GmcrBody, ctx?: JobContext) {
  const graph = compileModel(model);
  const concepts = selectConcepts(graph.stateCount).concepts.length;
  const estimate = estimateReportBytes(graph.stateCount, model.options.length, model.decisionMakers.length, concepts);
  if (estimate > GMCR_API_LIMITS.responseBytes) outputTooLarge(estimate, `The report of ${graph.stateCount} states`);
  ctx?.progress(0.1, 'stability');
  const report = await analyzeGraph(graph, {
    semantics: body.semantics,
    allCoalitions: body.allCoalitions,
    explainLimit: 512,
    ...(body.statusQuo !== undefined ? { statusQuo: body.statusQuo } : {}),
  });
  ctx?.progress(0.9, 'graph');
  return { report, graph: moveGraph(graph) };
}

/** Why one state is or is not stable, for every DM under each concept that has explanations (on demand: large conflicts get none in the report). */
export function explainGmcrState(model: GmcrModel, body: GmcrExplainBody) {
  const graph = compileModel(model);
  if (body.state >= graph.stateCount)
    throw new HttpError(
      'GMCR_UNKNOWN_STATE',
      `The conflict has states 0..${graph.stateCount - 1}; state ${body.state} does not exist.`,
    );
  const explanations = graph.model.decisionMakers.flatMap((_, dm) =>
    CONCEPTS.map((concept) => {
      const e = explainState(graph, dm, body.state, concept, body.semantics);
      return { dm, concept, stable: e.stable, text: e.text, improvements: e.improvements };
    }),
  );
  return {
    state: body.state,
    pattern: patternOf(graph.decimals[body.state]!, graph.model.options.length),
    explanations,
  };
}

/** A GMCR request of the API, in a form that crosses to a worker thread (the model travels as its document). */
export type GmcrRequest = { route: 'analyze'; params: GmcrBody } | { route: 'explain'; params: GmcrExplainBody };

/** The JSON answer to a GMCR request, serialised where it was computed and within GMCR_API_LIMITS.responseBytes. */
export async function gmcrAnswerJson(model: GmcrModel, request: GmcrRequest, ctx?: JobContext): Promise<string> {
  if (request.route === 'explain')
    return boundedJson(explainGmcrState(model, request.params), `The explanation of state ${request.params.state}`);
  return boundedJson(await analyzeGmcrModel(model, request.params, ctx), 'The report');
}

/** The GMCR model of a scenario's `gmcr:` section. */
export function scenarioGmcrModel(entry: Usable): GmcrModel {
  if (entry.scenario.gmcr === undefined)
    throw new HttpError(
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

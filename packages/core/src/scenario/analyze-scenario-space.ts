import { EntenteError } from '../errors';
import { analyzeSpace, type SpaceAnalysis } from '../space/analyze';
import { type ClosestAcceptable, closestAcceptable } from '../space/closest';
import { findOpeningLevers, type OpeningLeversResult } from '../space/levers';
import type { ProgressCallback } from '../space/types';
import { applyLevers, isSettlement, type LeverUse, resolveTerms, type ScenarioModel } from './scenario-model';
import { buildScenarioSpace, buildSpaceLevers, defaultSpaceParties, type PackageKind } from './scenario-space';

/** What to compute about a scenario's agreement space. */
export interface ScenarioSpaceRequest {
  parties?: readonly string[];
  issues?: readonly string[];
  levers?: readonly LeverUse[];
  /** Largest issue subset searched exhaustively for partial deals (default 2). */
  partialDealSize?: number;
  /** Terms of a proposal whose closest acceptable package is wanted, and who proposes it. */
  closestTo?: { terms: Readonly<Record<string, string>>; proposer?: string };
  /** Search the smallest lever combination that opens an empty zone (default true). */
  openingLevers?: boolean;
  onProgress?: ProgressCallback;
}

/** The agreement space of a scenario, with the scenario-level questions answered. */
export interface ScenarioSpaceResult {
  parties: string[];
  issues: string[];
  levers: LeverUse[];
  /** `settlement` when the scenario separates settlements from steps, else `all`. */
  mode: 'settlement' | 'all';
  /** Settlements weighed against walking away (or, in mode `all`, every package). */
  analysis: SpaceAnalysis;
  /**
   * Steps taken while the fighting goes on, weighed against today (strictly better for every party);
   * null in mode `all`, where partial deals come from `analysis`.
   */
  steps: SpaceAnalysis | null;
  closest: (ClosestAcceptable & { proposer: string; kind: PackageKind | 'all' }) | null;
  openingLevers: OpeningLeversResult | null;
}

/**
 * Zone of agreement, frontier, bargaining solutions, partial deals, the closest acceptable package
 * and the levers that would open a zone, for a scenario.
 * @example analyzeScenarioSpace(model, { issues: ['ceasefire', 'prisoners'] })
 */
export function analyzeScenarioSpace(base: ScenarioModel, request: ScenarioSpaceRequest = {}): ScenarioSpaceResult {
  const levers = [...(request.levers ?? [])];
  const model = applyLevers(base, levers);
  const scope = {
    parties: request.parties ?? defaultSpaceParties(model),
    ...(request.issues ? { issues: request.issues } : {}),
  };
  const progress = request.onProgress ? { onProgress: request.onProgress } : {};
  const partial = { maxSize: request.partialDealSize ?? 2 };
  const mode = model.hasSettlement ? 'settlement' : 'all';
  const mainKind: PackageKind | undefined = model.hasSettlement ? 'settlement' : undefined;
  const mainScope = { ...scope, ...(mainKind ? { kind: mainKind } : {}) };
  const space = buildScenarioSpace(model, mainScope);
  const analysis = analyzeSpace(space, { partialDeals: mode === 'all' ? partial : false, ...progress });
  let steps: SpaceAnalysis | null = null;
  let stepSpace = space;
  if (mode === 'settlement') {
    stepSpace = buildScenarioSpace(model, { ...scope, kind: 'step' });
    steps = analyzeSpace(stepSpace, { zone: 'strict', partialDeals: { ...partial, zone: 'strict' }, ...progress });
  }
  // A deal whose best package leaves one of its issues at the status quo repeats a smaller deal.
  const partialSource = steps ?? analysis;
  partialSource.partialDeals = partialSource.partialDeals.filter((deal) =>
    deal.issueIndices.every((i) => deal.best.options[i] !== stepSpace.issues[i]!.statusQuo),
  );
  let closest: ScenarioSpaceResult['closest'] = null;
  if (request.closestTo) {
    const full = resolveTerms(model, request.closestTo.terms);
    const kind: PackageKind | 'all' = mode === 'all' ? 'all' : isSettlement(model, full) ? 'settlement' : 'step';
    const target = kind === 'step' ? stepSpace : space;
    const pkg = target.issues.map((issue, i) => issue.options.indexOf(model.issues[i]!.options[full[i]!]!.id));
    const outside = target.issues.filter((_, i) => pkg[i]! < 0).map((issue) => issue.id);
    if (outside.length > 0)
      throw new EntenteError(
        'PROPOSAL_OUTSIDE_ISSUES',
        `The proposal changes ${outside.join(', ')}, which the issue subset keeps at the status quo; add them to the issues or drop the subset.`,
      );
    const proposer = request.closestTo.proposer ?? scope.parties[0]!;
    const found = closestAcceptable(target, pkg, { proposer, ...(kind === 'step' ? { zone: 'strict' as const } : {}) });
    closest = found ? { ...found, proposer, kind } : null;
  }
  const openingLevers =
    request.openingLevers === false || !analysis.zone.empty
      ? null
      : findOpeningLevers(space, buildSpaceLevers(model, mainScope));
  return {
    parties: [...scope.parties],
    issues: space.issues.map((i) => i.id),
    levers,
    mode,
    analysis,
    steps,
    closest,
    openingLevers,
  };
}

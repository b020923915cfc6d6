import { EntenteError } from '../errors';
import { analyzeSpace, type SpaceAnalysis } from '../space/analyze';
import { type ClosestAcceptable, closestAcceptable } from '../space/closest';
import { findOpeningLevers, type OpeningLeversResult } from '../space/levers';
import type { ProgressCallback } from '../space/types';
import { applyLevers, type LeverUse, resolveTerms, type ScenarioModel } from './scenario-model';
import { buildScenarioSpace, buildSpaceLevers, defaultSpaceParties } from './scenario-space';

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
  analysis: SpaceAnalysis;
  closest: (ClosestAcceptable & { proposer: string }) | null;
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
  const space = buildScenarioSpace(model, scope);
  const analysis = analyzeSpace(space, {
    partialDeals: { maxSize: request.partialDealSize ?? 2 },
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  // A deal whose best package leaves one of its issues at the status quo repeats a smaller deal.
  analysis.partialDeals = analysis.partialDeals.filter((deal) =>
    deal.issueIndices.every((i) => deal.best.options[i] !== space.issues[i]!.statusQuo),
  );
  let closest: ScenarioSpaceResult['closest'] = null;
  if (request.closestTo) {
    const full = resolveTerms(model, request.closestTo.terms);
    const pkg = space.issues.map((issue, i) => issue.options.indexOf(model.issues[i]!.options[full[i]!]!.id));
    const outside = space.issues.filter((_, i) => pkg[i]! < 0).map((issue) => issue.id);
    if (outside.length > 0)
      throw new EntenteError(
        'PROPOSAL_OUTSIDE_ISSUES',
        `The proposal changes ${outside.join(', ')}, which the issue subset keeps at the status quo; add them to the issues or drop the subset.`,
      );
    const proposer = request.closestTo.proposer ?? scope.parties[0]!;
    const found = closestAcceptable(space, pkg, { proposer });
    closest = found ? { ...found, proposer } : null;
  }
  const openingLevers =
    request.openingLevers === false || !analysis.zone.empty
      ? null
      : findOpeningLevers(space, buildSpaceLevers(model, scope));
  return {
    parties: [...scope.parties],
    issues: space.issues.map((i) => i.id),
    levers,
    analysis,
    closest,
    openingLevers,
  };
}

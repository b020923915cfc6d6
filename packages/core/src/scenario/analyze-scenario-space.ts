import { zoneModeFor } from '../acceptance/zone-rule';
import { EntenteError } from '../errors';
import { type OpeningLeversResult, openingLeverSets } from '../levers/scenario-levers';
import { analyzeSpace, type SpaceAnalysis } from '../space/analyze';
import { type ClosestAcceptable, closestAcceptable } from '../space/closest';
import type { ProgressCallback } from '../space/types';
import { applyLevers, isSettlement, type LeverUse, resolveTerms, type ScenarioModel } from './scenario-model';
import { buildScenarioSpace, defaultSpaceParties, type PackageKind } from './scenario-space';

/** What to compute about a scenario's agreement space. */
export interface ScenarioSpaceRequest {
  parties?: readonly string[];
  issues?: readonly string[];
  levers?: readonly LeverUse[];
  /** Largest issue subset searched exhaustively for partial deals (default 2). */
  partialDealSize?: number;
  /** Terms of a proposal whose closest acceptable package is wanted, and who proposes it. */
  closestTo?: { terms: Readonly<Record<string, string>>; proposer: string };
  /** Search the smallest lever combination that opens an empty zone (default true). */
  openingLevers?: boolean;
  onProgress?: ProgressCallback;
  /** Cancels the frontier computations (CANCELLED). */
  signal?: AbortSignal;
}

/** The agreement space of a scenario, with the scenario-level questions answered. */
export interface ScenarioSpaceResult {
  parties: string[];
  issues: string[];
  levers: LeverUse[];
  /**
   * `settlement` when the scenario separates settlements from steps; `steps` when it does but the
   * issues on the table cannot end the fighting (then `analysis` is the steps analysis); else `all`.
   */
  mode: 'settlement' | 'steps' | 'all';
  /** Settlements weighed against walking away (or, in mode `all`, every package). */
  analysis: SpaceAnalysis;
  /**
   * Steps taken while the fighting goes on, weighed against today (strictly better for every party);
   * null in mode `all`, where partial deals come from `analysis`.
   */
  steps: SpaceAnalysis | null;
  closest: (ClosestAcceptable & { proposer: string; kind: PackageKind | 'all' }) | null;
  openingLevers: OpeningLeversResult | null;
  /**
   * Whether part of the answer was cut short: partial-deal subsets not searched or too large (counts
   * in the `partialDealSearch` of `steps`, or of `analysis` in mode `all`). Nothing here is sampled.
   */
  truncated: boolean;
}

/** Whether settlements, only steps, or every package (no settlement defined) are on the table. */
export function spaceMode(model: ScenarioModel, issues: readonly string[] | undefined): ScenarioSpaceResult['mode'] {
  if (!model.hasSettlement) return 'all';
  if (!issues) return 'settlement';
  const open = new Set(issues);
  const settlementIssues = model.issues.filter((_, i) => model.settlementOptions[i]!.some((x) => x === 0));
  return settlementIssues.every((issue) => open.has(issue.id)) ? 'settlement' : 'steps';
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
  const progress = {
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  };
  // Every deal found is kept (there are few); renderers say how many they show.
  const partial = { maxSize: request.partialDealSize ?? 2, minimalOnly: true, limit: Number.MAX_SAFE_INTEGER };
  const mode = spaceMode(model, request.issues);
  const mainKind: PackageKind | undefined = mode === 'all' ? undefined : mode === 'settlement' ? 'settlement' : 'step';
  const mainScope = { ...scope, ...(mainKind ? { kind: mainKind } : {}) };
  const space = buildScenarioSpace(model, mainScope);
  // The zone's test comes from the acceptance module: margin ≥ 0 for settlements, > 0 for steps.
  const stepZone = zoneModeFor('step');
  const stepOptions = { zone: stepZone, partialDeals: { ...partial, zone: stepZone }, ...progress };
  const analysis =
    mode === 'steps'
      ? analyzeSpace(space, stepOptions)
      : analyzeSpace(space, {
          zone: zoneModeFor(mainKind ?? 'all'),
          partialDeals: mode === 'all' ? partial : false,
          ...progress,
        });
  let steps: SpaceAnalysis | null = mode === 'steps' ? analysis : null;
  let stepSpace = space;
  if (mode === 'settlement') {
    stepSpace = buildScenarioSpace(model, { ...scope, kind: 'step' });
    steps = analyzeSpace(stepSpace, stepOptions);
  }
  let closest: ScenarioSpaceResult['closest'] = null;
  if (request.closestTo) {
    const full = resolveTerms(model, request.closestTo.terms);
    const kind: PackageKind | 'all' = mode === 'all' ? 'all' : isSettlement(model, full) ? 'settlement' : 'step';
    if (kind === 'settlement' && mode === 'steps')
      throw new EntenteError(
        'PROPOSAL_OUTSIDE_ISSUES',
        'The proposal is a settlement, but the issue subset keeps the settlement issues as they are; add them to the issues.',
      );
    const target = kind === 'step' ? stepSpace : space;
    const pkg = target.issues.map((issue, i) => issue.options.indexOf(model.issues[i]!.options[full[i]!]!.id));
    const outside = target.issues.filter((_, i) => pkg[i]! < 0).map((issue) => issue.id);
    if (outside.length > 0)
      throw new EntenteError(
        'PROPOSAL_OUTSIDE_ISSUES',
        `The proposal changes ${outside.join(', ')}, which the issue subset keeps at the status quo; add them to the issues or drop the subset.`,
      );
    const proposer = request.closestTo.proposer;
    const found = closestAcceptable(target, pkg, { proposer, zone: zoneModeFor(kind) });
    closest = found ? { ...found, proposer, kind } : null;
  }
  const openingLevers =
    request.openingLevers === false || mode === 'steps' || !analysis.zone.empty
      ? null
      : openingLeverSets(model, mainScope);
  return {
    parties: [...scope.parties],
    issues: space.issues.map((i) => i.id),
    levers,
    mode,
    analysis,
    steps,
    closest,
    openingLevers,
    truncated: Boolean((steps ?? analysis).partialDealSearch?.truncated),
  };
}

import { leversToClose } from '../levers/scenario-levers';
import { type BacktestResult, backtest } from '../scenario/backtest';
import { type ActorEvaluation, evaluatePackage } from '../scenario/evaluate-proposal';
import { resolveTerms, type ScenarioModel, utilityOf } from '../scenario/scenario-model';
import type { Evidence, ResponseKind, Scenario } from '../scenario/schema';
import { type ReportWords, reportWords } from '../scenario/vocabulary';
import { notAffected } from './summary';

/** What one party wants, how much each issue matters, where its red lines are, and the sources. */
export interface ActorStake {
  actor: string;
  name: string;
  role: string;
  noDeal: number;
  noDealEvidence: Evidence[];
  /** Utility of the status quo package (every issue as today). */
  statusQuoUtility: number;
  /** Best achievable utility ignoring the others. */
  idealUtility: number;
  issues: { issue: string; weight: number; preferred: string; preferredLabel: string; statusQuoValue: number }[];
  redLines: { issue: string; option: string; label: string; evidence: Evidence[] }[];
}

/** How a recorded proposal fared in the model, and what would have made each refusal a yes. */
export interface ProposalVerdict {
  proposal: string;
  title: string;
  date: string;
  proposers: string[];
  terms: Record<string, string>;
  kind: 'settlement' | 'step';
  /** True when the terms leave every issue as it is today: there is nothing to accept or refuse. */
  noChange: boolean;
  verdicts: (Pick<
    ActorEvaluation,
    | 'actor'
    | 'utility'
    | 'noDeal'
    | 'reference'
    | 'referenceValue'
    | 'margin'
    | 'band'
    | 'stakes'
    | 'answer'
    | 'inZone'
    | 'explanation'
  > & {
    redLinesBroken: string[];
    observed: ResponseKind | null;
  })[];
  /** Whether the package is in the zone (every negotiating party at or above its reference, no red line crossed). */
  inZone: boolean;
  /** Why every party says yes although the package is outside the zone; null when they agree. */
  zoneNote: string | null;
  /** For each party predicted to refuse: the gap and the single levers that would close it (levers module). */
  toClose: {
    actor: string;
    gap: number;
    redLines: string[];
    levers: { id: string; strength: number; maxStrength: number }[];
  }[];
}

/** The structured analysis behind `entente analyze`. */
export interface ScenarioAnalysis {
  /** `settlement`: whether the scenario separates settlements (weighed against walking away) from steps (against today). */
  scenario: { id: string; title: string; asOf: string; description: string; settlement: boolean };
  /** The words the report uses for this negotiation (scenario `vocabulary`, or derived). */
  words: ReportWords;
  sources: { id: string; title: string; outlet: string | null; date: string | null }[];
  counts: Record<'actors' | 'issues' | 'levers' | 'proposals' | 'events' | 'sources' | 'notes', number>;
  actors: { id: string; name: string; role: string }[];
  stakes: ActorStake[];
  issues: {
    id: string;
    name: string;
    statusQuo: string;
    options: { id: string; label: string; position: number }[];
    preferredBy: Record<string, string>;
  }[];
  proposals: ProposalVerdict[];
  backtest: BacktestResult;
  notes: { id: string; kind: string; text: string }[];
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if (values[j]! > values[best]!) best = j;
  return best;
}

/** How many actors, issues, levers, proposals, events, sources and notes a scenario holds. */
export function scenarioCounts(s: Scenario): ScenarioAnalysis['counts'] {
  return {
    actors: s.actors.length,
    issues: s.issues.length,
    levers: s.levers.length,
    proposals: s.proposals.length,
    events: s.events.length,
    sources: s.sources.length,
    notes: s.notes.length,
  };
}

/**
 * Builds the analysis of a scenario: stakes, issues, recorded proposals with verdicts, backtest.
 * @example const analysis = analyzeScenario(buildScenarioModel(scenario));
 */
export function analyzeScenario(model: ScenarioModel): ScenarioAnalysis {
  const s = model.scenario;
  const stakes: ActorStake[] = model.actors.map((a) => {
    const pref = s.preferences[a.actor.id]!;
    const ideal = Int32Array.from(model.issues, (_, i) => argmax(a.values[i]!));
    return {
      actor: a.actor.id,
      name: a.actor.name,
      role: a.actor.role,
      noDeal: a.noDeal,
      noDealEvidence: pref.noDealEvidence,
      statusQuoUtility: utilityOf(a, model.statusQuo),
      idealUtility: utilityOf(a, ideal),
      issues: model.issues
        .map((issue, i) => {
          const j = ideal[i]!;
          return {
            issue: issue.id,
            weight: a.weights[i]!,
            preferred: issue.options[j]!.id,
            preferredLabel: issue.options[j]!.label,
            statusQuoValue: a.values[i]![model.statusQuo[i]!]!,
          };
        })
        .filter((x) => x.weight > 0)
        .sort((x, y) => y.weight - x.weight),
      redLines: pref.redLines.map((r) => ({
        issue: r.issue,
        option: r.option,
        label: model.issues[model.issueIndex.get(r.issue)!]!.options.find((o) => o.id === r.option)!.label,
        evidence: r.evidence,
      })),
    };
  });
  const proposals: ProposalVerdict[] = s.proposals.map((p) => {
    const pkg = resolveTerms(model, p.terms);
    const ev = evaluatePackage(model, pkg);
    return {
      proposal: p.id,
      title: p.title,
      date: p.date,
      proposers: p.proposers,
      terms: p.terms,
      kind: ev.kind,
      noChange: model.issues.every((_, i) => pkg[i] === model.statusQuo[i]),
      verdicts: ev.actors.map((a) => ({
        actor: a.actor,
        utility: a.utility,
        noDeal: a.noDeal,
        reference: a.reference,
        referenceValue: a.referenceValue,
        margin: a.margin,
        band: a.band,
        stakes: a.stakes,
        answer: a.answer,
        inZone: a.inZone,
        explanation: a.explanation,
        redLinesBroken: a.redLinesBroken.map((r) => `${r.issue}=${r.option}`),
        observed: p.responses[a.actor]?.response ?? null,
      })),
      inZone: ev.inZone,
      zoneNote: ev.acceptance.note,
      toClose: ev.actors
        .filter((a) => a.answer === 'rejected' && !notAffected(a))
        .map((a) => {
          const gap = Math.max(0, -a.band - a.margin);
          return {
            actor: a.actor,
            gap,
            redLines: a.redLinesBroken.map((r) => `${r.issue}=${r.option}`),
            levers: a.redLinesBroken.length > 0 ? [] : leversToClose(model, a.actor, pkg),
          };
        }),
    };
  });
  return {
    scenario: { id: s.id, title: s.title, asOf: s.asOf, description: s.description, settlement: Boolean(s.settlement) },
    words: reportWords(s),
    sources: s.sources.map((x) => ({ id: x.id, title: x.title, outlet: x.outlet ?? null, date: x.date ?? null })),
    counts: scenarioCounts(s),
    actors: s.actors.map((a) => ({ id: a.id, name: a.name, role: a.role })),
    stakes,
    issues: model.issues.map((issue, i) => ({
      id: issue.id,
      name: issue.name,
      statusQuo: issue.statusQuo,
      options: issue.options.map((o) => ({ id: o.id, label: o.label, position: o.position })),
      preferredBy: Object.fromEntries(
        model.actors.filter((a) => a.weights[i]! > 0).map((a) => [a.actor.id, issue.options[argmax(a.values[i]!)]!.id]),
      ),
    })),
    proposals,
    backtest: backtest(model),
    notes: s.notes.map((n) => ({ id: n.id, kind: n.kind, text: n.text })),
  };
}

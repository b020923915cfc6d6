import type { AnswerProbabilities } from '../acceptance/answer-probabilities';
import { isYes, type PredictedAnswer } from '../acceptance/answer-rule';
import { modelAsOf } from './as-of';
import { evaluatePackage } from './evaluate-proposal';
import {
  type OutOfSampleResult,
  type ProbabilisticFigure,
  probabilisticFigure,
  type ReliabilityBin,
  reliabilityTable,
} from './out-of-sample';
import { resolveTerms, type ScenarioModel } from './scenario-model';
import type { ResponseKind } from './schema';

/** One predicted-versus-observed answer. */
export interface BacktestComparison {
  proposal: string;
  date: string;
  actor: string;
  /** The answer recorded (never `no_response`: those are not scored). */
  observed: PredictedAnswer;
  predicted: PredictedAnswer;
  /** The answer model's probabilities for this answer. */
  probabilities: AnswerProbabilities;
  match: boolean;
  /** Same side of the line: both say yes (with or without conditions) or both say no. */
  directionMatch: boolean;
  margin: number;
  /** Whether the package lies in the zone (a different question from the answer; see the acceptance module). */
  inZone: boolean;
  issues: string[];
  explanation: string;
}

/** Accuracy over a group of comparisons. */
export interface AccuracyFigure {
  scored: number;
  correct: number;
  accuracy: number;
  /** Share where the model at least got yes-or-no right. */
  directionAccuracy: number;
}

/** Backtest result: every comparison and accuracy overall, per actor and per issue. */
export interface BacktestResult {
  /** These figures score answers that were in view when the preferences were set. */
  label: 'in-sample';
  accuracy: number;
  directionAccuracy: number;
  scored: number;
  correct: number;
  byActor: Record<string, AccuracyFigure>;
  byIssue: Record<string, AccuracyFigure>;
  comparisons: BacktestComparison[];
  /** Observed responses the model cannot score (no preferences for that actor, or no response). */
  skipped: { proposal: string; actor: string; reason: string }[];
  /** A naive yardstick: always predicting the most common observed answer. */
  baseline: { answer: ResponseKind | null; accuracy: number };
  /** The in-sample figures with the answer model's probabilities: Brier, log loss and the reliability table. */
  inSample: ProbabilisticFigure & { reliability: ReliabilityBin[] };
  /** Set when the backtest keeps the scored answers out of the fit (`--split-date`, `--rolling`, `--loo`, `--record`). */
  outOfSample?: OutOfSampleResult;
}

/** Accuracy of always predicting the most common observed answer (ties go to the first seen). */
function majorityBaseline(comparisons: BacktestComparison[]): BacktestResult['baseline'] {
  const counts = new Map<ResponseKind, number>();
  for (const c of comparisons) counts.set(c.observed, (counts.get(c.observed) ?? 0) + 1);
  let best: ResponseKind | null = null;
  for (const [answer, n] of counts) if (best === null || n > counts.get(best)!) best = answer;
  return { answer: best, accuracy: best === null ? 0 : counts.get(best)! / comparisons.length };
}

function figure(items: BacktestComparison[]): AccuracyFigure {
  const correct = items.filter((c) => c.match).length;
  const direction = items.filter((c) => c.directionMatch).length;
  return {
    scored: items.length,
    correct,
    accuracy: items.length ? correct / items.length : 0,
    directionAccuracy: items.length ? direction / items.length : 0,
  };
}

/**
 * Replays every recorded proposal through the model and compares predicted with observed answers.
 * @example backtest(buildScenarioModel(scenario)).accuracy
 */
export function backtest(model: ScenarioModel): BacktestResult {
  const comparisons: BacktestComparison[] = [];
  const skipped: BacktestResult['skipped'] = [];
  for (const proposal of model.scenario.proposals) {
    const entries = Object.entries(proposal.responses);
    if (entries.length === 0) continue;
    // Each proposal is weighed with the stances in force on its date, and knowing who made it.
    const dated = modelAsOf(model, proposal.date, true);
    const evaluation = evaluatePackage(dated, resolveTerms(dated, proposal.terms), undefined, {
      proposers: proposal.proposers,
      asOf: proposal.date,
    });
    for (const [actorId, observed] of entries) {
      if (observed.response === 'no_response') {
        skipped.push({ proposal: proposal.id, actor: actorId, reason: 'no response was observed' });
        continue;
      }
      const verdict = evaluation.actors.find((a) => a.actor === actorId);
      if (!verdict) {
        skipped.push({ proposal: proposal.id, actor: actorId, reason: 'the actor has no preferences in the scenario' });
        continue;
      }
      comparisons.push({
        proposal: proposal.id,
        date: proposal.date,
        actor: actorId,
        observed: observed.response,
        predicted: verdict.answer,
        probabilities: verdict.probabilities,
        match: observed.response === verdict.answer,
        directionMatch: isYes(observed.response) === isYes(verdict.answer),
        margin: verdict.margin,
        inZone: evaluation.inZone,
        issues: Object.keys(proposal.terms),
        explanation: verdict.explanation,
      });
    }
  }
  const overall = figure(comparisons);
  const byActor: Record<string, AccuracyFigure> = {};
  for (const actor of new Set(comparisons.map((c) => c.actor)))
    byActor[actor] = figure(comparisons.filter((c) => c.actor === actor));
  const byIssue: Record<string, AccuracyFigure> = {};
  for (const issue of new Set(comparisons.flatMap((c) => c.issues)))
    byIssue[issue] = figure(comparisons.filter((c) => c.issues.includes(issue)));
  return {
    label: 'in-sample',
    accuracy: overall.accuracy,
    directionAccuracy: overall.directionAccuracy,
    scored: overall.scored,
    correct: overall.correct,
    byActor,
    byIssue,
    comparisons,
    skipped,
    baseline: majorityBaseline(comparisons),
    inSample: { ...probabilisticFigure(comparisons), reliability: reliabilityTable(comparisons) },
  };
}

import type { AnswerModelParams, AnswerProbabilities } from '../acceptance/answer-probabilities';
import {
  answerProbabilities,
  DEFAULT_ANSWER_MODEL,
  mostProbableAnswer,
  probabilityOfYes,
} from '../acceptance/answer-probabilities';
import { isYes, type PredictedAnswer } from '../acceptance/answer-rule';
import {
  type AnswerObservation,
  type FreeParameters,
  fitAnswerModel,
  probabilityOfObserved,
} from '../acceptance/fit-answer-model';
import { changedIssues, partyAcceptance } from '../acceptance/package-acceptance';
import { EntenteError } from '../errors';
import { modelAsOf } from './as-of';
import { dateRange } from './partial-date';
import { isSettlement, resolveTerms, type ScenarioModel } from './scenario-model';
import type { Proposal } from './schema';

/** One recorded answer with the features the answer model reads (they do not depend on its parameters). */
export interface RecordedAnswer extends AnswerObservation {
  proposal: string;
  date: string;
  actor: string;
  /** Issues the proposal names. */
  issues: string[];
  margin: number;
}

/** An answer scored by a model that did not see it. */
export interface ScoredAnswer {
  proposal: string;
  date: string;
  actor: string;
  observed: PredictedAnswer;
  predicted: PredictedAnswer;
  probabilities: AnswerProbabilities;
  /** Answers the model was fitted on before predicting this one. */
  trainingAnswers: number;
  /** What the baselines, fitted on the same training answers, predicted. */
  baselines: { majority: PredictedAnswer; perPartyMajority: PredictedAnswer };
  issues: string[];
  margin: number;
}

/** Accuracy, Brier score and log loss over a group of scored answers. */
export interface ProbabilisticFigure {
  n: number;
  /** Accept-ish (accepted, with or without conditions) against rejected. */
  accuracy: number;
  /** The three answers told apart. */
  accuracy3: number;
  /** Multi-class Brier score: mean over answers of Σ (p − observed)² over the three answers (0 best, 2 worst). */
  brier: number;
  /** Mean −ln p(observed answer), with probabilities floored at 1e-6. */
  logLoss: number;
}

/** One bin of the reliability table: predicted probability of a yes against the observed share. */
export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  meanPredicted: number;
  observedYes: number;
}

export type OutOfSampleMode = 'split' | 'rolling' | 'loo' | 'record';

/** Out-of-sample figures: every answer scored by a model fitted only on other answers. */
export interface OutOfSampleResult extends ProbabilisticFigure {
  label: 'out-of-sample';
  mode: OutOfSampleMode;
  splitDate: string | null;
  /** Baselines fitted on the same training answers, scored on the same answers (accept-ish vs rejected, and 3-class). */
  baselines: { majority: number; perPartyMajority: number };
  baselines3: { majority: number; perPartyMajority: number };
  byActor: Record<string, ProbabilisticFigure>;
  byIssue: Record<string, ProbabilisticFigure>;
  reliability: ReliabilityBin[];
  answers: ScoredAnswer[];
  skipped: { proposal: string; actor: string; reason: string }[];
  /** The answer model fitted on the largest training set used (every fit is regularised toward the defaults). */
  lastFit: { answers: number; params: AnswerModelParams } | null;
}

/** The answers recorded on `proposals`, each with the answer model's features (no_response is left out). */
export function recordedAnswers(
  base: ScenarioModel,
  proposals: readonly Proposal[],
  terms: Partial<Record<AnswerTerm, boolean>> = DEFAULT_TERMS,
): { answers: RecordedAnswer[]; skipped: OutOfSampleResult['skipped'] } {
  const answers: RecordedAnswer[] = [];
  const skipped: OutOfSampleResult['skipped'] = [];
  for (const proposal of proposals) {
    const entries = Object.entries(proposal.responses);
    if (entries.length === 0) continue;
    // The stances in force on the proposal's date (a later record uses the scenario's last known ones).
    const model = terms.changes === false ? base : modelAsOf(base, proposal.date, true);
    const pkg = resolveTerms(model, proposal.terms);
    const changed = changedIssues(model, pkg);
    const settlement = isSettlement(model, pkg);
    for (const [actorId, observed] of entries) {
      if (observed.response === 'no_response') {
        skipped.push({ proposal: proposal.id, actor: actorId, reason: 'no response was observed' });
        continue;
      }
      const actor = model.actors.find((a) => a.actor.id === actorId);
      if (!actor) {
        skipped.push({ proposal: proposal.id, actor: actorId, reason: 'the actor has no preferences in the scenario' });
        continue;
      }
      const standing = partyAcceptance(
        model,
        actor,
        pkg,
        changed,
        settlement,
        terms.proposers === false ? undefined : proposal.proposers,
      );
      answers.push({
        proposal: proposal.id,
        date: proposal.date,
        actor: actorId,
        issues: Object.keys(proposal.terms),
        margin: standing.margin,
        features: standing.features,
        observed: observed.response,
      });
    }
  }
  return { answers, skipped };
}

/** The most frequent answer (ties go to the answer seen first), or null when there is none. */
function majority<T>(items: readonly T[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  for (const item of items) {
    const n = (counts.get(item) ?? 0) + 1;
    counts.set(item, n);
    if (best === null || n > counts.get(best)!) best = item;
  }
  return best;
}

/** The training side's majority answer overall and per party (a party not seen takes the overall one). */
function fitBaselines(training: readonly RecordedAnswer[], actor: string): ScoredAnswer['baselines'] {
  const overall = majority(training.map((a) => a.observed))!;
  const mine = majority(training.filter((a) => a.actor === actor).map((a) => a.observed));
  return { majority: overall, perPartyMajority: mine ?? overall };
}

/** Scores one answer with a model and baselines fitted on `training` only. */
function scoreWith(training: readonly RecordedAnswer[], test: RecordedAnswer, params: AnswerModelParams): ScoredAnswer {
  const probabilities = answerProbabilities(test.features, params);
  return {
    proposal: test.proposal,
    date: test.date,
    actor: test.actor,
    observed: test.observed,
    predicted: mostProbableAnswer(probabilities),
    probabilities,
    trainingAnswers: training.length,
    baselines: fitBaselines(training, test.actor),
    issues: test.issues,
    margin: test.margin,
  };
}

const ANSWERS: readonly PredictedAnswer[] = ['accepted', 'accepted_with_conditions', 'rejected'];

/** Accuracy, Brier and log loss of scored answers. */
export function probabilisticFigure(
  items: readonly Pick<ScoredAnswer, 'observed' | 'predicted' | 'probabilities'>[],
): ProbabilisticFigure {
  let correct = 0;
  let correct3 = 0;
  let brier = 0;
  let logLoss = 0;
  for (const a of items) {
    if (isYes(a.predicted) === isYes(a.observed)) correct++;
    if (a.predicted === a.observed) correct3++;
    for (const k of ANSWERS) brier += (a.probabilities[k] - (k === a.observed ? 1 : 0)) ** 2;
    logLoss -= Math.log(probabilityOfObserved(a.probabilities, a.observed));
  }
  const n = items.length;
  return {
    n,
    accuracy: n ? correct / n : 0,
    accuracy3: n ? correct3 / n : 0,
    brier: n ? brier / n : 0,
    logLoss: n ? logLoss / n : 0,
  };
}

/** Predicted probability of a yes, in ten bins, against the share of yes observed. */
export function reliabilityTable(
  items: readonly Pick<ScoredAnswer, 'observed' | 'probabilities'>[],
  bins = 10,
): ReliabilityBin[] {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    n: 0,
    meanPredicted: 0,
    observedYes: 0,
  }));
  for (const a of items) {
    const p = probabilityOfYes(a.probabilities);
    const bin = out[Math.min(bins - 1, Math.floor(p * bins))]!;
    bin.n++;
    bin.meanPredicted += p;
    bin.observedYes += isYes(a.observed) ? 1 : 0;
  }
  for (const bin of out) {
    if (bin.n === 0) continue;
    bin.meanPredicted /= bin.n;
    bin.observedYes /= bin.n;
  }
  return out.filter((bin) => bin.n > 0);
}

/** The answer model's optional terms and whether backtests and calibration fit them by default. */
export type AnswerTerm = 'changes' | 'proposers' | 'redLinePenalty' | 'leverage' | 'holdOut';

/**
 * Terms on by default: a term stays on only if it improved the rolling backtest on the flagship and
 * the port-strike example (see the ablation tables in scenarios/ukraine-2025/README.md); the rest
 * are switched on with `--terms`.
 */
export const DEFAULT_TERMS: Readonly<Record<AnswerTerm, boolean>> = Object.freeze({
  changes: true,
  redLinePenalty: true,
  proposers: false,
  leverage: false,
  holdOut: false,
});

/** The answer-model parameters a fit may move when these terms are on. */
export function freeParametersOf(terms: Readonly<Record<AnswerTerm, boolean>>): FreeParameters {
  return {
    redLinePenalty: terms.redLinePenalty,
    adversaryDevaluation: terms.proposers,
    partnerEngagement: terms.proposers,
    leverageWeight: terms.leverage,
    holdOutPenalty: terms.holdOut,
  };
}

/** Reads term names as the command line writes them (`red-line-penalty`), each named term on and the others off. */
export function parseTermNames(names: readonly string[] | undefined): Record<AnswerTerm, boolean> {
  if (!names) return { ...DEFAULT_TERMS };
  const known = Object.keys(DEFAULT_TERMS) as AnswerTerm[];
  const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  for (const n of names)
    if (!known.some((k) => kebab(k) === n))
      throw new EntenteError(
        'INVALID_PARAMS',
        `Unknown answer-model term "${n}"; use some of: ${known.map(kebab).join(', ')}.`,
      );
  return Object.fromEntries(known.map((k) => [k, names.includes(kebab(k))])) as Record<AnswerTerm, boolean>;
}

/** How a backtest keeps the scored answers out of the fit. */
export interface OutOfSampleOptions {
  mode: OutOfSampleMode;
  /** `split`: fit on proposals wholly before this date, score those from it on; `record`: fit only on answers before it. */
  splitDate?: string | undefined;
  /** `record`: the proposals (with answers) to score, kept apart from the scenario. */
  record?: readonly Proposal[] | undefined;
  /** Refit the answer model on each training set (default); false keeps the published defaults. */
  refit?: boolean | undefined;
  /** Switch terms off for an ablation: dated changes, who proposed, the red-line penalty (red lines then count for nothing). */
  terms?: Partial<Record<AnswerTerm, boolean>> | undefined;
  signal?: AbortSignal | undefined;
}

/** True when every day of a's date lies before the first day of b's. */
const whollyBefore = (a: string, b: string): boolean => dateRange(a).end < dateRange(b).start;

/**
 * Scores recorded answers with models fitted only on other answers: before a date (`split`), on
 * every earlier proposal (`rolling`), on every other proposal (`loo`), or on the whole scenario for a
 * separate record (`record`). Baselines are fitted on the same training answers.
 * @example outOfSampleBacktest(model, { mode: 'rolling' }).accuracy
 */
export function outOfSampleBacktest(model: ScenarioModel, options: OutOfSampleOptions): OutOfSampleResult {
  const terms = { ...DEFAULT_TERMS, ...options.terms };
  const { answers: recorded, skipped } = recordedAnswers(model, model.scenario.proposals, terms);
  const prior: AnswerModelParams = {
    ...DEFAULT_ANSWER_MODEL,
    ...(terms.redLinePenalty === false ? { redLinePenalty: 0 } : {}),
  };
  const free = freeParametersOf(terms);
  const fitOn = (training: readonly RecordedAnswer[]): AnswerModelParams =>
    options.refit === false || training.length === 0 ? prior : fitAnswerModel(training, prior, free).params;
  const scored: ScoredAnswer[] = [];
  let lastFit: OutOfSampleResult['lastFit'] = null;
  const note = (training: readonly RecordedAnswer[], params: AnswerModelParams) => {
    if (!lastFit || training.length >= lastFit.answers) lastFit = { answers: training.length, params };
  };
  const groups = new Map<string, RecordedAnswer[]>();
  for (const a of recorded) groups.set(a.proposal, [...(groups.get(a.proposal) ?? []), a]);
  if (options.mode === 'split' || options.mode === 'record') {
    const split = options.splitDate;
    if (options.mode === 'split' && !split)
      throw new EntenteError('INVALID_PARAMS', 'A split backtest needs a date: pass --split-date YYYY-MM-DD.');
    const training = split ? recorded.filter((a) => whollyBefore(a.date, split)) : recorded;
    const tests =
      options.mode === 'record'
        ? recordedAnswers(model, options.record ?? [], terms).answers
        : recorded.filter((a) => !whollyBefore(a.date, split!));
    if (options.mode === 'split')
      for (const a of recorded)
        if (!whollyBefore(a.date, split!) && dateRange(a.date).start < dateRange(split!).start)
          skipped.push({ proposal: a.proposal, actor: a.actor, reason: `its date ${a.date} straddles the split date` });
    const params = fitOn(training);
    note(training, params);
    for (const test of tests) {
      if (options.mode === 'split' && dateRange(test.date).start < dateRange(split!).start) continue;
      if (training.length === 0) {
        skipped.push({ proposal: test.proposal, actor: test.actor, reason: 'no earlier answers to fit on' });
        continue;
      }
      scored.push(scoreWith(training, test, params));
    }
  } else {
    for (const [proposal, tests] of groups) {
      options.signal?.throwIfAborted();
      const date = tests[0]!.date;
      const training =
        options.mode === 'rolling'
          ? recorded.filter((a) => whollyBefore(a.date, date))
          : recorded.filter((a) => a.proposal !== proposal);
      if (training.length === 0) {
        for (const t of tests)
          skipped.push({ proposal: t.proposal, actor: t.actor, reason: 'no earlier answers to fit on' });
        continue;
      }
      const params = fitOn(training);
      note(training, params);
      for (const test of tests) scored.push(scoreWith(training, test, params));
    }
  }
  const baselineScore = (pick: 'majority' | 'perPartyMajority', three: boolean) =>
    scored.length === 0
      ? 0
      : scored.filter((a) =>
          three ? a.baselines[pick] === a.observed : isYes(a.baselines[pick]) === isYes(a.observed),
        ).length / scored.length;
  const group = (key: (a: ScoredAnswer) => string[]): Record<string, ProbabilisticFigure> => {
    const out: Record<string, ProbabilisticFigure> = {};
    for (const k of [...new Set(scored.flatMap(key))].sort())
      out[k] = probabilisticFigure(scored.filter((a) => key(a).includes(k)));
    return out;
  };
  return {
    label: 'out-of-sample',
    mode: options.mode,
    splitDate: options.splitDate ?? null,
    ...probabilisticFigure(scored),
    baselines: {
      majority: baselineScore('majority', false),
      perPartyMajority: baselineScore('perPartyMajority', false),
    },
    baselines3: {
      majority: baselineScore('majority', true),
      perPartyMajority: baselineScore('perPartyMajority', true),
    },
    byActor: group((a) => [a.actor]),
    byIssue: group((a) => a.issues),
    reliability: reliabilityTable(scored),
    answers: scored,
    skipped,
    lastFit,
  };
}

/** One row of an ablation table: the backtest with every term, and without this one. */
export interface AblationRow {
  term: AnswerTerm;
  description: string;
  with: { accuracy: number; accuracy3: number; brier: number; n: number };
  without: { accuracy: number; accuracy3: number; brier: number; n: number };
}

const TERM_DESCRIPTIONS: Record<AblationRow['term'], string> = {
  changes: 'dated changes of stance and of the status quo',
  proposers: "who proposes (an adversary's offer devalued, a partner's plan engaged with)",
  redLinePenalty: 'the red-line penalty (without it a soft red line counts for nothing)',
  leverage: "what a step does to a party's position away from the table",
  holdOut: 'a party holding out for a larger package discounting a step',
};

/**
 * Runs the out-of-sample backtest with every term and once without each, so a term earns its place
 * by what it does to answers the model has not seen.
 */
export function ablationTable(
  model: ScenarioModel,
  options: OutOfSampleOptions,
  baseResult?: OutOfSampleResult,
): AblationRow[] {
  const pick = (r: OutOfSampleResult) => ({ accuracy: r.accuracy, accuracy3: r.accuracy3, brier: r.brier, n: r.n });
  const base = { ...DEFAULT_TERMS, ...options.terms };
  // The run with the terms as they are serves every row's side that matches it: one backtest saved per term.
  const asIs = pick(baseResult ?? outOfSampleBacktest(model, { ...options, terms: base }));
  const run = (term: AnswerTerm, on: boolean) =>
    base[term] === on ? asIs : pick(outOfSampleBacktest(model, { ...options, terms: { ...base, [term]: on } }));
  return (Object.keys(TERM_DESCRIPTIONS) as AnswerTerm[]).map((term) => ({
    term,
    description: TERM_DESCRIPTIONS[term],
    with: run(term, true),
    without: run(term, false),
  }));
}

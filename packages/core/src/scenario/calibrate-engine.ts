import { stringify } from 'yaml';
import { z } from 'zod';
import { DEFAULT_ANSWER_MODEL } from '../acceptance/answer-probabilities';
import { ANSWER_MODEL_PRIOR_SD, type AnswerModelFit, fitAnswerModel } from '../acceptance/fit-answer-model';
import { IdListParam } from '../engine/param-forms';
import { loadScenarioSource, SCENARIO_INPUT } from '../engine/scenario-input';
import { defineEngine } from '../engine/types';
import { EntenteError } from '../errors';
import { formatTable } from '../report/format-table';
import { freeParametersOf, parseTermNames, recordedAnswers } from './out-of-sample';
import { dateRange } from './partial-date';
import { PartialDateSchema } from './schema';

/** What `calibrate` answers: the fitted answer model, its fit statistics and the YAML block to put in the scenario. */
export interface CalibrateResult extends AnswerModelFit {
  until: string | null;
  defaults: typeof DEFAULT_ANSWER_MODEL;
  prior: typeof ANSWER_MODEL_PRIOR_SD;
  /** The `answerModel:` block to add to the scenario file. */
  yaml: string;
}

/** Fits the answer model on a scenario's recorded answers (those before `until`, when given). */
export const calibrateEngine = defineEngine({
  id: 'calibrate',
  title: 'Calibrate the answer model',
  summary:
    "Fit the answer model's parameters (scale, red-line penalty, shift, band factor, adversary devaluation, partner engagement) by regularised maximum likelihood on the recorded answers, and print the answerModel block to add to the scenario",
  input: SCENARIO_INPUT,
  params: z
    .object({
      until: PartialDateSchema.optional().describe(
        'fit only on proposals wholly before this date (keep later ones for testing)',
      ),
      terms: IdListParam.optional().describe(
        'answer-model terms to fit: changes, red-line-penalty, proposers, leverage, hold-out (default: changes,red-line-penalty)',
      ),
    })
    .strict(),
  result: z
    .object({
      params: z.object({
        scale: z.number(),
        redLinePenalty: z.number(),
        shift: z.number(),
        bandFactor: z.number(),
        adversaryDevaluation: z.number(),
        partnerEngagement: z.number(),
        leverageWeight: z.number(),
        holdOutPenalty: z.number(),
      }),
      answers: z.number(),
      logLikelihood: z.number(),
      logLikelihoodAtDefaults: z.number(),
      yaml: z.string(),
    })
    .loose(),
  load: (sources) => loadScenarioSource(sources[0]!),
  run: (input, params): CalibrateResult => {
    const until = params.until;
    const terms = parseTermNames(params.terms);
    const all = recordedAnswers(input.model, input.model.scenario.proposals, terms).answers;
    const answers = until ? all.filter((a) => dateRange(a.date).end < dateRange(until).start) : all;
    if (answers.length === 0)
      throw new EntenteError(
        'INVALID_PARAMS',
        until
          ? `No recorded answer lies wholly before ${until}; choose a later --until.`
          : 'The scenario records no answers to fit on.',
      );
    const prior = { ...DEFAULT_ANSWER_MODEL, ...(terms.redLinePenalty ? {} : { redLinePenalty: 0 }) };
    const fit = fitAnswerModel(answers, prior, freeParametersOf(terms));
    const block = {
      answerModel: {
        scale: Number(fit.params.scale.toPrecision(4)),
        redLinePenalty: Number(fit.params.redLinePenalty.toPrecision(4)),
        shift: Number(fit.params.shift.toPrecision(4)),
        bandFactor: Number(fit.params.bandFactor.toPrecision(4)),
        adversaryDevaluation: Number(fit.params.adversaryDevaluation.toPrecision(4)),
        partnerEngagement: Number(fit.params.partnerEngagement.toPrecision(4)),
        leverageWeight: Number(fit.params.leverageWeight.toPrecision(4)),
        holdOutPenalty: Number(fit.params.holdOutPenalty.toPrecision(4)),
        fit: {
          ...(until ? { until } : {}),
          answers: fit.answers,
          logLikelihood: Number(fit.logLikelihood.toFixed(4)),
        },
      },
    };
    return {
      ...fit,
      until: until ?? null,
      defaults: DEFAULT_ANSWER_MODEL,
      prior: ANSWER_MODEL_PRIOR_SD,
      yaml: stringify(block),
    };
  },
  render: (r) => {
    const se = r.standardErrors;
    const logScale = new Set(['scale', 'redLinePenalty', 'bandFactor']);
    const rows = [
      ['parameter', 'default', 'fitted', 'std. error (fitting scale)'],
      ...(Object.keys(r.defaults) as (keyof typeof r.defaults)[]).map((k) => [
        k,
        String(r.defaults[k]),
        r.params[k].toFixed(4),
        se?.[k] === undefined ? '-' : `${logScale.has(k) ? 'log ' : ''}±${se[k]!.toFixed(3)}`,
      ]),
    ];
    return [
      `Answer model fitted on ${r.answers} recorded answers${r.until ? ` before ${r.until}` : ''} (regularised toward the defaults; ${r.converged ? 'converged' : 'NOT converged'} in ${r.iterations} iterations).`,
      formatTable(rows),
      `Log-likelihood: ${r.logLikelihood.toFixed(3)} fitted, ${r.logLikelihoodAtDefaults.toFixed(3)} at the defaults.`,
      '',
      'Add this block to the scenario to use the fitted parameters:',
      '',
      r.yaml,
    ].join('\n');
  },
});

export { weightedMean, weightedMedian } from './baselines';
export {
  BDM_DEFAULTS,
  type BdmMove,
  type BdmMoveKind,
  type BdmParameters,
  type BdmResult,
  bdmRoundQuantities,
  runBdm,
} from './bdm';
export { forecastEngine, renderForecast } from './forecast-engine';
export { loadForecastSource, parseKtabCsv, parseKtabXml, scenarioToCase } from './load-case';
export {
  DEFAULT_UNCERTAINTY,
  drawSeed,
  monteCarlo,
  quantile as forecastQuantile,
  type Uncertainty,
} from './monte-carlo';
export {
  type ConformalCalibration,
  calibrateConformal,
  conformalHalfWidth,
  conformalInterval,
} from './predictive';
export {
  FORECAST_MODELS,
  type ForecastEntry,
  type ForecastIssueView,
  type ForecastModel,
  type ForecastOptions,
  type ForecastResult,
  forecastIssue,
  type IntervalEntry,
  KTAB_DEFAULT_DRAWS,
  type MoveEntry,
  type OptionEntry,
  planForecastTasks,
  runForecast,
  runForecastSplit,
  type SensitivityEntry,
  type TrajectoryEntry,
} from './run-forecast';
export { type ForecastSplitter, type ForecastTask, runForecastTask } from './split';
export { type ForecastCase, type Issue1D, issueOf } from './types';
export { isBinaryIssue, nashVote, normalCdf, voteForecast, voteMoments } from './vote';

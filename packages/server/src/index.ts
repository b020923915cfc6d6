export {
  type AnalysisOutcome,
  type AnalysisRunner,
  type AnalysisTask,
  reportingContext,
  runAnalysisTask,
  runAnalysisTaskSafely,
  type ScenarioSource,
  unwrapOutcome,
} from './analysis-tasks';
export { type AppDeps, createApp, type EntenteApp } from './app';
export { type ErrorBody, HttpError, toErrorResponse } from './http-error';
export type { JobContext } from './jobs';
export { type JobEvent, JobManager, type JobStatus, type JobView } from './jobs';
export { loadScenarioFiles, readSourcesBeside, type SourceReader } from './load-scenario-files';
export { type RunningServer, startServer } from './node-server';
export { buildScenarioEntry, type ScenarioEntry, ScenarioRegistry, type SourceTexts } from './scenario-registry';

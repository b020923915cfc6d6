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
// AppType is the API's type for hono's typed client (`hc<AppType>`): every route's request and response types.
export type { ApiApp as AppType } from './app';
export { type ApiApp, type AppDeps, createApp, type EntenteApp, routeDocs } from './app';
export { type ErrorBody, HttpError, toErrorResponse } from './http-error';
export type { JobContext } from './jobs';
export { type JobEvent, JobManager, type JobStatus, type JobView } from './jobs';
export { loadScenarioFiles, readScenarioSources, type SourceReader } from './load-scenario-files';
export { type RunningServer, startServer } from './node-server';
export { jsonBody, openApiDocument, queryOf, type RouteDoc } from './route';
export type { RouteContext, RouteDocs } from './routes/context';
export { buildScenarioEntry, type ScenarioEntry, ScenarioRegistry, type SourceTexts } from './scenario-registry';
export { createServerJobRunner, type ServerJobStats } from './workers/server-job-runner';

export {
  loadScenarioFile,
  readScenarioSource,
  readSourceTexts,
  readTextFile,
  resolveScenarioPath,
  sourceFolders,
  type ValidationReport,
  validateScenarioFile,
} from './load-scenario';
export { lookupStaticFile, type StaticLookup } from './static-files';
export * from './sweep';
export { createForecastSplitter } from './workers/forecast-splitter';
export { createGmcrSplitter, GMCR_WORKER_MIN_STATES, gmcrWorkerEntry, wantsWorkers } from './workers/gmcr-splitter';
export type { GmcrWorkerJob } from './workers/gmcr-task-worker';
export { createExtractionPool, defaultExtractionThreads, type ExtractionPool } from './workers/ingest-extract-pool';
export type { ExtractTask } from './workers/ingest-extract-worker';
export { createSpaceSplitter } from './workers/space-splitter';
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from './workers/worker-pool';
export { tsxLoaderUrl, type WorkerScript, workerScript } from './workers/worker-script';

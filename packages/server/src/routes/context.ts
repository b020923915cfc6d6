import type { EngineRegistry } from '@entente/core';
import type { EvidenceStore } from '@entente/store';
import type { AnalysisRunner } from '../analysis-tasks';
import type { AppDeps } from '../app';
import type { JobManager } from '../jobs';
import type { RouteDoc } from '../route';
import type { ScenarioRegistry } from '../scenario-registry';

/** What every route module may use: one object, so that a new module needs no new wiring in app.ts. */
export interface RouteContext {
  /** The registered engines (built-in ones, plus any the embedding program adds). */
  engines: EngineRegistry;
  registry: ScenarioRegistry;
  jobs: JobManager;
  /** The evidence store, opened on first use; throws a 503 STORE_UNAVAILABLE when the server has none. */
  store(): Promise<EvidenceStore>;
  /** Runs the long analyses of jobs (in this thread, or in worker threads under `entente serve`). */
  runAnalysis: AnalysisRunner;
  deps: AppDeps;
  now: () => Date;
}

/** A table of route documents keyed by handler name; the routes read their paths and schemas from it. */
export type RouteDocs = Record<string, RouteDoc>;

import { createEngineRegistry, type EngineRegistry, type ErrorCode, runEngine, type SourceText } from '@entente/core';
import { HttpError, type HttpStatus, toErrorResponse } from './http-error';
import type { JobContext } from './jobs';
import { buildScenarioEntry, type ScenarioEntry } from './scenario-registry';
import {
  analyzeGmcrModel,
  closestPackage,
  documentGmcrModel,
  type GmcrRequest,
  gmcrAnswerJson,
  openingLevers,
  partialDeals,
  scenarioGmcrModel,
  scenarioSpaceReport,
} from './scenario-services';
import type { ClosestBody, GmcrBody, OpeningLeversBody, PartialDealsBody, SpaceBody } from './schemas';

/** A scenario as a task carries it to another thread: its file name and text. */
export interface ScenarioSource {
  id: string;
  file: string;
  text: string;
}

/** Long analysis work that may run in a worker thread; everything in it survives structured cloning. */
export type AnalysisTask =
  | { kind: 'space'; scenario: ScenarioSource; params: SpaceBody; budgetMs?: number }
  | { kind: 'opening-levers'; scenario: ScenarioSource; params: OpeningLeversBody; budgetMs?: number }
  | { kind: 'partial-deals'; scenario: ScenarioSource; params: PartialDealsBody; budgetMs?: number }
  | { kind: 'closest'; scenario: ScenarioSource; params: ClosestBody; budgetMs?: number }
  | { kind: 'gmcr'; scenario: ScenarioSource; params: GmcrBody }
  | GmcrAnswerTask
  | EngineTask;

/**
 * A synchronous GMCR route's work: the model (a scenario's section or an uploaded document), the
 * request, and the route's time budget; its result is the answer's JSON text, serialised off the event loop.
 */
export interface GmcrAnswerTask {
  kind: 'gmcr-answer';
  model: { scenario: ScenarioSource } | { document: unknown };
  request: GmcrRequest;
  /** Stop the work after this long (the runner answers TIME_BUDGET_EXCEEDED). */
  budgetMs?: number;
}

/** A run of a registered engine: its id, the files' texts and the raw parameters (checked by the engine's schema). */
export interface EngineTask {
  kind: 'engine';
  engine: string;
  sources: SourceText[];
  params: unknown;
  seed: number;
  /** Stop the work after this long (the runner answers TIME_BUDGET_EXCEEDED). */
  budgetMs?: number;
}

/** Runs an engine task with a job's context (progress and cancel); the engine comes from `engines`. */
export async function runEngineTask(task: EngineTask, engines: EngineRegistry, ctx?: JobContext): Promise<unknown> {
  const run = await runEngine(engines.get(task.engine), task.sources, task.params, {
    seed: task.seed,
    ...(ctx
      ? { signal: ctx.signal, progress: (fraction: number, phase?: string) => ctx.progress(fraction, phase) }
      : {}),
  });
  return { engine: run.engine, params: run.params, result: run.result };
}

/** Runs an analysis task for a job: in this thread (tests, small servers) or on a pool of worker threads. */
export type AnalysisRunner = (task: AnalysisTask, ctx: JobContext) => Promise<unknown>;

/** What a worker thread sends back: the result as JSON text, or the error as the API would answer it. */
export type AnalysisOutcome =
  | { ok: true; json: string }
  | { ok: false; status: HttpStatus; code: ErrorCode; message: string; details: unknown; internal?: string };

type Usable = ScenarioEntry & {
  scenario: NonNullable<ScenarioEntry['scenario']>;
  model: NonNullable<ScenarioEntry['model']>;
};

function usableEntry(source: ScenarioSource): Usable {
  // Quotes were checked when the server loaded the scenario; the analysis needs the structure only.
  const entry = buildScenarioEntry(source.file, source.text);
  if (!entry.scenario || !entry.model)
    throw new HttpError(
      'SCENARIO_INVALID',
      `Scenario "${source.id}" (${source.file}) does not validate; fix the problems listed in details.issues first.`,
      { issues: entry.issues },
    );
  return { ...entry, id: source.id } as Usable;
}

/** Runs one analysis task on a scenario entry (parsed from the task's text when none is given). */
export function runAnalysisTask(task: AnalysisTask, ctx?: JobContext, entry?: Usable): unknown {
  // Worker threads know the built-in engines; engines added at run time run in the server's thread.
  if (task.kind === 'engine') return runEngineTask(task, createEngineRegistry(), ctx);
  if (task.kind === 'gmcr-answer') {
    const source = task.model;
    const model =
      'document' in source
        ? documentGmcrModel(source.document)
        : scenarioGmcrModel(entry ?? usableEntry(source.scenario));
    return gmcrAnswerJson(model, task.request, ctx);
  }
  const scenario = entry ?? usableEntry(task.scenario);
  switch (task.kind) {
    case 'space':
      return scenarioSpaceReport(scenario, task.params, ctx);
    case 'opening-levers':
      return openingLevers(scenario, task.params);
    case 'partial-deals':
      return partialDeals(scenario, task.params);
    case 'closest':
      return closestPackage(scenario, task.params);
    case 'gmcr':
      return analyzeGmcrModel(scenarioGmcrModel(scenario), task.params, ctx);
  }
}

/** Runs a task and turns any error into data, for a worker thread to send back (errors lose their fields across threads). */
export async function runAnalysisTaskSafely(task: AnalysisTask, ctx: JobContext): Promise<AnalysisOutcome> {
  try {
    const result = await runAnalysisTask(task, ctx);
    // Serialised here, in the worker: cloning a large result object into the main thread took 140 ms of its event loop.
    return { ok: true, json: task.kind === 'gmcr-answer' ? (result as string) : JSON.stringify(result) };
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return {
      ok: false,
      status,
      ...body,
      ...(status === 500 ? { internal: error instanceof Error ? (error.stack ?? error.message) : String(error) } : {}),
    };
  }
}

/**
 * A result serialised to JSON in the thread that computed it. Routes send `text` as it is; anything
 * else that serialises it (`JSON.stringify`, `c.json`) gets the same JSON through `toJSON`.
 */
export class JsonText {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Turns a worker's outcome back into the result (as JsonText), or throws the error it reported. */
export function unwrapOutcome(outcome: AnalysisOutcome): unknown {
  if (outcome.ok) return new JsonText(outcome.json);
  if (outcome.status === 500) throw new HttpError('INTERNAL', outcome.internal ?? outcome.message);
  throw new HttpError(outcome.code, outcome.message, { details: outcome.details });
}

/** A JobContext for work in a worker thread: progress goes to `report`, at most once per percent or phase change. */
export function reportingContext(report: (progress: number, phase: string | null) => void): JobContext {
  let lastProgress = -1;
  let lastPhase: string | null = null;
  return {
    signal: new AbortController().signal,
    progress(fraction, phase) {
      const p = phase ?? lastPhase;
      if (fraction - lastProgress < 0.01 && p === lastPhase) return;
      lastProgress = fraction;
      lastPhase = p;
      report(fraction, p);
    },
    yield: () => Promise.resolve(),
  };
}

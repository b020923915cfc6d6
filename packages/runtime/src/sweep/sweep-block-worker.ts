import type { EngineRegistry, SourceText, SweepRange } from '@entente/core';
import { registryWithModules } from './engine-modules';
import { type PreparedSweep, prepareSweep, runPreparedBlock } from './sweep-block';

/** One block for a worker thread: the sweep (by id, with what it needs to load) and the runs to do. */
export interface SweepBlockTask {
  /** The sweep's id: a thread loads each sweep's input once and reuses it for the sweep's next blocks. */
  sweep: string;
  engine: string;
  /** Modules that add engines beyond the built-in ones (paths or file URLs). */
  engineModules: string[];
  sources: SourceText[];
  params: Record<string, unknown>;
  /** The sweep's total runs (the engine's own `runs` parameter, when it has one). */
  runs: number;
  range: SweepRange;
}

let registry: { key: string; value: Promise<EngineRegistry> } | undefined;
let prepared: { sweep: string; value: PreparedSweep } | undefined;

/** Piscina worker: runs one block of a sweep and returns it as JSON-ready data. */
export default async function run(task: SweepBlockTask): Promise<unknown> {
  const key = task.engineModules.join('\n');
  if (registry?.key !== key) registry = { key, value: registryWithModules(task.engineModules) };
  const engines = await registry.value;
  if (prepared?.sweep !== task.sweep)
    prepared = { sweep: task.sweep, value: prepareSweep(engines.get(task.engine), task) };
  return runPreparedBlock(prepared.value, task.range);
}

import type { EngineRegistry } from '@entente/core';
import type { Command } from 'commander';
import { registerEngineCommand } from '../engine-command';
import { register as registerAnalyze } from './analyze';
import { register as registerEvalIngest } from './eval-ingest';
import { register as registerIngest } from './ingest';
import { register as registerSchema } from './schema';
import { register as registerSearch } from './search';
import { register as registerServe } from './serve';
import { register as registerShow } from './show';
import { register as registerSweep } from './sweep';
import { register as registerTimeline } from './timeline';
import { register as registerValidate } from './validate';
import { register as registerWorker } from './worker';

/**
 * The commands: the scenario and evidence commands of this package, and one command per registered
 * engine (its flags come from the engine's parameter schema).
 */
export function registerCommands(program: Command, engines: EngineRegistry): void {
  registerAnalyze(program, engines);
  registerValidate(program);
  registerShow(program);
  registerSchema(program);
  for (const engine of engines.list()) registerEngineCommand(program, engine);
  registerIngest(program);
  registerEvalIngest(program);
  registerTimeline(program);
  registerSearch(program);
  registerServe(program, engines);
  registerSweep(program, engines);
  registerWorker(program, engines);
}

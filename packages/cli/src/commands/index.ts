import type { Command } from 'commander';
import { register as registerAnalyze } from './analyze';
import { register as registerBacktest } from './backtest';
import { register as registerDomain } from './domain';
import { register as registerEvaluate } from './evaluate';
import { register as registerGmcr } from './gmcr';
import { register as registerIngest } from './ingest';
import { register as registerSchema } from './schema';
import { register as registerSearch } from './search';
import { register as registerServe } from './serve';
import { register as registerShow } from './show';
import { register as registerSpace } from './space';
import { register as registerTimeline } from './timeline';
import { register as registerValidate } from './validate';

/** Every command module exports `register(program)`; add new ones here. */
export function registerCommands(program: Command): void {
  registerAnalyze(program);
  registerValidate(program);
  registerShow(program);
  registerSchema(program);
  registerEvaluate(program);
  registerBacktest(program);
  registerSpace(program);
  registerGmcr(program);
  registerIngest(program);
  registerTimeline(program);
  registerSearch(program);
  registerServe(program);
  registerDomain(program);
}

import type { Command } from 'commander';
import { register as registerBacktest } from './backtest';
import { register as registerEvaluate } from './evaluate';
import { register as registerSchema } from './schema';
import { register as registerShow } from './show';
import { register as registerValidate } from './validate';

/** Every command module exports `register(program)`; add new ones here. */
export function registerCommands(program: Command): void {
  registerValidate(program);
  registerShow(program);
  registerSchema(program);
  registerEvaluate(program);
  registerBacktest(program);
}

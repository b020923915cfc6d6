import { type ForecastTask, runForecastTask } from '@entente/core';

/** Piscina worker: runs one slice of a forecast's Monte-Carlo draws (pure core code). */
export default function run(task: ForecastTask): Float64Array {
  return runForecastTask(task);
}

import type { BdmParameters } from './bdm';
import { type ForecastModel, forecastIssue } from './models';
import { monteCarlo, type Uncertainty } from './monte-carlo';
import type { Issue1D } from './types';
import { isBinaryIssue } from './vote';

/** One slice of Monte-Carlo draws for one issue and model: plain data, so it can go to a worker thread. */
export interface ForecastTask {
  issue: Issue1D;
  model: ForecastModel;
  /** Draws first … first + draws − 1 of the run (each draw's numbers depend only on its index). */
  first: number;
  draws: number;
  seed: number;
  coords: number[];
  uncertainty: Uncertainty;
  bdm: Partial<BdmParameters>;
}

/** Spreads forecast tasks over threads; results come back in task order. */
export interface ForecastSplitter {
  run(tasks: ForecastTask[], onTaskDone?: () => void): Promise<Float64Array[]>;
}

/** Runs one task (in this thread or in a worker). */
export function runForecastTask(task: ForecastTask): Float64Array {
  // The task carries the coded issue, whose yes/no reading every perturbed draw keeps (`nash_vote`).
  const binary = isBinaryIssue(task.issue);
  return monteCarlo(
    task.issue,
    (is) => forecastIssue(task.model, is, task.bdm, binary),
    task.draws,
    task.seed,
    task.coords,
    task.uncertainty,
    task.first,
  );
}

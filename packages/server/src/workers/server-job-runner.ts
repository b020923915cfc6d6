import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { createWorkerPool, workerScript } from '@entente/runtime';
import { type AnalysisOutcome, type AnalysisRunner, unwrapOutcome } from '../analysis-tasks';
import { HttpError } from '../http-error';
import type { ServerJobMessage } from './server-job-worker';

/** A job's time budget unless the runner is given another: long enough for any analysis the limits admit. */
const DEFAULT_TIME_BUDGET_MS = 600_000;

/** How the runner's tasks ended so far (for logs and tests). */
export interface ServerJobStats {
  started: number;
  finished: number;
  /** Tasks stopped by cancelling their job (the worker running them was terminated). */
  aborted: number;
  /** Tasks stopped because they ran past their time budget. */
  timedOut: number;
  running: number;
}

/**
 * An AnalysisRunner for `entente serve` backed by a pool of worker threads (the runtime's, so it
 * loads compiled or from sources, from any working folder): the analysis runs off the event loop, so its progress streams to the browser while
 * it runs, and cancelling the job aborts the task, which terminates the thread running it.
 */
export function createServerJobRunner(
  options: { threads?: number; timeBudgetMs?: number } = {},
): AnalysisRunner & { close(): Promise<void>; stats(): ServerJobStats } {
  const threads = Math.max(1, options.threads ?? Math.min(2, availableParallelism()));
  const jobBudget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const pool = createWorkerPool(workerScript(import.meta.url, 'server-job-worker'), {
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    // Analyses yield the CPU to the event loop: requests stay prompt while workers compute (issue 10's p99 < 50 ms).
    niceIncrement: 10,
  });
  const stats: ServerJobStats = { started: 0, finished: 0, aborted: 0, timedOut: 0, running: 0 };
  const runner: AnalysisRunner = async (task, ctx) => {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: { progress: number; phase: string | null }) => {
      try {
        ctx.progress(m.progress, m.phase ?? undefined);
      } catch {
        // The job was cancelled; the abort below stops the worker.
      }
    });
    stats.started += 1;
    stats.running += 1;
    // The task's own budget (a synchronous route's) or the runner's; on expiry the worker is terminated.
    const budget = Math.min(jobBudget, ('budgetMs' in task ? task.budgetMs : undefined) ?? jobBudget);
    const deadline = AbortSignal.timeout(budget);
    try {
      const message: ServerJobMessage = { task, port: port2 };
      const signal = AbortSignal.any([ctx.signal, deadline]);
      const outcome = (await pool.run(message, { transferList: [port2], signal })) as AnalysisOutcome;
      stats.finished += 1;
      return unwrapOutcome(outcome);
    } catch (error) {
      if (ctx.signal.aborted) stats.aborted += 1;
      else if (deadline.aborted) {
        stats.timedOut += 1;
        throw new HttpError(
          'TIME_BUDGET_EXCEEDED',
          `The analysis ran longer than its time budget of ${budget / 1000} s and was stopped: narrow it (fewer options, issues or parties), or run the engine on the command line, which has no budget.`,
          { details: { budgetMs: budget } },
        );
      }
      throw error;
    } finally {
      stats.running -= 1;
      port1.close();
    }
  };
  return Object.assign(runner, {
    close: () => pool.destroy(),
    stats: () => ({ ...stats }),
  });
}

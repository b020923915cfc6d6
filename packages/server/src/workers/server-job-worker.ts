import type { MessagePort } from 'node:worker_threads';
import { type AnalysisOutcome, type AnalysisTask, reportingContext, runAnalysisTaskSafely } from '../analysis-tasks';

/** What the pool hands to a worker: the task, and a port for its progress reports. */
export interface ServerJobMessage {
  task: AnalysisTask;
  port: MessagePort;
}

/** Piscina worker: runs one analysis job of `entente serve`, posting progress as it goes. */
export default async function run(message: ServerJobMessage): Promise<AnalysisOutcome> {
  const { task, port } = message;
  const ctx = reportingContext((progress, phase) => port.postMessage({ progress, phase }));
  try {
    return await runAnalysisTaskSafely(task, ctx);
  } finally {
    port.close();
  }
}

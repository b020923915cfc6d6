import { EntenteError, type ErrorCode, runSpaceTask, type SpaceTask, type SpaceTaskResult } from '@entente/core';

/** An EntenteError as data: thrown across a thread it would lose its code and details. */
export interface SpaceTaskFailure {
  kind: 'error';
  code: ErrorCode;
  message: string;
  details: unknown;
}

/** Piscina worker: runs one slice of an agreement-space analysis (pure core code). */
export default function run(task: SpaceTask): SpaceTaskResult | SpaceTaskFailure {
  try {
    return runSpaceTask(task);
  } catch (e) {
    if (!(e instanceof EntenteError)) throw e;
    return { kind: 'error', code: e.code, message: e.message, details: e.details };
  }
}

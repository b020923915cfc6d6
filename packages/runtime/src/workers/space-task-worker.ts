import { runSpaceTask, type SpaceTask, type SpaceTaskResult } from '@entente/core';

/** Piscina worker: runs one slice of an agreement-space analysis (pure core code). */
export default function run(task: SpaceTask): SpaceTaskResult {
  return runSpaceTask(task);
}

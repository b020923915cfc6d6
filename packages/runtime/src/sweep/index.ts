export { createSweepBlockPool, defaultSweepThreads, type SweepBlockPool } from './block-pool';
export { importEngineModules, registryWithModules } from './engine-modules';
export { type LocalSweepOptions, runLocalSweep, type SweepOutcome } from './local-sweep';
export {
  checkQueue,
  type QueuedSweepOptions,
  runQueuedSweep,
  SWEEP_QUEUE,
  type SweepJobData,
  type SweepWorker,
  type SweepWorkerOptions,
  startSweepWorker,
  sweepJobId,
} from './queue-sweep';
export { combinePrepared, type PreparedSweep, prepareSweep, runPreparedBlock } from './sweep-block';
export type { SweepBlockTask } from './sweep-block-worker';
export {
  blockSeedOf,
  checkSweepSizes,
  MAX_SWEEP_BLOCKS,
  type SweepBlock,
  type SweepDefinition,
  sweepBlocks,
  sweepIdOf,
} from './sweep-plan';
export type { SweepResultStore } from './sweep-store';

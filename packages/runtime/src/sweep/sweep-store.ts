import type { SweepBlock, SweepDefinition } from './sweep-plan';

/**
 * Where queued sweeps keep their definitions and block results (the evidence store implements it
 * over SQLite or PostgreSQL). A block is written at most once per (sweep, block): a second write of
 * the same block, after a crash or a redelivery, changes nothing.
 */
export interface SweepResultStore {
  /** Records a sweep's definition; recording it again changes nothing. */
  saveSweep(sweep: string, def: SweepDefinition): Promise<void>;
  loadSweep(sweep: string): Promise<SweepDefinition | undefined>;
  /** Writes a block's result unless that block is already stored; true when this call wrote it. */
  saveBlock(sweep: string, block: SweepBlock, result: unknown, worker: string): Promise<boolean>;
  /** The indices of the blocks stored so far. */
  doneBlocks(sweep: string): Promise<number[]>;
  /** Every stored block's result, in block order. */
  blockResults(sweep: string): Promise<{ index: number; result: unknown }[]>;
}

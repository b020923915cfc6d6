import { type Kysely, sql } from 'kysely';
import type { DatabaseTarget } from './database-target';
import { type OpenDatabase, openDatabase } from './open-database';
import type { Database } from './schema';

/** A sweep's definition as stored: what decides its result. */
export interface StoredSweepDefinition {
  engine: string;
  sources: { name: string; text: string }[];
  params: Record<string, unknown>;
  seed: number;
  runs: number;
  blockSize: number;
}

/** A block's place in its sweep. */
export interface StoredSweepBlock {
  index: number;
  from: number;
  to: number;
}

/**
 * Sweep definitions and block results in the evidence database, shared by the command that
 * enqueues a sweep and every worker: a block's row is written once, keyed by (sweep, block), with
 * `insert … on conflict do nothing`, so a block that two workers finish is counted once.
 */
export class SweepStore {
  private constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /** Opens the database (running its migrations). */
  static async open(target: DatabaseTarget, now: () => Date = () => new Date()): Promise<SweepStore> {
    const opened: OpenDatabase = await openDatabase(target);
    return new SweepStore(opened.db, now);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async saveSweep(sweep: string, def: StoredSweepDefinition): Promise<void> {
    await this.db
      .insertInto('sweeps')
      .values({ id: sweep, engine: def.engine, definition: JSON.stringify(def), created_at: this.now().toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async loadSweep(sweep: string): Promise<StoredSweepDefinition | undefined> {
    const row = await this.db.selectFrom('sweeps').select('definition').where('id', '=', sweep).executeTakeFirst();
    return row ? (JSON.parse(row.definition) as StoredSweepDefinition) : undefined;
  }

  /** Writes a block's result unless the block is stored already; true when this call wrote it. */
  async saveBlock(sweep: string, block: StoredSweepBlock, result: unknown, worker: string): Promise<boolean> {
    const out = await this.db
      .insertInto('sweep_blocks')
      .values({
        sweep_id: sweep,
        block: block.index,
        run_from: block.from,
        run_to: block.to,
        result: JSON.stringify(result),
        worker,
        finished_at: this.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['sweep_id', 'block']).doNothing())
      .executeTakeFirst();
    return Number(out.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** The indices of the stored blocks, ascending. */
  async doneBlocks(sweep: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('sweep_blocks')
      .select('block')
      .where('sweep_id', '=', sweep)
      .orderBy('block')
      .execute();
    return rows.map((r) => Number(r.block));
  }

  /** Every stored block's result in block order. */
  async blockResults(sweep: string): Promise<{ index: number; result: unknown }[]> {
    const rows = await this.db
      .selectFrom('sweep_blocks')
      .select(['block', 'result'])
      .where('sweep_id', '=', sweep)
      .orderBy('block')
      .execute();
    return rows.map((r) => ({ index: Number(r.block), result: JSON.parse(r.result) as unknown }));
  }

  /** How many blocks each worker wrote (for reports and tests). */
  async blocksByWorker(sweep: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('sweep_blocks')
      .select(['worker', sql<number>`count(*)`.as('n')])
      .where('sweep_id', '=', sweep)
      .groupBy('worker')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.worker, Number(r.n)]));
  }
}

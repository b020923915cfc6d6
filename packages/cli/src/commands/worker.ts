import type { EngineRegistry } from '@entente/core';
import { checkQueue, createSweepBlockPool, defaultSweepThreads, startSweepWorker } from '@entente/runtime';
import type { Command } from 'commander';
import { addDbOption, databaseTargetFrom } from '../db-options';
import { action } from '../run-command';
import { addEnginesModuleOption, enginesWith, wholeNumber } from './sweep-options';

interface WorkerOptions {
  queue: string;
  db?: string;
  concurrency?: string;
  threads?: string;
  lockMs?: string;
  name?: string;
  enginesModule?: string[];
}

export function register(program: Command, engines: EngineRegistry): void {
  const command = program
    .command('worker')
    .description(
      'Run sweep blocks from a BullMQ queue (see `entente sweep --queue`) on worker threads until stopped (Ctrl-C or SIGTERM finishes the blocks in hand); each block is written once to the store, keyed by (sweep, block).',
    )
    .requiredOption('--queue <redis-url>', 'the Redis the sweeps are enqueued on (redis://host:port)')
    .option('--concurrency <k>', 'blocks run at once (default: the threads)')
    .option('--threads <n>', 'worker threads for blocks (default: one per core)')
    .option('--name <name>', 'this worker’s name in the stored blocks (default host:pid)');
  command.option(
    '--lock-ms <ms>',
    'how long a block stays claimed without renewal, after which a dead worker’s block goes to another',
    '30000',
  );
  addDbOption(command);
  addEnginesModuleOption(command);
  command.action(
    action(async (opts: WorkerOptions) => {
      const registry = await enginesWith(engines, opts.enginesModule);
      const threads = wholeNumber(opts.threads, '--threads', 1) ?? defaultSweepThreads();
      const concurrency = wholeNumber(opts.concurrency, '--concurrency', 1) ?? threads;
      const lockMs = wholeNumber(opts.lockMs, '--lock-ms', 1000)!;
      await checkQueue(opts.queue); // before the store, so a wrong URL leaves no database behind
      const { SweepStore } = await import('@entente/store');
      const store = await SweepStore.open(await databaseTargetFrom(opts));
      const pool = createSweepBlockPool(Math.min(threads, concurrency));
      try {
        const worker = await startSweepWorker({
          queue: opts.queue,
          store,
          engines: registry,
          engineModules: opts.enginesModule ?? [],
          pool,
          concurrency,
          lockMs,
          ...(opts.name ? { name: opts.name } : {}),
          onStart: (data) =>
            process.stderr.write(
              `block ${data.block} of sweep ${data.sweep} (runs ${data.from}–${data.to - 1}) started\n`,
            ),
          onBlock: (data, wrote) =>
            process.stderr.write(
              `block ${data.block} of sweep ${data.sweep} (runs ${data.from}–${data.to - 1}) ${wrote ? 'stored' : 'was already stored'}\n`,
            ),
        });
        process.stderr.write(`entente worker: waiting for sweep blocks (${concurrency} at once); Ctrl-C stops\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        process.stderr.write('entente worker: finishing the blocks in hand\n');
        await worker.close();
      } finally {
        await pool.close();
        await store.close();
      }
      return 0;
    }),
  );
}

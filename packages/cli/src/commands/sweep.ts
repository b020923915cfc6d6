import { type EngineRegistry, EntenteError } from '@entente/core';
import {
  checkQueue,
  createSweepBlockPool,
  defaultSweepThreads,
  prepareSweep,
  runLocalSweep,
  runQueuedSweep,
  type SweepDefinition,
  type SweepOutcome,
} from '@entente/runtime';
import type { Command } from 'commander';
import { addDbOption, databaseTargetFrom } from '../db-options';
import { createProgress } from '../progress';
import { action, printJson } from '../run-command';
import { addEnginesModuleOption, engineArgs, engineSources, enginesWith, wholeNumber } from './sweep-options';

interface SweepOptions {
  runs: string;
  seed: string;
  blockSize?: string;
  threads?: string;
  queue?: string;
  db?: string;
  json?: boolean;
  enginesModule?: string[];
}

/** Runs `fn` with an abort signal that Ctrl-C (SIGINT) or SIGTERM trips. */
async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export function register(program: Command, engines: EngineRegistry): void {
  const command = program
    .command('sweep')
    .description(
      'Run many seeded runs of an engine split into seed blocks: on local worker threads, or with --queue as BullMQ jobs that `entente worker` processes run on any number of machines. The result is the same whatever the threads, workers or order blocks finish in.',
    )
    .argument('<engine>', 'the engine (one that declares seed blocks, e.g. simulate)')
    .argument('<input...>', "the engine's input files, then its own options (e.g. --protocol sao)")
    .requiredOption('--runs <n>', 'number of runs')
    .option('--seed <n>', 'seed of the sweep (each run is seeded from it and the run’s number)', '1')
    .option('--block-size <n>', 'runs per block (default: the engine’s)')
    .option('--threads <n>', 'local worker threads (default: one per core; ignored with --queue)')
    .option('--queue <redis-url>', 'enqueue the blocks on this Redis (redis://host:port) and wait for workers')
    .option('--json', 'print one JSON document')
    .allowUnknownOption()
    .addHelpText(
      'after',
      '\nWith --queue, the blocks are stored in the database of --db (SQLite or PostgreSQL), which every worker must share;\nrunning the same sweep again resumes it and adds no block twice.',
    );
  addDbOption(command);
  addEnginesModuleOption(command);
  command.action(
    action(async (engineId: string, words: string[], opts: SweepOptions) => {
      const registry = await enginesWith(engines, opts.enginesModule);
      const engine = registry.get(engineId);
      const { files, params } = engineArgs(engine, words);
      const runs = wholeNumber(opts.runs, '--runs', 1)!;
      const seed = Number(opts.seed);
      if (!Number.isSafeInteger(seed))
        throw new EntenteError('INVALID_OPTION', `--seed must be a whole number, not "${opts.seed}".`);
      if (!engine.sweep)
        throw new EntenteError(
          'SWEEP_NOT_SUPPORTED',
          `The ${engine.id} engine cannot be split into seed blocks; engines that can: ${
            registry
              .list()
              .filter((e) => e.sweep)
              .map((e) => e.id)
              .join(', ') || 'none'
          }.`,
        );
      const blockSize = wholeNumber(opts.blockSize, '--block-size', 1) ?? engine.sweep.blockSize;
      const def: SweepDefinition = {
        engine: engine.id,
        sources: engineSources(engine, files),
        params,
        seed,
        runs,
        blockSize,
      };
      const prepared = prepareSweep(engine, def);
      const bar = createProgress(`sweep ${engine.id}`);
      let outcome: SweepOutcome;
      try {
        outcome = await withInterrupt(async (signal) => {
          if (opts.queue) {
            await checkQueue(opts.queue); // before the store, so a wrong URL leaves no database behind
            const { SweepStore } = await import('@entente/store');
            const store = await SweepStore.open(await databaseTargetFrom(opts));
            try {
              return await runQueuedSweep(def, prepared, {
                queue: opts.queue,
                store,
                signal,
                onBlock: (done, total) => bar.update(done, total),
              });
            } finally {
              await store.close();
            }
          }
          const pool = createSweepBlockPool(wholeNumber(opts.threads, '--threads', 1) ?? defaultSweepThreads());
          try {
            return await runLocalSweep(def, prepared, {
              pool,
              engineModules: opts.enginesModule ?? [],
              signal,
              onBlock: (done, total) => bar.update(done, total),
            });
          } finally {
            await pool.close();
          }
        });
      } finally {
        bar.stop();
      }
      if (opts.json)
        printJson({
          sweep: outcome.sweep,
          engine: engine.id,
          runs,
          seed,
          blockSize,
          blocks: outcome.blocks,
          ...(outcome.redelivered === undefined ? {} : { redelivered: outcome.redelivered }),
          result: outcome.result,
        });
      else {
        process.stdout.write(
          `sweep ${outcome.sweep}: ${runs} runs of ${engine.id} in ${outcome.blocks} blocks of ${blockSize} (seed ${seed})\n`,
        );
        process.stdout.write(engine.render(outcome.result, prepared.params, prepared.input));
      }
      return 0;
    }),
  );
}

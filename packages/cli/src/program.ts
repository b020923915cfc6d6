import { createEngineRegistry, type EngineRegistry } from '@entente/core';
import { Command } from 'commander';
import { registerCommands } from './commands';

/** Builds the `entente` command tree (used by the binary and by tests, which may pass their own engines). */
export function buildProgram(engines: EngineRegistry = createEngineRegistry()): Command {
  const program = new Command('entente')
    .description('Entente: model, track and analyse multi-party negotiations over armed conflicts.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride((error) => {
      // commander's own usage errors are bad input: exit 2; --help and --version exit 0.
      if (error.exitCode === 0) process.exit(0);
      process.exit(2);
    });
  registerCommands(program, engines);
  return program;
}

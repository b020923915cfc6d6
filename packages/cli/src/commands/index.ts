import type { Command } from 'commander';

/** Every command module exports `register(program)`; add new ones here. */
export function registerCommands(program: Command): void {
  void program;
}

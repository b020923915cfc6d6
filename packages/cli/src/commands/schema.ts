import { scenarioJsonSchema } from '@entente/core';
import type { Command } from 'commander';
import { action, printJson } from '../run-command';

/** `entente schema`: the JSON Schema of the scenario format. */
export function register(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of the scenario format (for editors and other tools)')
    .action(
      action(() => {
        printJson(scenarioJsonSchema());
        return 0;
      }),
    );
}

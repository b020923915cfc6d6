import { errorCodeSpec, formatIssue, isEntenteError } from '@entente/core';

/** Prints a failure on stderr the way every command does and returns the exit code its code's registry entry gives. */
export function reportFailure(error: unknown): number {
  if (isEntenteError(error)) {
    process.stderr.write(`entente: ${error.message} [${error.code}]\n`);
    for (const issue of error.issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
    return errorCodeSpec(error.code).exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`entente: internal error: ${message}\n`);
  if (process.env.ENTENTE_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('  (set ENTENTE_DEBUG=1 to see the stack trace, and please report it)\n');
  return 1;
}

/**
 * Wraps a command action: runs it, and turns any error into a message and an exit code.
 * The action returns the exit code (0 by default).
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | undefined> | number | undefined) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      process.exitCode = code ?? 0;
    } catch (error) {
      process.exitCode = reportFailure(error);
    }
  };
}

/** Prints exactly one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

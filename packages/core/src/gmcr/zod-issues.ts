import type { z } from 'zod';
import { EntenteError, type ErrorCode, type ValidationIssue } from '../errors';

/** Turns a zod failure into an input EntenteError whose issues carry the paths zod found. */
export function zodFailure(error: z.ZodError, code: ErrorCode, what: string, file?: string): EntenteError {
  const issues: ValidationIssue[] = error.issues.map((i) => ({
    code,
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
    severity: 'error',
    ...(file === undefined ? {} : { file }),
  }));
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  return new EntenteError(code, `${what} is malformed${where}: ${first?.message ?? 'unknown problem'}.`, { issues });
}

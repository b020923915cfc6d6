import { EntenteError, fromZodIssues, isEntenteError, type ValidationIssue } from '@entente/core';
import type { z } from 'zod';

/** The JSON body of every error response. */
export interface ErrorBody {
  code: string;
  message: string;
  details: unknown;
}

/** An error that carries its HTTP status (input errors are 400 unless said otherwise). */
export class HttpError extends EntenteError {
  readonly status: 400 | 401 | 404 | 409 | 413 | 415 | 500 | 503;

  constructor(
    status: HttpError['status'],
    code: string,
    message: string,
    options: { details?: unknown; issues?: ValidationIssue[] } = {},
  ) {
    super(code, message, { kind: status >= 500 ? 'internal' : 'input', ...options });
    this.name = 'EntenteError';
    this.status = status;
  }
}

/** Codes the engines throw that mean "no such thing" rather than "malformed". */
const NOT_FOUND_CODES = new Set(['UNKNOWN_SCENARIO', 'UNKNOWN_JOB', 'UNKNOWN_PROPOSAL', 'UNKNOWN_DOCUMENT']);

/**
 * Turns anything thrown into a status and a JSON body. Internal faults keep their message out of
 * the response (it may hold paths or data); the caller logs them.
 */
export function toErrorResponse(error: unknown): { status: HttpError['status']; body: ErrorBody } {
  if (error instanceof HttpError)
    return { status: error.status, body: { code: error.code, message: error.message, details: detailsOf(error) } };
  if (isEntenteError(error) && error.kind === 'input') {
    const status = NOT_FOUND_CODES.has(error.code) ? 404 : 400;
    return { status, body: { code: error.code, message: error.message, details: detailsOf(error) } };
  }
  return {
    status: 500,
    body: {
      code: 'INTERNAL',
      message: 'The server failed on this request; the fault is logged on the server.',
      details: null,
    },
  };
}

function detailsOf(error: EntenteError): unknown {
  if (error.issues.length > 0) return { issues: error.issues, ...(error.details ? { info: error.details } : {}) };
  return error.details ?? null;
}

/** Parses input with a zod schema or throws a 400 listing every problem with its path. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = fromZodIssues(parsed.error.issues);
  const first = issues[0];
  throw new HttpError(
    400,
    where === 'body' ? 'INVALID_BODY' : 'INVALID_QUERY',
    `The request ${where} is not valid${first ? `: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}` : ''}. Fix it and retry (see /api/openapi.json).`,
    { issues },
  );
}

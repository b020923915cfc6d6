import {
  EntenteError,
  type ErrorCode,
  type ErrorHttpStatus,
  errorCodeSpec,
  fromZodIssues,
  isEntenteError,
} from '@entente/core';
import type { z } from 'zod';

/** The JSON body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: unknown;
}

/** An HTTP status an error response may carry (decided by the code's ERROR_CODES entry). */
export type HttpStatus = ErrorHttpStatus;

/**
 * @deprecated An alias kept for existing imports: throw `EntenteError` (its code decides the status).
 * @example throw new HttpError('UNKNOWN_JOB', 'No job has id "x".');
 */
export const HttpError = EntenteError;
export type HttpError = EntenteError;

/**
 * Turns anything thrown into a status and a JSON body, the status coming from the code's registry entry.
 * Internal faults (HTTP 500) keep their message out of the response (it may hold paths or data); the caller logs them.
 */
export function toErrorResponse(error: unknown): { status: HttpStatus; body: ErrorBody } {
  if (isEntenteError(error)) {
    const { httpStatus } = errorCodeSpec(error.code);
    if (httpStatus !== 500)
      return { status: httpStatus, body: { code: error.code, message: error.message, details: detailsOf(error) } };
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
  throw new EntenteError(
    where === 'body' ? 'INVALID_BODY' : 'INVALID_QUERY',
    `The request ${where} is not valid${first ? `: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}` : ''}. Fix it and retry (see /api/openapi.json).`,
    { issues },
  );
}

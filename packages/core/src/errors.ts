import { type ErrorCode, type ErrorHttpStatus, type ErrorKind, errorCodeSpec } from './error-codes';

export * from './error-codes';

/** Where a problem sits: a path into the data and, for files, a position. */
export interface IssueLocation {
  file?: string;
  line?: number;
  column?: number;
}

/** One validation problem, as data: stable code, path into the document, readable message. */
export interface ValidationIssue extends IssueLocation {
  code: string;
  path: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
}

/**
 * An error with a registered code and a message that says what to do; kind, HTTP status and exit code
 * come from the code's entry in ERROR_CODES.
 * @example throw new EntenteError('SCENARIO_NOT_FOUND', 'No scenario at x.yaml: check the path.');
 */
export class EntenteError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly httpStatus: ErrorHttpStatus;
  readonly exitCode: 1 | 2;
  readonly details: unknown;
  readonly issues: ValidationIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: unknown; issues?: ValidationIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EntenteError';
    this.code = code;
    const spec = errorCodeSpec(code);
    this.kind = spec.kind;
    this.httpStatus = spec.httpStatus;
    this.exitCode = spec.exitCode;
    this.details = options.details;
    this.issues = options.issues ?? [];
  }

  /** What the registry suggests doing about this kind of error. */
  get hint(): string {
    return errorCodeSpec(this.code).hint;
  }
}

/** True when a value is an EntenteError (also across module copies). */
export function isEntenteError(value: unknown): value is EntenteError {
  return value instanceof EntenteError || (value instanceof Error && value.name === 'EntenteError' && 'code' in value);
}

/** Formats an issue as `file:line:column code message` for terminals. */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.file
    ? `${issue.file}${issue.line !== undefined ? `:${issue.line}:${issue.column ?? 1}` : ''}`
    : '';
  const path = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `${where ? `${where}: ` : ''}${issue.severity} ${issue.code}${path}: ${issue.message}`;
}

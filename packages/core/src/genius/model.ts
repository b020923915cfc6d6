import { EntenteError, type ErrorCode } from '../errors';
import type { Rational } from '../space/rational';

/** One issue of a Genius / GeniusWeb domain, in outcome-index order. */
export interface GeniusIssue {
  /** Genius `index` attribute (GeniusWeb: position in `issuesValues`, from 1). */
  index: number;
  name: string;
  type: 'discrete' | 'integer';
  /** Discrete: item values in document order. Integer: the integers lower..upper as strings. */
  values: string[];
  lower?: number;
  upper?: number;
}

/** A negotiation domain: its issues, ordered as the outcome indexing requires. */
export interface GeniusDomain {
  name: string;
  format: 'genius-xml' | 'geniusweb-json';
  issues: GeniusIssue[];
  file?: string;
}

/** A linear-additive profile read exactly: per issue, per value, the contribution `w_i · e_i(v)`. */
export interface GeniusProfile {
  name: string;
  format: 'genius-xml' | 'geniusweb-json';
  file?: string;
  weights: Rational[];
  contributions: Rational[][];
  /** Null when the file gives none (0 is then used). */
  reservation: Rational | null;
  /** Effective discount factor (Genius validateDiscount: ≤ 0, > 1 or unreadable → 1; GeniusWeb: 1). */
  discount: number;
  /** Genius caps the utility at 1; GeniusWeb does not. */
  cap: Rational | null;
  notes: string[];
}

/** Throws the input error used for every bad Genius / GeniusWeb document. */
export function badDocument(
  code: ErrorCode,
  message: string,
  where: { file?: string | undefined; path?: (string | number)[]; line?: number; column?: number },
): never {
  const location = where.file
    ? `${where.file}${where.line !== undefined ? `:${where.line}` : ''}`
    : where.line !== undefined
      ? `line ${where.line}`
      : '';
  throw new EntenteError(code, `${location ? `${location}: ` : ''}${message}`, {
    issues: [
      {
        code,
        path: where.path ?? [],
        message,
        severity: 'error',
        ...(where.file === undefined ? {} : { file: where.file }),
        ...(where.line === undefined ? {} : { line: where.line }),
        ...(where.column === undefined ? {} : { column: where.column }),
      },
    ],
  });
}

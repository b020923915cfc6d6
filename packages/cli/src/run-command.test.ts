import { EntenteError } from '@entente/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportFailure } from './run-command';

describe('reportFailure', () => {
  afterEach(() => vi.restoreAllMocks());

  it('takes the exit code from the error code registry and prints the code', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    expect(reportFailure(new EntenteError('SPACE_TOO_LARGE', 'Too big: narrow the issues.'))).toBe(2);
    expect(reportFailure(new EntenteError('DATABASE_FAILED', 'PostgreSQL failed.'))).toBe(1);
    expect(reportFailure(new RangeError('raw'))).toBe(1);
    expect(written[0]).toBe('entente: Too big: narrow the issues. [SPACE_TOO_LARGE]\n');
    expect(written.join('')).toContain('internal error: raw');
  });
});

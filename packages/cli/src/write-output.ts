import { existsSync, writeFileSync } from 'node:fs';
import { EntenteError } from '@entente/core';

/** Writes a result file, refusing to overwrite an existing file unless asked to. */
export function writeOutputFile(file: string, content: string, force = false): void {
  if (existsSync(file) && !force)
    throw new EntenteError(
      'OUTPUT_EXISTS',
      `${file} already exists; choose another file or add --force to overwrite it.`,
    );
  try {
    writeFileSync(file, content);
  } catch (error) {
    throw new EntenteError(
      'OUTPUT_UNWRITABLE',
      `Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); check the folder exists and is writable.`,
    );
  }
}

import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/** The report format an output file's extension asks for, if it names one. */
export function formatFromExtension(file: string): 'text' | 'md' | 'json' | 'html' | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.json') return 'json';
  if (ext === '.txt') return 'text';
  return undefined;
}

/** Line width for text output: the terminal's width when writing to one (at least 60), else 100. */
export function outputWidth(file?: string): number {
  if (file || !process.stdout.isTTY) return 100;
  return Math.max(60, process.stdout.columns || 100);
}

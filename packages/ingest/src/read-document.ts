import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { EntenteError, type ErrorCode } from '@entente/core';
import { type PreparedDocument, prepareDocument } from './prepare-document';
import type { DocumentMeta } from './types';

const DOCUMENT_EXTENSIONS = /\.(txt|text|md|markdown|html?)$/i;

/** A path that could not be turned into documents, and why. */
export interface PathFailure {
  path: string;
  error: string;
  code: string;
}

/** Converts a glob (`*`, `**`, `?`) into a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

async function walk(dir: string, into: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, into);
    else if (entry.isFile()) into.push(full);
  }
}

/** Expands paths, directories (their text, Markdown and HTML files) and globs into a sorted list of files. */
export async function expandPaths(inputs: string[]): Promise<{ files: string[]; failed: PathFailure[] }> {
  const files: string[] = [];
  const failed: PathFailure[] = [];
  for (const input of inputs) {
    if (/[*?]/.test(input)) {
      const normalised = input.split(path.sep).join('/');
      const firstWild = normalised.search(/[*?]/);
      const root = normalised.slice(0, normalised.lastIndexOf('/', firstWild) + 1) || './';
      const pattern = globToRegExp(path.posix.normalize(normalised));
      const found: string[] = [];
      try {
        await walk(root, found);
      } catch {
        // A glob whose folder is missing simply matches nothing.
      }
      const matched = found.filter((f) => pattern.test(path.posix.normalize(f.split(path.sep).join('/'))));
      if (matched.length === 0) failed.push({ path: input, code: 'NO_MATCH', error: `No file matches ${input}.` });
      files.push(...matched);
      continue;
    }
    try {
      const info = await stat(input);
      if (info.isDirectory()) {
        const found: string[] = [];
        await walk(input, found);
        const docs = found.filter((f) => DOCUMENT_EXTENSIONS.test(f));
        if (docs.length === 0)
          failed.push({ path: input, code: 'NO_MATCH', error: `${input} holds no .txt, .md or .html file.` });
        files.push(...docs);
      } else files.push(input);
    } catch (error) {
      failed.push({ path: input, ...describeReadError(input, error) });
    }
  }
  return { files: [...new Set(files)], failed };
}

function describeReadError(file: string, error: unknown): { code: ErrorCode; error: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { code: 'FILE_NOT_FOUND', error: `${file} does not exist: check the path.` };
  if (code === 'EACCES' || code === 'EPERM')
    return { code: 'FILE_UNREADABLE', error: `${file} cannot be read (permission denied).` };
  if (code === 'EISDIR') return { code: 'FILE_UNREADABLE', error: `${file} is a folder, not a file.` };
  return { code: 'FILE_UNREADABLE', error: `${file} cannot be read: ${(error as Error).message}` };
}

/** Reads one file and prepares it for extraction; throws an EntenteError saying what is wrong. */
export async function readDocument(file: string, overrides: DocumentMeta = {}): Promise<PreparedDocument> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    const { code, error: message } = describeReadError(file, error);
    throw new EntenteError(code, message);
  }
  if (buffer.length === 0) throw new EntenteError('DOCUMENT_EMPTY', `${file} is empty: there is nothing to ingest.`);
  if (buffer.subarray(0, 8192).includes(0)) {
    throw new EntenteError(
      'DOCUMENT_BINARY',
      `${file} looks like a binary file, not text, Markdown or HTML: give a text file instead.`,
    );
  }
  return prepareDocument(file, buffer.toString('utf8'), overrides);
}

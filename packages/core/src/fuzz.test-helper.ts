import fc from 'fast-check';
import { afterEach, beforeEach, expect, type MockInstance, vi } from 'vitest';
import { isEntenteError } from './errors';

/** One edit of a text: cut, duplicate or overwrite a slice, or insert a short random string. */
interface TextEdit {
  op: 'cut' | 'duplicate' | 'insert' | 'overwrite' | 'truncate';
  at: number;
  length: number;
  insert: string;
}

// Mostly characters a parser treats specially, so that edits reach the grammar instead of staying inside words.
const special = fc.constantFrom(
  ...[':', '-', '&', '*', '!', '|', '>', '{', '}', '[', ']', ',', '"', "'", '\n', '  ', '#', '<', '/', '=', '\\'],
  ...['&#x;', '&amp;', '<!--', ']]>', '&a', '*a', '\u0000', '\uFFFD', '\uD800', 'null', '-1', '1e309', 'NaN'],
);
const snippet = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.array(special, { maxLength: 6 }).map((parts) => parts.join('')),
);

const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  op: fc.constantFrom('cut', 'duplicate', 'insert', 'overwrite', 'truncate'),
  at: fc.nat(),
  length: fc.nat(200),
  insert: snippet,
});

function applyEdit(text: string, edit: TextEdit): string {
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  const end = Math.min(text.length, at + edit.length);
  switch (edit.op) {
    case 'cut':
      return text.slice(0, at) + text.slice(end);
    case 'duplicate':
      return text.slice(0, end) + text.slice(at, end) + text.slice(end);
    case 'insert':
      return text.slice(0, at) + edit.insert + text.slice(at);
    case 'overwrite':
      return text.slice(0, at) + edit.insert + text.slice(at + edit.insert.length);
    case 'truncate':
      return text.slice(0, at);
  }
}

/** Texts made from `base` by one to six random edits (the size stays within a few kilobytes of the base). */
export function mutatedText(base: string): fc.Arbitrary<string> {
  return fc.array(textEdit, { minLength: 1, maxLength: 6 }).map((edits) => edits.reduce(applyEdit, base));
}

/** Any JSON value, small: what a mutation may put in place of a node. */
const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, '', 'x', [], {}),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path to a node of a JSON value, the root included. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

type Container = Record<string | number, unknown>;

/** A copy of `value` with the node at `path` replaced, removed (`undefined`) or duplicated into an array. */
function editAt(value: unknown, path: (string | number)[], op: 'replace' | 'remove' | 'wrap', leaf: unknown): unknown {
  if (path.length === 0) return op === 'wrap' ? [value, value] : op === 'replace' ? leaf : undefined;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Container;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const next = editAt(copy[head], rest, op, leaf);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
  } else copy[head] = next;
  return copy;
}

/** JSON values made from `base` by one to four node edits (replace with a random value, remove, wrap in an array). */
export function mutatedJson(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  const edit = fc.record({
    path: fc.constantFrom(...paths),
    op: fc.constantFrom('replace' as const, 'remove' as const, 'wrap' as const),
    leaf: jsonLeaf,
  });
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce<unknown>((value, e) => {
      // Paths come from the base; an earlier edit may have removed the node, and then this edit only replaces the root.
      try {
        return editAt(value, e.path, e.op, e.leaf) ?? null;
      } catch {
        return e.leaf;
      }
    }, base),
  );
}

/**
 * Runs a parser on fuzzed input: it must succeed or throw an input EntenteError; anything else fails the
 * property with the offending error (a RangeError, a TypeError, an internal code).
 */
export function expectSuccessOrInputError(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!isEntenteError(error)) throw error;
    expect(error.kind, `${error.code}: ${error.message}`).toBe('input');
  }
}

/** How many inputs each property tries (ENTENTE_FUZZ_RUNS raises it for a long hunt); the suite runs well over 1,000 in all (issue 10). */
export const FUZZ_RUNS = Number(process.env.ENTENTE_FUZZ_RUNS) || 300;

/** Within the calling `describe`, fails any test during which a parser prints a Node warning (noise on the CLI's stderr). */
export function forbidNodeWarnings(): void {
  let warn: MockInstance<typeof process.emitWarning>;
  beforeEach(() => {
    warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  });
  afterEach(() => {
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
}

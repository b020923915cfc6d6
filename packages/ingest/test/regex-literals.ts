/** Finds the regular-expression literals in TypeScript source text, for the ReDoS check of the ingest sources. */

/** A regular-expression literal: its pattern, flags and line. */
export interface RegexLiteral {
  source: string;
  flags: string;
  line: number;
}

// After one of these characters (or keywords) a `/` opens a regular expression rather than dividing.
const BEFORE_REGEX = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'of', 'in', 'yield', 'await']);

/** Skips a string or template literal starting at `i` (its quote), returning the index after it. */
function skipString(text: string, i: number): number {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== quote) {
    if (text[j] === '\\') j++;
    // A template's `${…}` may hold a regex literal of its own; templates with one are rare enough to skip whole.
    j++;
  }
  return j + 1;
}

/** Every regex literal of a TypeScript file (strings and comments skipped; division told apart by what precedes). */
export function regexLiterals(text: string): RegexLiteral[] {
  const found: RegexLiteral[] = [];
  let previous = '';
  let word = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      previous = 'string';
      word = '';
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && (BEFORE_REGEX.has(previous) || KEYWORDS_BEFORE_REGEX.has(word))) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j++;
      }
      const source = text.slice(i + 1, j);
      let k = j + 1;
      while (k < text.length && /[a-z]/.test(text[k] as string)) k++;
      found.push({ source, flags: text.slice(j + 1, k), line: text.slice(0, i).split('\n').length });
      i = k;
      previous = 'regex';
      word = '';
      continue;
    }
    if (/[\w$]/.test(c)) {
      let j = i;
      while (j < text.length && /[\w$]/.test(text[j] as string)) j++;
      word = text.slice(i, j);
      previous = 'word';
      i = j;
      continue;
    }
    previous = c;
    word = '';
    i++;
  }
  return found;
}

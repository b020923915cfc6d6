import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { ValidationIssue } from '../errors';

/** Maps a data path to the line and column of its YAML node, walking up to the nearest node that exists. */
export function locatePath(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
): { line: number; column: number } | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      // For a missing or unknown key, point at the key of the parent map when we can.
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

/** Attaches file, line and column to issues that have a path into the document. */
export function attachLocations(
  issues: ValidationIssue[],
  doc: Document,
  lineCounter: LineCounter,
  file: string | undefined,
): ValidationIssue[] {
  return issues.map((issue) => {
    const pos = issue.line === undefined ? locatePath(doc, lineCounter, issue.path) : undefined;
    return {
      ...issue,
      ...(file !== undefined ? { file } : {}),
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    };
  });
}

/** Attaches line and column to issues found after parsing (e.g. quote checks), by re-reading the text. */
export function locateIssuesInText(text: string, issues: ValidationIssue[], file?: string): ValidationIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return attachLocations(issues, doc, lineCounter, file);
}

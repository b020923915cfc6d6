import { EntenteError } from '@entente/core';
import { DATELINE_LINES, findDateline, htmlPublished } from './dateline';
import { type DocumentFormat, detectFormat, guessTitle, splitFrontMatter, toPlainText } from './plain-text';
import { textPublished, urlPublished } from './published-date';
import type { DocumentMeta } from './types';

/** A document ready for extraction: its plain text and what is known about it. */
export interface PreparedDocument {
  /** Where it came from (a path, or a name given by the caller). */
  source: string;
  format: DocumentFormat;
  meta: DocumentMeta;
  /** The plain text that is stored and that every offset refers to. */
  text: string;
}

/** True when the content looks binary (NUL bytes or many control characters) rather than text. */
export function looksBinary(content: string): boolean {
  if (content.includes('\u0000')) return true;
  const sample = content.slice(0, 4096);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.05;
}

/**
 * Turns raw file content into a prepared document: front-matter, markup stripped, paragraphs kept.
 * Metadata given by the caller (flags) wins over front-matter, which wins over what the page declares
 * (HTML publication metadata) and over a wire dateline ("KYIV, March 3 (Reuters) -").
 */
export function prepareDocument(source: string, content: string, overrides: DocumentMeta = {}): PreparedDocument {
  if (looksBinary(content)) {
    throw new EntenteError(
      'DOCUMENT_BINARY',
      `${source} looks like a binary file, not text, Markdown or HTML: give a text file instead.`,
    );
  }
  const { meta: front, body } = splitFrontMatter(content);
  const format = detectFormat(source, body);
  const text = toPlainText(body, format);
  if (text.trim().length === 0) {
    throw new EntenteError(
      'DOCUMENT_EMPTY',
      `${source} has no text to ingest: check that it is the article you meant.`,
    );
  }
  const meta: DocumentMeta = { ...front };
  for (const key of ['title', 'outlet', 'url', 'published'] as const) {
    const value = overrides[key];
    if (value !== undefined) meta[key] = value;
  }
  if (meta.published) {
    meta.publishedRule = overrides.published !== undefined ? (overrides.publishedRule ?? 'given') : 'front-matter';
  }
  // What the page declares, its address or the top of its text says, when neither caller nor front-matter does.
  if (!meta.published && format === 'html') {
    const declared = htmlPublished(body);
    if (declared) Object.assign(meta, { published: declared, publishedRule: 'html-metadata' });
  }
  if (!meta.published) {
    const inferred = (meta.url ? urlPublished(meta.url) : undefined) ?? textPublished(text);
    if (inferred) Object.assign(meta, { published: inferred.date, publishedRule: inferred.rule });
  }
  const dateline = findDateline(text, DATELINE_LINES);
  if (dateline) meta.place = dateline.place;
  if (!meta.title) {
    const title = guessTitle(body, format, text);
    if (title) meta.title = title;
  }
  return { source, format, meta, text };
}

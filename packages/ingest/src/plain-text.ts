import { parse as parseYaml } from 'yaml';
import { stripBoilerplate } from './html-boilerplate';
import type { DocumentMeta } from './types';

/** The markup a document is written in. */
export type DocumentFormat = 'text' | 'markdown' | 'html';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  euro: '€',
  pound: '£',
  copy: '©',
};

/** Guesses the format from a file name, falling back to sniffing the content. */
export function detectFormat(fileName: string, content: string): DocumentFormat {
  const lower = fileName.toLowerCase();
  if (/\.html?$/.test(lower)) return 'html';
  if (/\.(md|markdown)$/.test(lower)) return 'markdown';
  if (/^\s*(<!doctype html|<html[\s>])/i.test(content)) return 'html';
  return 'text';
}

/** Decodes HTML character references (named ones we know, decimal and hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Turns HTML into plain text: drops scripts, styles, page furniture (navigation, cookie banners,
 * share bars, related links, footers) and tags, keeps block elements as paragraphs.
 */
export function htmlToText(html: string): string {
  const withoutHidden = stripBoilerplate(dropHiddenBlocks(html));
  const withBreaks = withoutHidden
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(
      /<\/?(p|div|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|pre|figure|figcaption|main|aside|nav|title)\b[^<>]*>/gi,
      '\n\n',
    );
  // `[^<>]` rather than `[^>]`: a page of `<` with no `>` would otherwise be rescanned from every `<`.
  const withoutTags = withBreaks.replace(/<[^<>]*>/g, '');
  return normaliseParagraphs(decodeEntities(withoutTags).replace(/[ \t\f\v\u00a0]+/g, ' '));
}

const HIDDEN_OPEN = /<!--|<(script|style|head|noscript|template|svg)\b/gi;

/**
 * Blanks comments and script, style, head, noscript, template and svg blocks in one pass: each end is
 * found with indexOf, and an unclosed one runs to the end of the page, as in a browser.
 */
function dropHiddenBlocks(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let cursor = 0;
  HIDDEN_OPEN.lastIndex = 0;
  for (let m = HIDDEN_OPEN.exec(html); m; m = HIDDEN_OPEN.exec(html)) {
    parts.push(html.slice(cursor, m.index), ' ');
    const tag = m[1]?.toLowerCase();
    let end: number;
    if (!tag) {
      const close = lower.indexOf('-->', m.index + 4);
      end = close < 0 ? html.length : close + 3;
    } else {
      const close = lower.indexOf(`</${tag}`, m.index + m[0].length);
      const gt = close < 0 ? -1 : lower.indexOf('>', close);
      end = gt < 0 ? html.length : gt + 1;
    }
    cursor = end;
    HIDDEN_OPEN.lastIndex = end;
  }
  parts.push(html.slice(cursor));
  return parts.join('');
}

/** Turns Markdown into plain text: keeps the words of headings, links and emphasis, drops the syntax. */
export function markdownToText(markdown: string): string {
  const lines = markdown.replace(/```[\s\S]*?```/g, '').split('\n');
  const out = lines.map((line) =>
    line
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/^\s{0,3}>\s?/, '')
      .replace(/^\s*([-*+]|\d+[.)])\s+/, '')
      .replace(/^\s*([-*_]\s*){3,}$/, '')
      // Brackets and parentheses stop each run, so a line of unclosed `[a](` is scanned once, not from every `[`.
      .replace(/!\[([^[\]]*)\]\([^()]*(?:\([^()]*\)[^()]*)?\)/g, '$1')
      .replace(/\[([^[\]]+)\]\([^()]*(?:\([^()]*\)[^()]*)?\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2'),
  );
  return normaliseParagraphs(decodeEntities(out.join('\n')));
}

/** Trims lines, and collapses runs of blank lines so paragraphs are separated by exactly one blank line. */
export function normaliseParagraphs(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
        .join('\n'),
    )
    .filter((block) => block.length > 0);
  return paragraphs.join('\n\n');
}

/** Splits optional YAML front-matter (between `---` lines) off the top of a document. */
export function splitFrontMatter(content: string): { meta: DocumentMeta; body: string } {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(content);
  if (!match) return { meta: {}, body: content };
  let data: unknown;
  try {
    // logLevel 'error': the YAML library would print its warnings (unknown tags) on stderr.
    data = parseYaml(match[1] ?? '', { maxAliasCount: 100, logLevel: 'error' });
  } catch {
    return { meta: {}, body: content };
  }
  const meta: DocumentMeta = {};
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const pick = (...keys: string[]): string | undefined => {
      for (const key of keys) {
        const value = record[key];
        if (typeof value === 'string' && value.trim()) return value.trim();
        if (value instanceof Date) return value.toISOString().slice(0, 10);
      }
      return undefined;
    };
    const title = pick('title', 'headline');
    const outlet = pick('outlet', 'source', 'publisher');
    const url = pick('url', 'link');
    const published = pick('published', 'date', 'publication_date');
    if (title) meta.title = title;
    if (outlet) meta.outlet = outlet;
    if (url) meta.url = url;
    if (published) meta.published = published;
  }
  return { meta, body: content.slice(match[0].length) };
}

/** Converts a document of the given format into the plain text that is stored and that offsets refer to. */
export function toPlainText(content: string, format: DocumentFormat): string {
  if (format === 'html') return htmlToText(content);
  if (format === 'markdown') return markdownToText(content);
  return normaliseParagraphs(content);
}

/** The markup inside the first `<tag …>…</tag>` of a page, found with indexOf so that unclosed tags cost one scan. */
function elementText(html: string, tag: string): string | undefined {
  const open = new RegExp(`<${tag}\\b[^<>]*>`, 'i').exec(html);
  if (!open) return undefined;
  const from = open.index + open[0].length;
  const close = html.toLowerCase().indexOf(`</${tag}>`, from);
  return close < 0 ? undefined : html.slice(from, close);
}

/** Reads the title from an HTML `<title>` or first Markdown heading, when the front-matter gives none. */
export function guessTitle(content: string, format: DocumentFormat, text: string): string | undefined {
  if (format === 'html') {
    const inner = elementText(content, 'title') ?? elementText(content, 'h1');
    if (inner) return decodeEntities(inner.replace(/<[^<>]*>/g, '')).trim() || undefined;
  }
  if (format === 'markdown') {
    const m = /^\s{0,3}#\s+(.+)$/m.exec(content);
    if (m?.[1]) return m[1].trim();
  }
  const firstLine = text.split('\n', 1)[0]?.trim();
  // A short first line without final punctuation reads as a headline.
  if (firstLine && firstLine.length <= 140 && !/[.!?"”]$/.test(firstLine)) return firstLine;
  return undefined;
}

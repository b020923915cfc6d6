import { describe, expect, it } from 'vitest';
import { htmlToText, markdownToText, normaliseParagraphs, splitFrontMatter } from './plain-text';
import { looksBinary, prepareDocument } from './prepare-document';

describe('markup to plain text', () => {
  it('drops scripts, styles and tags from HTML, decodes entities and keeps paragraphs', () => {
    const html =
      '<html><head><style>p{}</style></head><body><p>A &amp; B&nbsp;met.</p><script>x()</script><p>&ldquo;Hi,&rdquo; she said &#8212; twice.</p></body></html>';
    expect(htmlToText(html)).toBe('A & B met.\n\n“Hi,” she said — twice.');
  });

  it('keeps the words of Markdown headings, links and emphasis', () => {
    const md = '# Title\n\nSome **bold** and _soft_ words with [a link](https://x.test).\n\n- a list item';
    expect(markdownToText(md)).toBe('Title\n\nSome bold and soft words with a link.\n\na list item');
  });

  it('normalises line endings and blank lines', () => {
    expect(normaliseParagraphs('  one \r\n\r\n\r\n two\nthree  ')).toBe('one\n\ntwo\nthree');
  });

  it('reads front-matter and lets flags override it', () => {
    const { meta, body } = splitFrontMatter('---\ntitle: T\npublished: 2025-01-02\n---\nBody');
    expect(meta).toEqual({ title: 'T', published: '2025-01-02' });
    expect(body).toBe('Body');
    const doc = prepareDocument('a.md', '---\ntitle: T\npublished: 2025-01-02\n---\nBody text.', {
      published: '2025-02-03',
    });
    expect(doc.meta).toEqual({ title: 'T', published: '2025-02-03', publishedRule: 'given' });
    expect(doc.text).toBe('Body text.');
  });

  it('refuses binary and empty content with stable codes', () => {
    expect(looksBinary('abc\u0000def')).toBe(true);
    expect(looksBinary('plain words\n')).toBe(false);
    expect(() => prepareDocument('x.bin', 'a\u0000b')).toThrow(expect.objectContaining({ code: 'DOCUMENT_BINARY' }));
    expect(() => prepareDocument('x.html', '<p>  </p>')).toThrow(expect.objectContaining({ code: 'DOCUMENT_EMPTY' }));
  });
});

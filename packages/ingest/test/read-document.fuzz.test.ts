import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { expectSuccessOrInputError, FUZZ_RUNS, forbidNodeWarnings, mutatedText } from '../../core/src/fuzz.test-helper';
import { extractFromText } from '../src/extract';
import { parseLexiconText } from '../src/lexicon';
import { prepareDocument } from '../src/prepare-document';
import { readDocument } from '../src/read-document';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const lexiconText = read('lexicon.yaml');
const lexicon = parseLexiconText(lexiconText, 'lexicon.yaml');

/** Every fixture article (text, Markdown, HTML), with the extension that picks its format. */
const articles: [string, string][] = [
  ['harbour-talks.md', read('harbour-talks.md')],
  ['harbour-followup.html', read('harbour-followup.html')],
  ...readdirSync(path.join(fixtures, 'eval'))
    .filter((f) => !f.endsWith('.json'))
    .slice(0, 4)
    .map((f): [string, string] => [f, read(path.join('eval', f))]),
];

/** What the CLI and the API do with one article: prepare it, then extract with its publication date. */
function ingestInProcess(name: string, content: string, withLexicon: boolean): void {
  expectSuccessOrInputError(() => {
    const doc = prepareDocument(name, content);
    const x = extractFromText(doc.text, {
      ...(doc.meta.published ? { published: doc.meta.published } : {}),
      ...(withLexicon ? { lexicon } : {}),
    });
    // Offsets must point into the stored text: the evidence links of every event and quote depend on it.
    for (const e of [...x.events, ...x.quotes, ...x.sentences]) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(doc.text.length);
    }
    expect(() => JSON.stringify(x)).not.toThrow();
  });
}

/** Texts that stress the extractor's scanning: long tokens, runs of punctuation, deep or broken markup. */
const pathological = fc.oneof(
  fc
    // 2,000 characters at most: a long word still costs time quadratic in its length (issue 10, item 2).
    .tuple(fc.constantFrom('a', '-', '.', '"', '<', '&', ' ', '\n', '1', 'é'), fc.nat(2000))
    .map(([c, n]) => c.repeat(n)),
  fc.nat(1500).map((n) => `<html><body>${'<div>'.repeat(n)}Kyiv, March 3 - talks.${'</div>'.repeat(n)}</body></html>`),
  fc.nat(500).map((n) => `---\ntitle: ${'&a '.repeat(n)}\n---\n${'On May 5, 2025, Kyiv said "no". '.repeat(n % 50)}`),
  fc.string({ maxLength: 500 }),
  fc.string({ unit: 'binary', maxLength: 500 }),
);

describe('news article reader under fuzzing (text, Markdown, HTML)', () => {
  forbidNodeWarnings();

  it('regression (fuzz seed): front-matter with an unknown YAML tag is read without a printed warning', () => {
    const doc = prepareDocument('a.md', '---\ntitle: !W Talks\n---\nKyiv said no.\n');
    expect(doc.text).toContain('Kyiv said no.');
  });

  it('answers mutated articles with an extraction or an input error', () => {
    const mutated = fc.oneof(...articles.map(([name, text]) => mutatedText(text).map((m) => [name, m] as const)));
    fc.assert(
      fc.property(mutated, fc.boolean(), ([name, text], withLexicon) => ingestInProcess(name, text, withLexicon)),
      // Extraction is the slowest parser (about 15 ms an article): half the runs keep it to a few seconds.
      { numRuns: Math.max(50, FUZZ_RUNS / 2) },
    );
  });

  it('answers pathological and random texts under every format with an extraction or an input error', () => {
    fc.assert(
      fc.property(pathological, fc.constantFrom('a.txt', 'a.md', 'a.html', 'a'), (text, name) =>
        ingestInProcess(name, text, true),
      ),
      { numRuns: Math.max(50, FUZZ_RUNS / 3) },
    );
  }, 120_000);

  it('answers mutated lexicons with a lexicon or an input error', () => {
    fc.assert(
      fc.property(mutatedText(lexiconText), (text) =>
        expectSuccessOrInputError(() => parseLexiconText(text, 'l.yaml')),
      ),
      { numRuns: Math.max(50, FUZZ_RUNS / 2) },
    );
  });

  describe('readDocument from files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entente-fuzz-read-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('answers mutated and random bytes on disk with a document or an input error', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            mutatedText(articles[0]![1]).map((t) => Buffer.from(t)),
            fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
          ),
          fc.constantFrom('.txt', '.md', '.html'),
          async (bytes, ext) => {
            const file = path.join(dir, `doc-${n++}${ext}`);
            writeFileSync(file, bytes);
            try {
              await readDocument(file);
            } catch (error) {
              expectSuccessOrInputError(() => {
                throw error;
              });
            }
          },
        ),
        { numRuns: Math.max(50, FUZZ_RUNS / 3) },
      );
    });
  });
});

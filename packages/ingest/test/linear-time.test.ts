import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntenteError } from '@entente/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFromText } from '../src/extract';
import { prepareDocument } from '../src/prepare-document';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
// Long enough that a quadratic pass shows up as a factor well above the bound (a 64 KB word took 6 s before).
const LENGTH = 64_000;
// Time per character may be at most this many times an ordinary article's: generous, as the machine is shared.
const FACTOR = 10;

/** Milliseconds to prepare and extract one document; input errors (an empty page) count as an answer. */
function ingestTime(name: string, content: string): number {
  const started = performance.now();
  try {
    const doc = prepareDocument(name, content);
    extractFromText(doc.text, { published: '2025-03-01' });
  } catch (error) {
    if (!isEntenteError(error) || error.kind !== 'input') throw error;
  }
  return performance.now() - started;
}

/** The fastest of two runs: a pause of the shared machine should not read as slowness. */
const bestOfTwo = (name: string, content: string) => Math.min(ingestTime(name, content), ingestTime(name, content));

const ordinary = readdirSync(path.join(fixtures, 'eval'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(fixtures, 'eval', f), 'utf8'))
  .join('\n\n');
const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const ordinaryPage = repeatTo(ordinary, LENGTH);

const PUNCTUATION = [...'-.,;:!?"“”‘’\'()[]<>/*_`#&@=—–… \n'];
/** A short unit that, repeated, makes a pathological page: one long token, a punctuation run, broken markup, quotes. */
const unit = fc.oneof(
  fc.constantFrom('a', '-', '.', '_', '=', '@', 'x1', '—', '1,', 'A.', 'é'),
  fc.string({ unit: fc.constantFrom(...PUNCTUATION), minLength: 1, maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...PUNCTUATION, 'a', 'B', '1', ' '), minLength: 2, maxLength: 12 }),
  fc.constantFrom(
    '<a ',
    '<!-- ',
    '<script>',
    '</span>',
    '<p>',
    '&#x',
    '[a](',
    '![a](',
    '**a ',
    '```\n',
    'said "a" ',
    '“a ',
    ': ‘a b c ',
    "' ",
    'March 3 ',
    'since the 2022 ',
    'Zelensky said ',
    'two-day ',
    ', which ',
  ),
);
/** Elements nested thousands deep, closed, unclosed or closed by the wrong tag. */
const deepHtml = fc
  .record({
    open: fc.constantFrom('<div>', '<section class="related">', '<div class="share"><p>', '<article>', '<ul><li>'),
    close: fc.constantFrom('</div>', '</section>', '</p></div>', '</span>', ''),
  })
  .map(({ open, close }) => {
    const depth = Math.floor(LENGTH / (open.length + close.length + 1));
    return `<p>Kyiv said on 3 March that talks would resume.</p>${open.repeat(depth)}x${close.repeat(depth)}`;
  });
const page = fc.oneof(
  fc
    .record({ unit, format: fc.constantFrom('page.txt', 'page.md', 'page.html'), inSentence: fc.boolean() })
    .map(({ unit, format, inSentence }) => {
      const body = repeatTo(unit, LENGTH);
      return [format, inSentence ? `Kyiv said on 3 March that ${body} talks would resume.` : body] as const;
    }),
  deepHtml.map((html) => ['page.html', html] as const),
);

describe('extraction time grows linearly with the text', () => {
  it('spends at most a constant factor more per character on pathological pages than on an ordinary article', () => {
    ingestTime('warm-up.txt', ordinary);
    const baseline = bestOfTwo('ordinary.txt', ordinaryPage) / LENGTH;
    let worst = { ratio: 0, sample: '' };
    fc.assert(
      fc.property(page, ([name, content]) => {
        let ratio = ingestTime(name, content) / content.length / baseline;
        // Over the bound: measure both again side by side, so a busy moment of the machine is not read as slowness.
        if (ratio > FACTOR)
          ratio = bestOfTwo(name, content) / content.length / (bestOfTwo('ordinary.txt', ordinaryPage) / LENGTH);
        if (ratio > worst.ratio) worst = { ratio, sample: `${name}: ${JSON.stringify(content.slice(0, 60))}` };
        expect(ratio, `${name} ${JSON.stringify(content.slice(0, 60))}`).toBeLessThanOrEqual(FACTOR);
      }),
      // No shrinking: each slow case costs seconds, and the first one already names the pattern.
      { numRuns: 40, endOnFailure: true },
    );
    expect(worst.ratio).toBeGreaterThan(0);
  }, 180_000);

  it('reads the words around an over-long token and keeps the offsets of the stored text', () => {
    const text = `Russia and Ukraine met in Istanbul on 3 March. ${'x'.repeat(50_000)} Kyiv said talks resumed on 5 March.`;
    const x = extractFromText(text, { published: '2025-03-10' });
    expect(x.events.map((e) => e.date)).toEqual(['2025-03-03', '2025-03-05']);
    for (const e of x.events) expect(text.slice(e.start, e.end)).toContain(e.dateText);
  });
});

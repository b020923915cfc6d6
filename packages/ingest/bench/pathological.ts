/**
 * Measures extraction time on pathological inputs (one long word, a run of dashes) beside an ordinary
 * article, at the sizes issue 10 reported, so a super-linear regression shows as a figure.
 * Usage: npx tsx packages/ingest/bench/pathological.ts [scale]   (scale 1 = 200 KB word, 107 KB dashes)
 */
import { readFileSync } from 'node:fs';
import { extractFromText } from '../src/index';
import { prepareDocument } from '../src/prepare-document';

const scale = Number(process.argv[2] ?? 1);
const article = readFileSync(new URL('../test/fixtures/harbour-talks.md', import.meta.url), 'utf8');
const ordinary = article.repeat(Math.ceil(10_000 / article.length)).slice(0, 10_000);

const cases: [string, string][] = [
  ['normal 10 KB article', ordinary],
  [`${Math.round(200 * scale)} KB word`, 'a'.repeat(Math.round(200_000 * scale))],
  [`${Math.round(107 * scale)} KB dashes`, `Talks resumed ${'-'.repeat(Math.round(107_000 * scale))} on 3 March.`],
];

// The first call loads the NLP model: a warm-up keeps that out of the figures.
extractFromText(article);

for (const [name, content] of cases) {
  const started = performance.now();
  const prepared = prepareDocument('bench.txt', content);
  const extraction = extractFromText(prepared.text, { published: '2025-03-01' });
  const ms = performance.now() - started;
  process.stdout.write(
    `${name.padEnd(22)} ${ms.toFixed(0).padStart(7)} ms  (${extraction.sentences.length} sentences)\n`,
  );
}

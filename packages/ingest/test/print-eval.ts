// Prints the evaluation scores and, with --details, what each article got wrong: `npx tsx packages/ingest/test/print-eval.ts`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateFolder, formatScores } from './evaluation';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/eval');
const { articles, totals } = evaluateFolder(folder);
if (process.argv.includes('--details')) {
  for (const a of articles) {
    console.log(`\n== ${a.expected.article} published=${a.published} place=${a.place}`);
    for (const e of a.extraction.events)
      console.log(
        `  E ${e.date} ${e.type} ${(e as { status?: string }).status ?? ''} [${e.actors.join(', ')}] «${e.dateText}»`,
      );
    for (const q of a.extraction.quotes) console.log(`  Q ${q.speaker} :: ${q.text}`);
    for (const f of a.extraction.figures)
      console.log(`  F ${f.kind} ${f.value ?? `${f.min}-${f.max}`} ${f.unit} «${f.text}»`);
  }
}
console.log(formatScores(totals));

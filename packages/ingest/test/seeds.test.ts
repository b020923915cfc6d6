import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Extraction, extractFromText, parseLexiconText, prepareDocument } from '../src/index';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) console.log(`seed articles not found at ${seedsDir}: skipping the seed extraction tests`);

const metadata = JSON.parse(readFileSync(path.join(here, 'seed-metadata.json'), 'utf8')) as {
  seeds: Record<string, { title: string; published: string }>;
};
const lexicon = parseLexiconText(readFileSync(path.join(here, 'fixtures/lexicon.yaml'), 'utf8'), 'lexicon.yaml');

function ingestSeed(name: string): { text: string; x: Extraction } {
  const meta = metadata.seeds[name]!;
  const doc = prepareDocument(name, readFileSync(path.join(seedsDir, name), 'utf8'), { published: meta.published });
  return { text: doc.text, x: extractFromText(doc.text, { published: meta.published, lexicon }) };
}

describe.skipIf(!haveSeeds)('the five seed articles (hand-checked expectations)', () => {
  it('000: Peskov on Kursk, the casualty estimates, 5% of GDP and the 30-day energy ceasefire', () => {
    const { x } = ingestSeed('000_b428bc22a4cc43b9.txt');
    const peskov = x.quotes.find((q) => q.text.includes('will not negotiate the exchange of its territory'));
    expect(peskov).toMatchObject({ speaker: 'Dmitry Peskov', speakerActor: 'russia' });
    expect(x.quotes.find((q) => q.text === 'Crimea is gone')?.speaker).toBe('Bryan Lanza');
    expect(x.figures).toContainEqual(
      expect.objectContaining({ kind: 'casualties', min: 165000, max: 235000, unit: 'soldiers' }),
    );
    expect(x.figures).toContainEqual(expect.objectContaining({ kind: 'casualties', value: 43000 }));
    expect(x.figures).toContainEqual(expect.objectContaining({ kind: 'percentage', value: 5, unit: 'percent of GDP' }));
    expect(x.figures).toContainEqual(
      expect.objectContaining({ kind: 'duration', value: 30, unit: 'day', text: '30-day' }),
    );
  });

  it('001: the talks that began in late February 2025', () => {
    const { x } = ingestSeed('001_83039b644387e352.txt');
    expect(x.events).toContainEqual(
      expect.objectContaining({ date: '2025-02', precision: 'month', type: 'talks', actors: ['usa'] }),
    );
  });

  it('002: the Istanbul talks on 16 May, the 25 May strike, the invasion date and the quotes', () => {
    const { x } = ingestSeed('002_a03c45c6a71a2a84.txt');
    const istanbul = x.events.find((e) => e.date === '2025-05-16');
    expect(istanbul).toMatchObject({ precision: 'day', type: 'talks' });
    expect(istanbul?.actors).toEqual(expect.arrayContaining(['russia', 'ukraine', 'turkey']));
    expect(x.events).toContainEqual(expect.objectContaining({ date: '2025-05-25', precision: 'day', type: 'attack' }));
    expect(x.events).toContainEqual(expect.objectContaining({ date: '2022-02-24', precision: 'day', type: 'attack' }));
    expect(x.events).toContainEqual(expect.objectContaining({ date: '2025-02-28', precision: 'day', type: 'meeting' }));
    expect(x.quotes.find((q) => q.text.startsWith('I’m not playing cards'))).toMatchObject({
      speaker: 'Zelenskyy',
      speakerActor: 'ukraine',
    });
    expect(x.quotes.find((q) => q.text.startsWith('I think we’re on the way'))).toMatchObject({
      speaker: 'Trump',
      speakerActor: 'usa',
    });
    expect(x.quotes.find((q) => q.text === 'yet another deception')?.speaker).toBe('Zelenskyy');
    expect(x.figures).toContainEqual(expect.objectContaining({ kind: 'casualties', value: 790000, unit: 'soldiers' }));
    expect(x.figures).toContainEqual(expect.objectContaining({ kind: 'duration', value: 30, text: '30-day' }));
  });

  it('003: the Alaska summit on 15 August 2025 between the US and Russia', () => {
    const { x } = ingestSeed('003_882182c4ddc9ec01.txt');
    const alaska = x.events.find((e) => e.date === '2025-08-15');
    // "a high-profile meeting with the Russian president Vladimir Putin": two presidents meeting is a summit.
    expect(alaska).toMatchObject({ precision: 'day', type: 'summit', actors: ['russia', 'usa'] });
    expect(x.events).toContainEqual(expect.objectContaining({ date: '2025-07', precision: 'month' }));
    expect(x.figures).toContainEqual(expect.objectContaining({ kind: 'casualties', value: 15, unit: 'civilians' }));
  });

  it('004: "earlier this month" resolves to August 2025, and Lavrov is quoted', () => {
    const { x } = ingestSeed('004_d271b302a1e6d015.txt');
    expect(x.events).toContainEqual(
      // "Trump met Putin in Alaska for high-stakes talks": the meeting was talks.
      expect.objectContaining({ date: '2025-08', precision: 'month', type: 'talks', actors: ['russia', 'usa'] }),
    );
    expect(x.quotes.find((q) => q.text.startsWith('Talks without Russia'))).toMatchObject({
      speaker: 'Lavrov',
      speakerActor: 'russia',
    });
  });

  it('every item points at its own text in the stored plain text', () => {
    for (const name of Object.keys(metadata.seeds)) {
      const { text, x } = ingestSeed(name);
      for (const s of x.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
      for (const q of x.quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
      for (const f of x.figures) expect(text.slice(f.start, f.end)).toBe(f.text);
      for (const d of x.dates) expect(text.slice(d.start, d.end)).toBe(d.text);
      for (const e of x.events) expect(text.slice(e.start, e.end)).toBe(x.sentences[e.sentence]?.text);
      for (const m of x.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  });
});

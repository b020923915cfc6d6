/**
 * Benchmark: ingest 1,000 generated ~800-word articles into SQLite and report articles per second
 * and peak memory, beside baselines measured in the same run: a fixed simple extractor (sentence
 * split + chrono only, `baselineExtract`), extraction alone (no storage),
 * and the same store fed document by document with one INSERT per row (naive).
 * Then the same ingest with extraction on piscina workers overlapping the store on the main thread.
 * The load average is printed beside the figures: on a shared machine, CPU per article is the steadier number.
 * Usage: npm run bench -- ingest [count] [worker-threads]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baselineExtract, type Extraction, extractFromText, runAhead, type ScenarioLexicon } from '@entente/ingest';
import { createExtractionPool, defaultExtractionThreads } from '@entente/runtime';
import { EvidenceStore } from '@entente/store';
import Database from 'better-sqlite3';

const COUNT = Number(process.argv[2] ?? 1000);
const THREADS = Number(process.argv[3] ?? defaultExtractionThreads());
const lexicon: ScenarioLexicon = {
  actors: [
    { id: 'northland', name: 'Northland', aliases: ['Nordby', 'President Aro'] },
    { id: 'southland', name: 'Southland', aliases: ['Sudvik', 'Minister Belle'] },
    { id: 'mediator', name: 'Mediator', aliases: ['Geneva', 'the envoy'] },
  ],
  issues: [
    { id: 'border', name: 'Border', keywords: ['border', 'territory'] },
    { id: 'ceasefire', name: 'Ceasefire', keywords: ['ceasefire', 'truce'] },
  ],
};

/** A small deterministic PRNG so every run benchmarks the same articles. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'];
const TEMPLATES = [
  (r: () => number) =>
    `Delegations of Northland and Southland met in Geneva on ${MONTHS[Math.floor(r() * 10)]} ${1 + Math.floor(r() * 27)} to discuss the border.`,
  () => 'Two days later, Nordby announced a 30-day ceasefire along the northern front, the envoy said.',
  (r: () => number) =>
    `"We will not give up any territory," President Aro said after the talks, adding that ${Math.floor(r() * 900) + 100} soldiers had been freed.`,
  (r: () => number) =>
    `According to Minister Belle, an estimated ${1000 + Math.floor(r() * 5000)} to ${7000 + Math.floor(r() * 5000)} civilians have been killed since the war began in 2019.`,
  (r: () => number) =>
    `Donors pledged $${(1 + r() * 9).toFixed(1)} billion in aid, about ${1 + Math.floor(r() * 9)} percent of Southland's yearly budget.`,
  () =>
    'Earlier this month, Sudvik proposed a prisoner exchange, but the talks stalled over the question of the eastern districts and their administration.',
  () =>
    'Analysts in both capitals warned that the process remained fragile, and that neither side had yet shown the flexibility that a lasting settlement would require.',
  () =>
    'Last September the two governments agreed on a phone call between their leaders, which took place in a tense atmosphere and produced no written statement.',
  () =>
    'Residents of the border towns described long queues for water and fuel, while aid convoys waited for permission to cross the checkpoints near the river.',
];

/** Generates one article of roughly `words` words. */
function generateArticle(index: number, words = 800): string {
  const r = prng(index + 1);
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    for (let i = 0; i < 3; i++) {
      const t = TEMPLATES[Math.floor(r() * TEMPLATES.length)]!;
      const sentence = t(r);
      sentences.push(sentence);
      count += sentence.split(' ').length;
    }
    paragraphs.push(sentences.join(' '));
  }
  return `Report number ${index}\n\n${paragraphs.join('\n\n')}`;
}

function published(i: number): string {
  return `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const loadBefore = os.loadavg();
const articles = Array.from({ length: COUNT }, (_, i) => generateArticle(i));
const avgWords = Math.round(articles.reduce((n, a) => n + a.split(/\s+/).length, 0) / COUNT);
extractFromText(articles[0]!, { published: '2025-01-01', lexicon }); // load the model before timing

// Baseline 0: a fixed simple extractor (sentence split + chrono only), the yardstick every version is measured against.
let c0 = process.cpuUsage();
let t0 = performance.now();
let baselineDates = 0;
for (const [i, text] of articles.entries()) baselineDates += baselineExtract(text, published(i)).dates.length;
const simpleSeconds = (performance.now() - t0) / 1000;
const simpleCpu = cpuSecondsSince(c0);

// Baseline 1: extraction alone.
c0 = process.cpuUsage();
t0 = performance.now();
let extractions: Extraction[] | undefined = articles.map((text, i) =>
  extractFromText(text, { published: published(i), lexicon }),
);
const extractSeconds = (performance.now() - t0) / 1000;
const extractCpu = cpuSecondsSince(c0);

const dir = mkdtempSync(path.join(os.tmpdir(), 'entente-bench-'));
try {
  // Baseline 2: naive storage, one INSERT statement per row, one transaction per document (no extraction).
  const naive = new Database(path.join(dir, 'naive.db'));
  naive.pragma('journal_mode = WAL');
  naive.exec(
    'CREATE TABLE docs(id INTEGER PRIMARY KEY, text TEXT); CREATE TABLE items(doc INTEGER, kind TEXT, start INTEGER, end INTEGER, text TEXT)',
  );
  t0 = performance.now();
  extractions.forEach((x, i) => {
    naive.exec('BEGIN');
    naive.prepare('INSERT INTO docs(id, text) VALUES (?, ?)').run(i, articles[i]);
    for (const s of x.sentences)
      naive.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?)').run(i, 's', s.start, s.end, s.text);
    for (const m of x.mentions)
      naive.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?)').run(i, 'm', m.start, m.end, m.text);
    naive.exec('COMMIT');
  });
  const naiveSeconds = (performance.now() - t0) / 1000;
  naive.close();
  extractions = undefined; // not kept alive through the runs that follow

  const now = new Date(Date.UTC(2025, 11, 31));
  const docOf = (i: number, extraction: Extraction) => ({
    source: `bench-${i}`,
    format: 'text',
    meta: { published: published(i) },
    text: articles[i]!,
    extraction,
  });

  // Entente, sequential: extract then store each article on the main thread (one transaction each).
  let store = await EvidenceStore.open({ kind: 'sqlite', path: path.join(dir, 'sequential.db') });
  let cpu0 = process.cpuUsage();
  t0 = performance.now();
  let storeCpu = 0;
  for (const [i, text] of articles.entries()) {
    const extraction = extractFromText(text, { published: published(i), lexicon });
    const s0 = process.cpuUsage();
    await store.addDocument(docOf(i, extraction), now);
    storeCpu += cpuSecondsSince(s0);
  }
  const sequentialSeconds = (performance.now() - t0) / 1000;
  const sequentialCpu = cpuSecondsSince(cpu0);
  const counts = await store.counts();
  await store.close();

  // Entente, pipelined: extraction on piscina workers while the main thread stores, in input order.
  const pool = createExtractionPool({ threads: THREADS, lexicon });
  // Warm the workers' JIT too (the main thread's has seen every article twice by now; a cold extractor runs at
  // about half speed for its first hundred articles): 100 articles each.
  const warm = articles.slice(0, 100 * pool.threads);
  await runAhead(
    warm,
    pool.threads * 2,
    (text, i) => pool.extract({ text, published: published(i) }),
    async () => {},
  );
  store = await EvidenceStore.open({ kind: 'sqlite', path: path.join(dir, 'pipelined.db') });
  cpu0 = process.cpuUsage();
  t0 = performance.now();
  await runAhead(
    articles,
    pool.threads * 2,
    (text, i) => pool.extract({ text, published: published(i) }),
    async (outcome, _text, i) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      await store.addDocument(docOf(i, outcome.value), now);
    },
  );
  const pipelinedSeconds = (performance.now() - t0) / 1000;
  const pipelinedCpu = cpuSecondsSince(cpu0);
  const pipelinedCounts = await store.counts();
  await store.close();
  await pool.close();
  clearInterval(sampler);

  const rate = (s: number) => (COUNT / s).toFixed(1).padStart(7);
  const cpuPer = (s: number) => `${((s * 1000) / COUNT).toFixed(2)} ms CPU/article`;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `ingest benchmark: ${COUNT} generated articles, ~${avgWords} words each, ${os.availableParallelism()} cores`,
  );
  console.log(`  load average (1, 5, 15 min): ${load(loadBefore)} before, ${load(os.loadavg())} after`);
  console.log(
    `  baseline  sentence split + chrono only (${baselineDates} dates):  ${rate(simpleSeconds)} articles/s  (${simpleSeconds.toFixed(2)} s, ${cpuPer(simpleCpu)})`,
  );
  console.log(
    `  entente   extraction only (no storage):                   ${rate(extractSeconds)} articles/s  (${extractSeconds.toFixed(2)} s, ${cpuPer(extractCpu)})`,
  );
  console.log(
    `  baseline  naive per-row SQLite inserts (no NLP):           ${rate(naiveSeconds)} articles/s  (${naiveSeconds.toFixed(2)} s)`,
  );
  console.log(
    `  entente   extraction + SQLite store, sequential:           ${rate(sequentialSeconds)} articles/s  (${sequentialSeconds.toFixed(2)} s, ${cpuPer(sequentialCpu)}, of which store ${cpuPer(storeCpu)})`,
  );
  console.log(
    `  entente   ${pool.threads} extraction worker(s) overlapping the store:  ${rate(pipelinedSeconds)} articles/s  (${pipelinedSeconds.toFixed(2)} s, ${cpuPer(pipelinedCpu)})`,
  );
  console.log(
    `  stored: ${counts.documents} documents, ${counts.sentences} sentences, ${counts.events} merged events from ${counts.event_sources} reports, ${counts.quotes} quotes, ${counts.figures} figures`,
  );
  const same = JSON.stringify(counts) === JSON.stringify(pipelinedCounts);
  console.log(
    `  pipelined store holds the same rows as the sequential one: ${same ? 'yes' : `NO: ${JSON.stringify(pipelinedCounts)}`}`,
  );
  console.log(`  peak memory (RSS, main thread and workers): ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  // What the CPU time alone allows, for a loaded machine whose wall-clock rates say little: an estimate, not a
  // measurement. Workers extract, the main thread stores, and all share the cores.
  const cores = os.availableParallelism();
  const extractSec = (sequentialCpu - storeCpu) / COUNT;
  const storeSec = storeCpu / COUNT;
  const ceiling = (workers: number) => Math.min(workers / extractSec, 1 / storeSec, cores / (pipelinedCpu / COUNT));
  console.log(
    `  CPU-bound ceiling on an idle machine (estimate): sequential ${(COUNT / sequentialCpu).toFixed(1)}/s, ${pool.threads} worker(s) + store on ${cores} cores ${ceiling(pool.threads).toFixed(1)}/s`,
  );
  const best = COUNT / Math.min(sequentialSeconds, pipelinedSeconds);
  console.log(`  target: >= 100 articles/s end to end -> ${best >= 100 ? 'met' : 'NOT met'} (${best.toFixed(1)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

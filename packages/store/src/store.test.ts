import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Extraction, extractFromText, type ScenarioLexicon } from '@entente/ingest';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from './database-target';
import { dateRange, EvidenceStore } from './store';

const lexicon: ScenarioLexicon = {
  actors: [
    { id: 'ukraine', name: 'Ukraine', aliases: ['Kyiv', 'Zelenskyy'] },
    { id: 'russia', name: 'Russia', aliases: ['the Kremlin', 'Peskov', 'Moscow'] },
    { id: 'turkey', name: 'Turkey', aliases: ['Istanbul'] },
  ],
  issues: [{ id: 'ceasefire', name: 'Ceasefire', keywords: ['truce', 'ceasefire'] }],
};

const ARTICLE_A = 'Ukraine and Russia met in Istanbul on March 3. "We want calm at sea," Peskov said.';
const ARTICLE_B =
  'On March 3, delegations of Ukraine and Russia met in Istanbul about the ceasefire at sea. Moscow later announced a strike on Kyiv on March 9.';
const ARTICLE_C = 'Kyiv and Moscow held a meeting on March 3 about grain prices in Geneva.';

function docOf(text: string, published = '2025-03-12') {
  const extraction: Extraction = extractFromText(text, { published, lexicon });
  return { source: 'test', format: 'text', meta: { published, title: text.slice(0, 20) }, text, extraction };
}

const NOW = new Date(Date.UTC(2025, 3, 1));

/** The store behaviour every backend must show. */
function storeSuite(name: string, makeTarget: () => Promise<DatabaseTarget>, cleanup: () => Promise<void>) {
  describe(name, () => {
    let store: EvidenceStore;
    beforeAll(async () => {
      store = await EvidenceStore.open(await makeTarget());
    });
    afterAll(async () => {
      await store?.close();
      await cleanup();
    });

    it('stores a document with its sentences, quotes and events, and adds nothing the second time', async () => {
      expect(await store.documentCount()).toBe(0);
      const first = await store.addDocument(docOf(ARTICLE_A), NOW);
      expect(await store.documentCount()).toBe(1);
      // Hits and event sources carry the document's title and publication date, not only its id.
      const [hit] = await store.search('calm');
      expect(hit).toMatchObject({ document: first.id, title: ARTICLE_A.slice(0, 20), published: '2025-03-12' });
      const [event] = await store.timeline();
      expect(event?.sources[0]).toMatchObject({ title: ARTICLE_A.slice(0, 20), published: '2025-03-12' });
      expect(first.added).toBe(true);
      const before = await store.counts();
      expect(before).toMatchObject({ documents: 1, sentences: 2, quotes: 1, events: 1, event_sources: 1 });
      const again = await store.addDocument(docOf(ARTICLE_A), NOW);
      expect(again).toEqual({ id: first.id, added: false, mergedEvents: 0 });
      expect(await store.counts()).toEqual(before);
      expect(await store.documentText(first.id)).toBe(ARTICLE_A);
      // The aliases the article used map to their actors, so filters need no scenario file.
      const names = await store.actorNames();
      expect(names.get('Peskov')).toBe('russia');
      expect(names.get('Istanbul')).toBe('turkey');
      expect(names.has('calm')).toBe(false);
    });

    it('merges the same event from another article into one event with two sources', async () => {
      const b = await store.addDocument(docOf(ARTICLE_B), NOW);
      expect(b.mergedEvents).toBe(1);
      const timeline = await store.timeline();
      const march3 = timeline.filter((e) => e.date === '2025-03-03');
      expect(march3).toHaveLength(1);
      expect(march3[0]!.type).toBe('meeting');
      expect(march3[0]!.sources.map((s) => s.text)).toEqual([
        'Ukraine and Russia met in Istanbul on March 3.',
        'On March 3, delegations of Ukraine and Russia met in Istanbul about the ceasefire at sea.',
      ]);
      expect(march3[0]!.actors).toEqual(['russia', 'turkey', 'ukraine']);
    });

    it('keeps events of another type apart even on the same day with the same actors', async () => {
      await store.addDocument(docOf(ARTICLE_C), NOW);
      const march3 = (await store.timeline()).filter((e) => e.date === '2025-03-03');
      // "held a meeting" is a meeting too, with overlapping actors: it merges; no new event appears.
      expect(march3).toHaveLength(1);
      expect(march3[0]!.sources).toHaveLength(3);
    });

    it('orders the timeline by date and filters by actor, issue and date range', async () => {
      const all = await store.timeline();
      const starts = all.map((e) => dateRange(e.date).start);
      expect(starts).toEqual([...starts].sort());
      expect((await store.timeline({ actor: 'turkey' })).map((e) => e.date)).toEqual(['2025-03-03']);
      expect((await store.timeline({ from: '2025-03-05' })).map((e) => `${e.date} ${e.type}`)).toEqual([
        '2025-03-09 attack',
      ]);
      expect((await store.timeline({ to: '2025-03-04', issue: 'ceasefire' })).map((e) => e.date)).toEqual([
        '2025-03-03',
      ]);
      expect(await store.timeline({ actor: 'nobody' })).toEqual([]);
    });

    it('finds sentences and quotes by full-text search, with offsets into the stored text', async () => {
      const hits = await store.search('calm sea');
      const quote = hits.find((h) => h.kind === 'quote');
      expect(quote).toMatchObject({ text: 'We want calm at sea', speaker: 'Peskov' });
      expect(ARTICLE_A.slice(quote!.start, quote!.end)).toBe('We want calm at sea');
      const strikes = await store.search('strike Kyiv');
      expect(strikes.map((h) => h.text)).toEqual(['Moscow later announced a strike on Kyiv on March 9.']);
      expect(await store.search('"unbalanced OR NEAR(')).toEqual([]);
    });

    it('merges two reports of one event within a document, and stores concurrent calls one by one', async () => {
      const text =
        'Kyiv and Moscow met in Istanbul on March 21. On March 21, Ukraine and Russia met again in Istanbul, Peskov said.';
      const results = await Promise.all([
        store.addDocument(docOf(text, '2025-03-30'), NOW),
        store.addDocument(docOf(text, '2025-03-30'), NOW),
        store.addDocument(docOf('Russia struck Kyiv with drones on March 22.', '2025-03-30'), NOW),
      ]);
      expect(results.map((r) => r.added)).toEqual([true, false, true]);
      // The second report joins the event the first one created in the same transaction.
      expect(results[0]!.mergedEvents).toBe(1);
      const march21 = (await store.timeline()).filter((e) => e.date === '2025-03-21');
      expect(march21).toHaveLength(1);
      expect(march21[0]!.sources).toHaveLength(2);
      expect(march21[0]!.actors).toEqual(['russia', 'turkey', 'ukraine']);
      expect((await store.search('drones')).map((h) => h.text)).toEqual([
        'Russia struck Kyiv with drones on March 22.',
      ]);
    });

    it('rolls a failing document back whole and keeps the others', async () => {
      const before = await store.counts();
      const broken = docOf('Ukraine met Russia on March 20 in Istanbul.');
      // An event pointing at a sentence that does not exist makes the insert fail half-way.
      broken.extraction.events.push({ ...broken.extraction.events[0]!, type: null as unknown as 'meeting' });
      await expect(store.addDocument(broken, NOW)).rejects.toThrow();
      expect(await store.counts()).toEqual(before);
    });
    it('replaces a stored text: a corrected publication date re-resolves its events, nothing else is lost', async () => {
      // Runs last: A and C (stored above) both report the meeting of 3 March 2025, merged into one event.
      const a = (await store.addDocument(docOf(ARTICLE_A), NOW)).id;
      const c = (await store.addDocument(docOf(ARTICLE_C), NOW)).id;
      const before = await store.counts();
      const hitsBefore = await store.search('calm');
      const replaced = await store.replaceDocument(docOf(ARTICLE_A, '2026-03-12'), NOW);
      expect(replaced).toMatchObject({ id: a, added: true, replaced: true });
      const after = await store.counts();
      expect(after).toMatchObject({ documents: before.documents, sentences: before.sentences, quotes: before.quotes });
      expect(await store.documentMeta(a)).toMatchObject({ published: '2026-03-12' });
      const timeline = await store.timeline();
      // A's report moved to 2026; the 2025 meeting keeps C's report and loses A's.
      expect(timeline.find((e) => e.date === '2026-03-03')?.sources.map((x) => x.document)).toEqual([a]);
      const march3 = timeline.find((e) => e.date === '2025-03-03' && e.type === 'meeting');
      expect(march3?.sources.map((x) => x.document)).toContain(c);
      expect(march3?.sources.map((x) => x.document)).not.toContain(a);
      // The search index holds the new rows once, not the old ones beside them.
      expect(hitsBefore.length).toBeGreaterThan(0);
      expect(await store.search('calm')).toEqual(hitsBefore.map((h) => ({ ...h, published: '2026-03-12' })));
      // Replaced again with its first date, it joins the 2025 meeting again and the 2026 event is gone.
      await store.replaceDocument(docOf(ARTICLE_A), NOW);
      expect(await store.counts()).toEqual(before);
      expect((await store.timeline()).some((e) => e.date === '2026-03-03')).toBe(false);
    });

    it('merges one exchange reported at a day and at a month by two articles, keeping both sources', async () => {
      const day = 'Russia and Ukraine carried out a prisoner exchange in Istanbul on May 16, freeing 390 people each.';
      const month = 'In May, Moscow and Kyiv completed a prisoner exchange near the Belarusian border.';
      const other = 'In May, Turkey and Russia completed a prisoner exchange.';
      const first = await store.addDocument(docOf(day, '2025-05-28'), NOW);
      const second = await store.addDocument(docOf(month, '2025-05-30'), NOW);
      expect(second.mergedEvents).toBe(1);
      const swaps = (await store.timeline({ from: '2025-05-01', to: '2025-05-31' })).filter(
        (e) => e.type === 'prisoner_exchange',
      );
      expect(swaps).toHaveLength(1);
      expect(swaps[0]!.date).toBe('2025-05-16');
      expect(swaps[0]!.sources.map((x) => [x.document, x.text])).toEqual([
        [first.id, day],
        [second.id, month],
      ]);
      // The day-dated event joins a stored month event as well, when an actor is shared.
      const third = await store.addDocument(docOf(other, '2025-05-31'), NOW);
      expect(third.mergedEvents).toBe(1);
      // Another month is not compatible with May 16, whatever the actors.
      const april = await store.addDocument(
        docOf('In April, Moscow and Kyiv completed a prisoner exchange during a truce.'),
        NOW,
      );
      expect(april.mergedEvents).toBe(0);
      // The keyword that tagged a sentence names its issue for filters, with no scenario at hand.
      expect((await store.issueNames()).get('truce')).toBe('ceasefire');
      // Told at a month first, the event takes the day a later report gives.
      await store.addDocument(docOf('In June, Moscow and Kyiv completed a prisoner exchange.', '2025-06-30'), NOW);
      const june10 = await store.addDocument(
        docOf('Russia and Ukraine carried out a prisoner exchange on June 10.', '2025-06-30'),
        NOW,
      );
      expect(june10.mergedEvents).toBe(1);
      const june = (await store.timeline({ from: '2025-06-01', to: '2025-06-30' })).filter(
        (e) => e.type === 'prisoner_exchange',
      );
      expect(june.map((e) => [e.date, e.precision, e.sources.length])).toEqual([['2025-06-10', 'day', 2]]);
    });

    it('keeps the span of days an event was told over, and a week narrower than its month', async () => {
      const span = docOf('Ukraine and Russia held talks in Istanbul on July 10.', '2025-07-20');
      const talks = span.extraction.events.find((e) => e.type === 'talks')!;
      expect(talks.date).toBe('2025-07-10');
      talks.until = '2025-07-11';
      await store.addDocument(span, NOW);
      const week = docOf('In July, Kyiv and Moscow held a call about grain.', '2025-07-20');
      const call = week.extraction.events[0]!;
      expect(call.precision).toBe('month');
      call.week = '2025-W28';
      await store.addDocument(week, NOW);
      const july = await store.timeline({ from: '2025-07-01', to: '2025-07-31' });
      expect(july.map((e) => [e.date, e.span])).toEqual([
        ['2025-07', { start: '2025-07-07', end: '2025-07-13' }],
        ['2025-07-10', { start: '2025-07-10', end: '2025-07-11' }],
      ]);
      // A filter that ends on the first day of the talks does not claim the two-day event.
      expect((await store.timeline({ from: '2025-07-10', to: '2025-07-10' })).map((e) => e.date)).toEqual([]);
      expect((await store.timeline({ from: '2025-07-10', to: '2025-07-11' })).map((e) => e.date)).toEqual([
        '2025-07-10',
      ]);
    });

    it('keeps background reports flagged: an event is background only when every report tells it so', async () => {
      const text = 'Kyiv and Moscow met in Minsk in 2015, which had been a low point. Talks resumed on August 2.';
      const old = docOf(text, '2025-08-03');
      expect(old.extraction.events.find((e) => e.date === '2015')?.background).toBe(true);
      await store.addDocument(old, NOW);
      const inMinsk = await store.timeline({ from: '2015', to: '2015' });
      expect(inMinsk.map((e) => [e.date, e.background])).toEqual([['2015', true]]);
      expect((await store.timeline({ from: '2015', to: '2015', background: false })).length).toBe(0);
      // A later article that tells the same meeting as its news makes it news.
      const news = docOf('Kyiv and Moscow met in Minsk in 2015.', '2015-12-30');
      expect(news.extraction.events[0]?.background).toBeUndefined();
      expect((await store.addDocument(news, NOW)).mergedEvents).toBe(1);
      const merged = await store.timeline({ from: '2015', to: '2015', background: false });
      expect(merged.map((e) => [e.date, e.background, e.sources.map((x) => x.background ?? false)])).toEqual([
        ['2015', undefined, [true, false]],
      ]);
    });
  });
}

storeSuite(
  'SQLite store',
  async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entente-store-'));
    process.env.__ENTENTE_TEST_DIR = dir;
    return { kind: 'sqlite', path: path.join(dir, 'test.db') };
  },
  async () => {
    const dir = process.env.__ENTENTE_TEST_DIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);

const pgUrl = process.env.ENTENTE_TEST_PG_URL;
if (!pgUrl) console.log('ENTENTE_TEST_PG_URL is not set: skipping the PostgreSQL store tests (.ci/run sets it).');
const dbName = `entente_t_${process.pid}_${Math.floor(Math.random() * 1e6)}`;

describe.skipIf(!pgUrl)('PostgreSQL', () => {
  storeSuite(
    'PostgreSQL store',
    async () => {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.end();
      const url = new URL(pgUrl!);
      url.pathname = `/${dbName}`;
      return { kind: 'postgres', url: url.toString() };
    },
    async () => {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    },
  );
});

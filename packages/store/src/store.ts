import { createHash } from 'node:crypto';
import { EntenteError } from '@entente/core';
import type { DatePrecision, DocumentMeta, ExtractedEvent, Extraction } from '@entente/ingest';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DatabaseTarget } from './database-target';
import { type OpenDatabase, openDatabase } from './open-database';
import type { Database, Dialect } from './schema';

/** A document and what was extracted from it, ready to store. */
export interface DocumentToStore {
  source: string;
  format: string;
  meta: DocumentMeta;
  text: string;
  extraction: Extraction;
}

/** What storing a document did. */
export interface StoredDocument {
  id: string;
  /** False when the same text was already stored: nothing was added. */
  added: boolean;
  /** Events that joined an event already stored (same date, precision, type, overlapping actors). */
  mergedEvents: number;
}

/** Filters for the timeline; dates are `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`). */
export interface TimelineFilter {
  actor?: string;
  issue?: string;
  from?: string;
  to?: string;
}

/** A merged event with every sentence that reports it. */
export interface TimelineEvent {
  id: number;
  date: string;
  precision: DatePrecision;
  type: string;
  actors: string[];
  issues: string[];
  summary: string;
  sources: { document: string; title: string | null; text: string; start: number; end: number }[];
}

/** A sentence or quote that matches a search, with its provenance. */
export interface SearchHit {
  kind: 'sentence' | 'quote';
  document: string;
  title: string | null;
  text: string;
  start: number;
  end: number;
  speaker?: string | null;
}

/** The id a document gets from its text: stable across databases and runs. */
export function documentIdOf(text: string): { id: string; hash: string } {
  const hash = createHash('sha256').update(text).digest('hex');
  return { id: hash.slice(0, 16), hash };
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day a partial date covers. */
export function dateRange(date: string): { start: string; end: string } {
  const [y = '0000', m, d] = date.split('-');
  if (d && m) return { start: date, end: date };
  if (m)
    return { start: `${y}-${m}-01`, end: `${y}-${m}-${String(lastDayOfMonth(Number(y), Number(m))).padStart(2, '0')}` };
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

function summarise(event: ExtractedEvent, sentence: string): string {
  const who = event.actors.length > 0 ? ` (${event.actors.join(', ')})` : '';
  const text = sentence.length > 160 ? `${sentence.slice(0, 157).trimEnd()}…` : sentence;
  return `${event.type.replace('_', ' ')}${who}: ${text}`;
}

async function insertChunked<T extends keyof Database & string>(
  trx: Transaction<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  // Rows are built to match the table's columns by the callers; Kysely cannot check a generic table.
  const into = trx.insertInto(table) as unknown as {
    values(rows: Record<string, unknown>[]): { execute(): Promise<unknown> };
  };
  for (let i = 0; i < rows.length; i += 400) await into.values(rows.slice(i, i + 400)).execute();
}

/** The evidence store: documents, their extracted items, merged events and full-text search. */
export class EvidenceStore {
  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    readonly target: DatabaseTarget,
  ) {}

  /** Opens a store (running its migrations). */
  static async open(target: DatabaseTarget): Promise<EvidenceStore> {
    const opened: OpenDatabase = await openDatabase(target);
    return new EvidenceStore(opened.db, opened.dialect, opened.target);
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Stores one document and its items in one transaction: either all of it is stored or none.
   * The same text stored again adds nothing; events reported before join the stored event.
   */
  async addDocument(doc: DocumentToStore, ingestedAt: Date): Promise<StoredDocument> {
    const { id, hash } = documentIdOf(doc.text);
    const existing = await this.db
      .selectFrom('documents')
      .select('id')
      .where('content_hash', '=', hash)
      .executeTakeFirst();
    if (existing) return { id: existing.id, added: false, mergedEvents: 0 };
    try {
      return await this.db.transaction().execute(async (trx) => this.insertDocument(trx, doc, id, hash, ingestedAt));
    } catch (error) {
      // Another process stored the same text meanwhile: that is the idempotent outcome too.
      const again = await this.db
        .selectFrom('documents')
        .select('id')
        .where('content_hash', '=', hash)
        .executeTakeFirst();
      if (again) return { id: again.id, added: false, mergedEvents: 0 };
      throw error;
    }
  }

  private async insertDocument(
    trx: Transaction<Database>,
    doc: DocumentToStore,
    id: string,
    hash: string,
    ingestedAt: Date,
  ): Promise<StoredDocument> {
    const x = doc.extraction;
    await trx
      .insertInto('documents')
      .values({
        id,
        content_hash: hash,
        source: doc.source,
        title: doc.meta.title ?? null,
        outlet: doc.meta.outlet ?? null,
        url: doc.meta.url ?? null,
        published: doc.meta.published ?? null,
        format: doc.format,
        text: doc.text,
        ingested_at: ingestedAt.toISOString(),
      })
      .execute();
    await insertChunked(
      trx,
      'sentences',
      x.sentences.map((s) => ({
        document_id: id,
        idx: s.index,
        start_offset: s.start,
        end_offset: s.end,
        text: s.text,
      })),
    );
    await insertChunked(
      trx,
      'quotes',
      x.quotes.map((q) => ({
        document_id: id,
        sentence_idx: q.sentence,
        speaker: q.speaker,
        speaker_actor: q.speakerActor,
        text: q.text,
        start_offset: q.start,
        end_offset: q.end,
      })),
    );
    await insertChunked(
      trx,
      'figures',
      x.figures.map((f) => ({
        document_id: id,
        sentence_idx: f.sentence,
        value: f.value ?? null,
        min_value: f.min ?? null,
        max_value: f.max ?? null,
        unit: f.unit,
        kind: f.kind,
        text: f.text,
        start_offset: f.start,
        end_offset: f.end,
      })),
    );
    await insertChunked(
      trx,
      'actor_mentions',
      x.mentions.map((m) => ({
        document_id: id,
        sentence_idx: m.sentence,
        text: m.text,
        actor: m.actor,
        kind: m.kind,
        start_offset: m.start,
        end_offset: m.end,
      })),
    );
    // Search entries and links need the ids just assigned: read them back in one query per table.
    const sentenceIds = await trx.selectFrom('sentences').select(['id', 'idx']).where('document_id', '=', id).execute();
    const sentenceIdOf = new Map(sentenceIds.map((r) => [r.idx, r.id]));
    const quoteRows = await trx
      .selectFrom('quotes')
      .select(['id', 'start_offset', 'end_offset', 'text', 'speaker_actor'])
      .where('document_id', '=', id)
      .execute();
    await insertChunked(trx, 'search_entries', [
      ...x.sentences.map((s) => ({
        kind: 'sentence',
        item_id: sentenceIdOf.get(s.index) ?? 0,
        document_id: id,
        start_offset: s.start,
        end_offset: s.end,
        text: s.text,
      })),
      ...quoteRows.map((q) => ({
        kind: 'quote',
        item_id: q.id,
        document_id: id,
        start_offset: q.start_offset,
        end_offset: q.end_offset,
        text: q.text,
      })),
    ]);
    const links: Record<string, unknown>[] = [];
    for (const tag of x.issueTags) {
      const sid = sentenceIdOf.get(tag.sentence);
      if (sid !== undefined)
        links.push({
          item_kind: 'sentence',
          item_id: sid,
          document_id: id,
          target_kind: 'issue',
          target_id: tag.issue,
        });
    }
    for (const q of quoteRows) {
      if (q.speaker_actor)
        links.push({
          item_kind: 'quote',
          item_id: q.id,
          document_id: id,
          target_kind: 'actor',
          target_id: q.speaker_actor,
        });
    }
    const { sources, mergedEvents } = await this.placeEvents(trx, id, x, links);
    await insertChunked(trx, 'event_sources', sources);
    await insertChunked(trx, 'links', links);
    return { id, added: true, mergedEvents };
  }

  /**
   * Matches each extracted event against stored events with the same date, precision and type and
   * an actor in common (one query for the whole document), creating the events that are new.
   */
  private async placeEvents(
    trx: Transaction<Database>,
    documentId: string,
    x: Extraction,
    links: Record<string, unknown>[],
  ): Promise<{ sources: Record<string, unknown>[]; mergedEvents: number }> {
    const sources: Record<string, unknown>[] = [];
    if (x.events.length === 0) return { sources, mergedEvents: 0 };
    type Known = { id: number; actors: Set<string>; issues: Set<string> };
    const keyOf = (e: { date: string; precision: string; type: string }) => `${e.date}|${e.precision}|${e.type}`;
    const known = new Map<string, Known[]>();
    // Two index-friendly queries (mergeable events by key, then their links) rather than one join.
    const eventRows = await trx
      .selectFrom('events')
      .select(['id', 'date', 'precision', 'type'])
      .where('merge_key', 'in', [...new Set(x.events.filter((e) => e.actors.length > 0).map(keyOf))].concat(['']))
      .orderBy('id')
      .execute();
    const byId = new Map<number, Known>();
    for (const row of eventRows) {
      const entry: Known = { id: row.id, actors: new Set(), issues: new Set() };
      byId.set(row.id, entry);
      const key = keyOf(row);
      known.set(key, [...(known.get(key) ?? []), entry]);
    }
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const linkRows = await trx
        .selectFrom('links')
        .select(['item_id', 'target_kind', 'target_id'])
        .where('item_kind', '=', 'event')
        .where('item_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of linkRows) {
        const entry = byId.get(row.item_id);
        if (row.target_kind === 'actor') entry?.actors.add(row.target_id);
        if (row.target_kind === 'issue') entry?.issues.add(row.target_id);
      }
    }
    let mergedEvents = 0;
    for (const event of x.events) {
      const sentence = x.sentences[event.sentence]?.text ?? '';
      const candidates = known.get(keyOf(event)) ?? [];
      let target =
        event.actors.length > 0 ? candidates.find((c) => event.actors.some((a) => c.actors.has(a))) : undefined;
      if (target) {
        mergedEvents++;
      } else {
        const range = dateRange(event.date);
        const inserted = await trx
          .insertInto('events')
          .values({
            date: event.date,
            precision: event.precision,
            date_start: range.start,
            date_end: range.end,
            type: event.type,
            summary: summarise(event, sentence),
            merge_key: event.actors.length > 0 ? keyOf(event) : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        target = { id: inserted.id, actors: new Set(), issues: new Set() };
        known.set(keyOf(event), [...candidates, target]);
      }
      for (const actor of event.actors) {
        if (target.actors.has(actor)) continue;
        target.actors.add(actor);
        links.push({
          item_kind: 'event',
          item_id: target.id,
          document_id: null,
          target_kind: 'actor',
          target_id: actor,
        });
      }
      for (const issue of event.issues) {
        if (target.issues.has(issue)) continue;
        target.issues.add(issue);
        links.push({
          item_kind: 'event',
          item_id: target.id,
          document_id: null,
          target_kind: 'issue',
          target_id: issue,
        });
      }
      sources.push({
        event_id: target.id,
        document_id: documentId,
        sentence_idx: event.sentence,
        start_offset: event.start,
        end_offset: event.end,
        text: sentence,
        date_text: event.dateText,
      });
    }
    return { sources, mergedEvents };
  }

  /** Merged events in date order with their sources, filtered by actor, issue and date range. */
  async timeline(filter: TimelineFilter = {}): Promise<TimelineEvent[]> {
    let query = this.db.selectFrom('events').selectAll('events');
    if (filter.from) query = query.where('date_end', '>=', dateRange(filter.from).start);
    if (filter.to) query = query.where('date_start', '<=', dateRange(filter.to).end);
    if (filter.actor) {
      const actor = filter.actor.toLowerCase();
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('links')
            .select('links.id')
            .whereRef('links.item_id', '=', 'events.id')
            .where('links.item_kind', '=', 'event')
            .where('links.target_kind', '=', 'actor')
            .where(sql<string>`lower(links.target_id)`, '=', actor),
        ),
      );
    }
    if (filter.issue) {
      const issue = filter.issue;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('links')
            .select('links.id')
            .whereRef('links.item_id', '=', 'events.id')
            .where('links.item_kind', '=', 'event')
            .where('links.target_kind', '=', 'issue')
            .where('links.target_id', '=', issue),
        ),
      );
    }
    const events = await query.orderBy('date_start').orderBy('date_end', 'desc').orderBy('id').execute();
    if (events.length === 0) return [];
    const ids = events.map((e) => e.id);
    const [links, sources] = await Promise.all([
      this.db
        .selectFrom('links')
        .select(['item_id', 'target_kind', 'target_id'])
        .where('item_kind', '=', 'event')
        .where('item_id', 'in', ids)
        .orderBy('target_id')
        .execute(),
      this.db
        .selectFrom('event_sources')
        .leftJoin('documents', 'documents.id', 'event_sources.document_id')
        .select([
          'event_sources.event_id',
          'event_sources.document_id',
          'documents.title',
          'event_sources.text',
          'event_sources.start_offset',
          'event_sources.end_offset',
        ])
        .where('event_sources.event_id', 'in', ids)
        .orderBy('event_sources.id')
        .execute(),
    ]);
    return events.map((e) => ({
      id: e.id,
      date: e.date,
      precision: e.precision as DatePrecision,
      type: e.type,
      actors: links.filter((l) => l.item_id === e.id && l.target_kind === 'actor').map((l) => l.target_id),
      issues: links.filter((l) => l.item_id === e.id && l.target_kind === 'issue').map((l) => l.target_id),
      summary: e.summary,
      sources: sources
        .filter((s) => s.event_id === e.id)
        .map((s) => ({
          document: s.document_id,
          title: s.title,
          text: s.text,
          start: s.start_offset,
          end: s.end_offset,
        })),
    }));
  }

  /** Full-text search over sentences and quotes (FTS5 on SQLite, tsvector on PostgreSQL), best first. */
  async search(query: string, limit = 50): Promise<SearchHit[]> {
    const terms = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (terms.length === 0) {
      throw new EntenteError('SEARCH_EMPTY', 'The search query has no words: give at least one word to look for.');
    }
    type Row = {
      kind: string;
      item_id: number;
      document_id: string;
      start_offset: number;
      end_offset: number;
      text: string;
    };
    let rows: Row[];
    if (this.dialect === 'sqlite') {
      // Each word is quoted so that FTS5 operators in user input are taken literally.
      const match = terms.map((t) => `"${t}"`).join(' ');
      const result = await sql<Row>`
        SELECT e.kind, e.item_id, e.document_id, e.start_offset, e.end_offset, e.text
        FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
        WHERE search_fts MATCH ${match}
        ORDER BY bm25(search_fts), e.id LIMIT ${limit}`.execute(this.db);
      rows = result.rows;
    } else {
      const text = terms.join(' ');
      const result = await sql<Row>`
        SELECT kind, item_id, document_id, start_offset, end_offset, text
        FROM search_entries
        WHERE tsv @@ plainto_tsquery('english', ${text})
        ORDER BY ts_rank(tsv, plainto_tsquery('english', ${text})) DESC, id LIMIT ${limit}`.execute(this.db);
      rows = result.rows;
    }
    if (rows.length === 0) return [];
    const docIds = [...new Set(rows.map((r) => r.document_id))];
    const quoteIds = rows.filter((r) => r.kind === 'quote').map((r) => r.item_id);
    const [titles, speakers] = await Promise.all([
      this.db.selectFrom('documents').select(['id', 'title']).where('id', 'in', docIds).execute(),
      quoteIds.length > 0
        ? this.db.selectFrom('quotes').select(['id', 'speaker']).where('id', 'in', quoteIds).execute()
        : Promise.resolve([]),
    ]);
    return rows.map((r) => {
      const hit: SearchHit = {
        kind: r.kind === 'quote' ? 'quote' : 'sentence',
        document: r.document_id,
        title: titles.find((t) => t.id === r.document_id)?.title ?? null,
        text: r.text,
        start: r.start_offset,
        end: r.end_offset,
      };
      if (r.kind === 'quote') hit.speaker = speakers.find((s) => s.id === r.item_id)?.speaker ?? null;
      return hit;
    });
  }

  /** Counts rows per table (for reports and tests). */
  async counts(): Promise<Record<string, number>> {
    const tables = [
      'documents',
      'sentences',
      'events',
      'event_sources',
      'quotes',
      'figures',
      'actor_mentions',
      'links',
    ] as const;
    const out: Record<string, number> = {};
    for (const table of tables) {
      const row = await this.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  /** The stored plain text of a document, or undefined. */
  async documentText(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('documents').select('text').where('id', '=', id).executeTakeFirst();
    return row?.text;
  }
}

import { createHash } from 'node:crypto';
import { EntenteError } from '@entente/core/errors';
import type { DatePrecision } from '@entente/ingest';
import { type Kysely, sql } from 'kysely';
import type { DatabaseTarget } from './database-target';
import { dateRange } from './date-range';
import {
  type DocumentWriter,
  ISSUE_KEYWORD_SEPARATOR,
  kyselyDocumentWriter,
  sqliteDocumentWriter,
} from './document-writer';
import { type OpenDatabase, openDatabase } from './open-database';
import type { Database, Dialect } from './schema';
import { type DocumentToStore, type StoredDocument, writeDocument } from './write-document';

export type { DocumentToStore, StoredDocument } from './write-document';
export { dateRange };

/** Filters for the timeline; dates are `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`). */
export interface TimelineFilter {
  actor?: string;
  issue?: string;
  from?: string;
  to?: string;
  /** False leaves out the events every report tells as background. */
  background?: boolean;
}

/** A merged event with every sentence that reports it. */
export interface TimelineEvent {
  id: number;
  date: string;
  precision: DatePrecision;
  /** The days the event covers when the text told them more exactly than `date` ("May 10-11", "last week"). */
  span?: { start: string; end: string };
  /** Set when every report tells the event as the story's background, not its news. */
  background?: true;
  type: string;
  /** reported | planned | hypothetical | denied. */
  status: string;
  actors: string[];
  issues: string[];
  summary: string;
  sources: {
    document: string;
    title: string | null;
    published: string | null;
    text: string;
    start: number;
    end: number;
    /** Set when this report tells the event as background. */
    background?: true;
  }[];
}

/** A sentence or quote that matches a search, with its provenance. */
export interface SearchHit {
  kind: 'sentence' | 'quote';
  document: string;
  title: string | null;
  /** The document's publication date, when known. */
  published: string | null;
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

/** The evidence store: documents, their extracted items, merged events and full-text search. */
export class EvidenceStore {
  private writeQueue: Promise<void> = Promise.resolve();

  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    readonly target: DatabaseTarget,
    private readonly writer: DocumentWriter,
  ) {}

  /** Opens a store (running its migrations). */
  static async open(target: DatabaseTarget): Promise<EvidenceStore> {
    const opened: OpenDatabase = await openDatabase(target);
    const writer = opened.sqlite ? sqliteDocumentWriter(opened.sqlite) : kyselyDocumentWriter(opened.db);
    return new EvidenceStore(opened.db, opened.dialect, opened.target, writer);
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Stores one document and its items in one transaction: either all of it is stored or none.
   * The same text stored again adds nothing; events reported before join the stored event.
   * Calls on one store run one after another.
   */
  addDocument(doc: DocumentToStore, ingestedAt: Date): Promise<StoredDocument> {
    const run = this.writeQueue.then(() => this.addDocumentNow(doc, ingestedAt));
    this.writeQueue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async addDocumentNow(doc: DocumentToStore, ingestedAt: Date): Promise<StoredDocument> {
    const { id, hash } = documentIdOf(doc.text);
    const existing = await this.writer.documentIdByHash(hash);
    if (existing) return { id: existing, added: false, mergedEvents: 0 };
    try {
      return await this.writer.transaction(async (session) => {
        // Checked again inside the transaction: another process may have stored it meanwhile.
        const stored = await session.documentIdByHash(hash);
        if (stored) return { id: stored, added: false, mergedEvents: 0 };
        return writeDocument(session, doc, id, hash, ingestedAt);
      });
    } catch (error) {
      // Another process stored the same text meanwhile: that is the idempotent outcome too.
      const again = await this.writer.documentIdByHash(hash);
      if (again) return { id: again, added: false, mergedEvents: 0 };
      throw error;
    }
  }

  /**
   * Stores a document, replacing the stored one with the same text: its items and the events only it
   * reported are extracted again (a corrected publication date re-resolves them), in one transaction;
   * events other documents also report keep their other sources. Returns `replaced` when one was stored.
   */
  replaceDocument(doc: DocumentToStore, ingestedAt: Date): Promise<StoredDocument & { replaced: boolean }> {
    const run = this.writeQueue.then(() => {
      const { id, hash } = documentIdOf(doc.text);
      return this.writer.transaction(async (session) => {
        const stored = await session.documentIdByHash(hash);
        if (stored) await session.deleteDocument(stored);
        return { ...(await writeDocument(session, doc, id, hash, ingestedAt)), replaced: stored !== undefined };
      });
    });
    this.writeQueue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Merged events in date order with their sources, filtered by actor, issue and date range. */
  async timeline(filter: TimelineFilter = {}): Promise<TimelineEvent[]> {
    let query = this.db.selectFrom('events').selectAll('events');
    // Events known to fall within the range: a year-precision event is not "in May".
    if (filter.from) query = query.where('date_start', '>=', dateRange(filter.from).start);
    if (filter.to) query = query.where('date_end', '<=', dateRange(filter.to).end);
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
          'documents.published',
          'event_sources.text',
          'event_sources.start_offset',
          'event_sources.end_offset',
          'event_sources.background',
        ])
        .where('event_sources.event_id', 'in', ids)
        .orderBy('event_sources.id')
        .execute(),
    ]);
    const timeline: TimelineEvent[] = events.map((e) => ({
      id: e.id,
      date: e.date,
      precision: e.precision as DatePrecision,
      ...spanBeyondDate(e),
      type: e.type,
      status: e.status,
      actors: links.filter((l) => l.item_id === e.id && l.target_kind === 'actor').map((l) => l.target_id),
      issues: links.filter((l) => l.item_id === e.id && l.target_kind === 'issue').map((l) => l.target_id),
      summary: e.summary,
      sources: sources
        .filter((s) => s.event_id === e.id)
        .map((s) => ({
          document: s.document_id,
          title: s.title,
          published: s.published,
          text: s.text,
          start: s.start_offset,
          end: s.end_offset,
          ...(s.background ? { background: true as const } : {}),
        })),
    }));
    for (const e of timeline) if (e.sources.length > 0 && e.sources.every((s) => s.background)) e.background = true;
    return filter.background === false ? timeline.filter((e) => !e.background) : timeline;
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
      this.db.selectFrom('documents').select(['id', 'title', 'published']).where('id', 'in', docIds).execute(),
      quoteIds.length > 0
        ? this.db.selectFrom('quotes').select(['id', 'speaker']).where('id', 'in', quoteIds).execute()
        : Promise.resolve([]),
    ]);
    return rows.map((r) => {
      const hit: SearchHit = {
        kind: r.kind === 'quote' ? 'quote' : 'sentence',
        document: r.document_id,
        title: titles.find((t) => t.id === r.document_id)?.title ?? null,
        published: titles.find((t) => t.id === r.document_id)?.published ?? null,
        text: r.text,
        start: r.start_offset,
        end: r.end_offset,
      };
      if (r.kind === 'quote') hit.speaker = speakers.find((s) => s.id === r.item_id)?.speaker ?? null;
      return hit;
    });
  }

  /**
   * The names and aliases stored mentions gave each scenario actor ("Zelenskyy" -> ukraine), so filters
   * accept them without the scenario file.
   */
  async actorNames(): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('actor_mentions')
      .select(['text', 'actor'])
      .where('actor', 'is not', null)
      .distinct()
      .execute();
    const names = new Map<string, string>();
    for (const r of rows) if (r.actor && !names.has(r.text)) names.set(r.text, r.actor);
    return names;
  }

  /** The keywords that tagged stored sentences with an issue, each mapped to the issue id ("truce" -> ceasefire). */
  async issueNames(): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('links')
      .select('target_id')
      .where('target_kind', '=', 'issue_keyword')
      .distinct()
      .execute();
    const names = new Map<string, string>();
    for (const r of rows) {
      const at = r.target_id.indexOf(ISSUE_KEYWORD_SEPARATOR);
      const keyword = r.target_id.slice(at + 1);
      if (at > 0 && !names.has(keyword)) names.set(keyword, r.target_id.slice(0, at));
    }
    return names;
  }

  /** How many documents are stored (timeline and search say so when there are none). */
  async documentCount(): Promise<number> {
    const row = await this.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
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

  /** The metadata a stored document was ingested with, or undefined. */
  async documentMeta(id: string): Promise<{ title: string | null; published: string | null } | undefined> {
    return this.db.selectFrom('documents').select(['title', 'published']).where('id', '=', id).executeTakeFirst();
  }

  /** The stored plain text of a document, or undefined. */
  async documentText(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('documents').select('text').where('id', '=', id).executeTakeFirst();
    return row?.text;
  }
}

/** An event's stored span, given only when it says more than its date's own range. */
function spanBeyondDate(e: { date: string; date_start: string; date_end: string }): {
  span?: { start: string; end: string };
} {
  const own = dateRange(e.date);
  return own.start === e.date_start && own.end === e.date_end ? {} : { span: { start: e.date_start, end: e.date_end } };
}

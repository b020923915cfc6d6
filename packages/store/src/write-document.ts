import type { DocumentMeta, ExtractedEvent, Extraction } from '@entente/ingest';
import { type EventDate, ISSUE_KEYWORD_SEPARATOR, type ItemRow, type WriteSession } from './document-writer';
import { eventSpan } from './event-span';

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

function summarise(event: ExtractedEvent, sentence: string): string {
  const who = event.actors.length > 0 ? ` (${event.actors.join(', ')})` : '';
  const status = event.status && event.status !== 'reported' ? ` [${event.status}]` : '';
  const text = sentence.length > 160 ? `${sentence.slice(0, 157).trimEnd()}…` : sentence;
  return `${event.type.replace('_', ' ')}${status}${who}: ${text}`;
}

// Reported events keep the key they always had; other statuses merge only among themselves.
const keyOf = (e: { date: string; precision: string; type: string; status?: string }) =>
  `${e.date}|${e.precision}|${e.type}${e.status && e.status !== 'reported' ? `|${e.status}` : ''}`;

// Precisions from the finest.
const FINENESS = ['day', 'month', 'year'];

/**
 * The keys of events an event may merge with: its own, then those of the same type and status whose
 * date holds it or lies within it at another precision ("2025-08" and "2025-08-15"; a year reaches its months only).
 */
function compatibleKeys(e: { date: string; precision: string; type: string; status?: string }): string[] {
  const at = (date: string, precision: string) => keyOf({ ...e, date, precision });
  const keys = [keyOf(e)];
  const [y, m] = e.date.split('-');
  if (e.precision === 'day' || e.precision === 'month') keys.push(at(`${y}`, 'year'));
  if (e.precision === 'day') keys.push(at(`${y}-${m}`, 'month'));
  if (e.precision === 'month') {
    const days = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    for (let d = 1; d <= days; d++) keys.push(at(`${y}-${m}-${String(d).padStart(2, '0')}`, 'day'));
  }
  if (e.precision === 'year')
    for (let mo = 1; mo <= 12; mo++) keys.push(at(`${y}-${String(mo).padStart(2, '0')}`, 'month'));
  return keys;
}

/** An event a report joins: stored already (id known) or created by this document (id after insert). */
interface EventTarget {
  id: number;
  newRow: number | undefined;
  precision: string;
  actors: Set<string>;
  issues: Set<string>;
}

/** Writes a new document and all its items through a session (the caller holds the transaction). */
export async function writeDocument(
  session: WriteSession,
  doc: DocumentToStore,
  id: string,
  hash: string,
  ingestedAt: Date,
): Promise<StoredDocument> {
  const x = doc.extraction;
  await session.insertDocument({
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
  });
  const sentenceIds = await session.insertReturningIds(
    'sentences',
    x.sentences.map((s) => ({
      document_id: id,
      idx: s.index,
      start_offset: s.start,
      end_offset: s.end,
      text: s.text,
    })),
  );
  const sentenceIdOf = new Map(x.sentences.map((s, i) => [s.index, sentenceIds[i] ?? 0]));
  const quoteIds = await session.insertReturningIds(
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
  await session.insertRows(
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
  await session.insertRows(
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
  await session.insertRows('search_entries', [
    ...x.sentences.map((s) => ({
      kind: 'sentence',
      item_id: sentenceIdOf.get(s.index) ?? 0,
      document_id: id,
      start_offset: s.start,
      end_offset: s.end,
      text: s.text,
    })),
    ...x.quotes.map((q, i) => ({
      kind: 'quote',
      item_id: quoteIds[i] ?? 0,
      document_id: id,
      start_offset: q.start,
      end_offset: q.end,
      text: q.text,
    })),
  ]);
  const links: ItemRow<'links'>[] = [];
  const keywords = new Set<string>();
  for (const tag of x.issueTags) {
    const sid = sentenceIdOf.get(tag.sentence);
    if (sid === undefined) continue;
    links.push({ item_kind: 'sentence', item_id: sid, document_id: id, target_kind: 'issue', target_id: tag.issue });
    // The keyword that tagged it, once per document, so filters accept it without the scenario (`issueNames`).
    const keyword = `${tag.issue}${ISSUE_KEYWORD_SEPARATOR}${tag.keyword.toLowerCase()}`;
    if (keywords.has(keyword)) continue;
    keywords.add(keyword);
    links.push({
      item_kind: 'sentence',
      item_id: sid,
      document_id: id,
      target_kind: 'issue_keyword',
      target_id: keyword,
    });
  }
  x.quotes.forEach((q, i) => {
    if (q.speakerActor)
      links.push({
        item_kind: 'quote',
        item_id: quoteIds[i] ?? 0,
        document_id: id,
        target_kind: 'actor',
        target_id: q.speakerActor,
      });
  });
  const mergedEvents = await placeEvents(session, id, x, links);
  await session.insertRows('links', links);
  return { id, added: true, mergedEvents };
}

/**
 * Matches each extracted event against stored events with the same date, precision and type and
 * an actor in common (one lookup for the whole document), then inserts the new events, their
 * sources and links in batches.
 */
async function placeEvents(
  session: WriteSession,
  documentId: string,
  x: Extraction,
  links: ItemRow<'links'>[],
): Promise<number> {
  if (x.events.length === 0) return 0;
  const keys = [...new Set(x.events.filter((e) => e.actors.length > 0).flatMap(compatibleKeys))];
  const known = new Map<string, EventTarget[]>();
  for (const c of await session.mergeCandidates(keys)) {
    const list = known.get(c.key) ?? [];
    list.push({
      id: c.id,
      newRow: undefined,
      precision: c.key.split('|')[1] ?? '',
      actors: c.actors,
      issues: c.issues,
    });
    known.set(c.key, list);
  }
  const newEvents: ItemRow<'events'>[] = [];
  const newTargets: EventTarget[] = [];
  const reports: { event: ExtractedEvent; target: EventTarget; sentence: string }[] = [];
  const eventLinks: { target: EventTarget; kind: 'actor' | 'issue'; id: string }[] = [];
  let mergedEvents = 0;
  const refined = new Map<number, EventDate>();
  for (const event of x.events) {
    const sentence = x.sentences[event.sentence]?.text ?? '';
    const key = keyOf(event);
    const candidates = known.get(key) ?? [];
    // Same date first, then a compatible one at another precision; always an actor in common.
    let target: EventTarget | undefined;
    if (event.actors.length > 0)
      for (const k of compatibleKeys(event)) {
        target = known.get(k)?.find((c) => event.actors.some((a) => c.actors.has(a)));
        if (target) break;
      }
    if (target) {
      mergedEvents++;
      if (FINENESS.indexOf(event.precision) < FINENESS.indexOf(target.precision)) {
        // The event takes the finer date of its reports; its merge key follows.
        const range = eventSpan(event);
        const row = {
          date: event.date,
          precision: event.precision,
          date_start: range.start,
          date_end: range.end,
          merge_key: key,
        };
        if (target.newRow !== undefined) Object.assign(newEvents[target.newRow] ?? {}, row);
        else refined.set(target.id, row);
        target.precision = event.precision;
        known.set(key, [...candidates, target]);
      }
    } else {
      const range = eventSpan(event);
      target = { id: 0, newRow: newEvents.length, precision: event.precision, actors: new Set(), issues: new Set() };
      newEvents.push({
        date: event.date,
        precision: event.precision,
        date_start: range.start,
        date_end: range.end,
        type: event.type,
        status: event.status ?? 'reported',
        summary: summarise(event, sentence),
        merge_key: event.actors.length > 0 ? key : null,
      });
      newTargets.push(target);
      known.set(key, [...candidates, target]);
    }
    for (const actor of event.actors) {
      if (target.actors.has(actor)) continue;
      target.actors.add(actor);
      eventLinks.push({ target, kind: 'actor', id: actor });
    }
    for (const issue of event.issues) {
      if (target.issues.has(issue)) continue;
      target.issues.add(issue);
      eventLinks.push({ target, kind: 'issue', id: issue });
    }
    reports.push({ event, target, sentence });
  }
  for (const [id, row] of refined) await session.refineEvent(id, row);
  const ids = await session.insertReturningIds('events', newEvents);
  newTargets.forEach((t, i) => {
    t.id = ids[i] ?? 0;
  });
  for (const l of eventLinks)
    links.push({ item_kind: 'event', item_id: l.target.id, document_id: null, target_kind: l.kind, target_id: l.id });
  await session.insertRows(
    'event_sources',
    reports.map(({ event, target, sentence }) => ({
      event_id: target.id,
      document_id: documentId,
      sentence_idx: event.sentence,
      start_offset: event.start,
      end_offset: event.end,
      text: sentence,
      date_text: event.dateText,
      background: event.background ? 1 : 0,
    })),
  );
  return mergedEvents;
}

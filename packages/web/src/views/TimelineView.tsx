import type { Scenario } from '@entente/core';
import { mergeTimeline } from '@entente/core/dates';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, call, client, type SearchHit, type TimelineEvent } from '../api';
import { humanize, type TimelineItem, timelineOption, timelineWindow } from '../charts/timeline-chart';
import { Status } from '../components/common';
import { EChart } from '../components/EChart';
import { EvidenceList } from '../components/Evidence';

/** Search hits listed; the header and a note say when there are more. */
const SHOWN_HITS = 30;

/** Events by date from the scenario and from ingested articles, with filters, sources and search. */
export function TimelineView(props: { scenario: Scenario; scenarioId: string }) {
  const { scenario } = props;
  const [ingested, setIngested] = useState<TimelineEvent[]>([]);
  const [storeNote, setStoreNote] = useState<string | null>(null);
  const [actor, setActor] = useState('');
  const [issue, setIssue] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  /** Whether more articles' sentences match than the API returned. */
  const [hitsCut, setHitsCut] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [focus, setFocus] = useState<string | null>(null);

  useEffect(() => {
    call(client.api.timeline.$get({ query: { ...(actor ? { actor } : {}), ...(issue ? { issue } : {}) } }))
      .then((r) => {
        setIngested(r.events);
        setStoreNote(null);
      })
      .catch((e: Error) => {
        setIngested([]);
        setStoreNote(
          e instanceof ApiError && e.status === 503
            ? 'No evidence database is attached; only scenario events are shown.'
            : e.message,
        );
      });
  }, [actor, issue]);

  const scenarioEvents = useMemo(
    () =>
      scenario.events
        .filter((e) => (!actor || e.participants.includes(actor)) && (!issue || e.issues.includes(issue)))
        .sort((a, b) => a.date.localeCompare(b.date)),
    [scenario, actor, issue],
  );
  // Articles that report a scenario event (same date and precision, a participant in common) join it.
  const merged = useMemo(() => mergeTimeline(scenarioEvents, ingested), [scenarioEvents, ingested]);
  const items: TimelineItem[] = useMemo(
    () => [
      ...merged.scenario.map(({ event: e, reports }) => ({
        key: `s:${e.id}`,
        date: e.date,
        type: e.type,
        label: e.summary,
        origin: reports.length ? ('both' as const) : ('scenario' as const),
      })),
      ...merged.unmatched.map((e) => ({
        key: `i:${e.id}`,
        date: e.date,
        type: e.type,
        label: e.summary,
        origin: 'ingested' as const,
      })),
    ],
    [merged],
  );
  const option = useMemo(() => timelineOption(items), [items]);
  const range = useMemo(() => timelineWindow(items), [items]);
  const actorName = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;

  const search = (e: React.FormEvent) => {
    e.preventDefault();
    if (!query.trim()) return;
    setSearchError(null);
    call(client.api.search.$get({ query: { q: query.trim() } }))
      .then((r) => {
        setHits(r.hits);
        setHitsCut(r.truncated);
      })
      .catch((err: Error) => setSearchError(err.message));
  };

  useEffect(() => {
    if (focus) document.getElementById(focus)?.scrollIntoView({ block: 'nearest' });
  }, [focus]);

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <div className="chart-controls">
        <label>
          Actor{' '}
          <select value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">all</option>
            {scenario.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Issue{' '}
          <select value={issue} onChange={(e) => setIssue(e.target.value)}>
            <option value="">all</option>
            {scenario.issues.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <form className="search" aria-label="Search the articles" onSubmit={search}>
          <label htmlFor="search-box">Search the articles</label>
          <input
            id="search-box"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="e.g. ceasefire"
          />
          <button type="submit">Search</button>
        </form>
      </div>
      {storeNote ? <p className="small muted">{storeNote}</p> : null}
      {hits || searchError ? (
        <div className="panel" aria-live="polite">
          <Status error={searchError}>
            <h3>
              {hits?.length ?? 0}
              {hitsCut ? '+' : ''} match{hits?.length === 1 && !hitsCut ? '' : 'es'} for “{query}”
            </h3>
            {hits && (hits.length > SHOWN_HITS || hitsCut) ? (
              <p className="small muted" data-testid="search-cut">
                Showing the first {Math.min(SHOWN_HITS, hits.length)}
                {hitsCut ? `; more than ${hits.length} match, so add words to narrow the search` : ` of ${hits.length}`}
                .
              </p>
            ) : null}
            <ul className="hits">
              {(hits ?? []).slice(0, SHOWN_HITS).map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: hits have no id of their own
                <li key={i}>
                  <blockquote>{h.kind === 'quote' ? `“${h.text}”` : h.text}</blockquote>
                  <div className="source">
                    {h.speaker ? `${h.speaker} · ` : ''}
                    {h.title ?? h.document}
                  </div>
                </li>
              ))}
            </ul>
          </Status>
        </div>
      ) : null}
      {range ? (
        <p
          className="small muted"
          data-testid="timeline-range"
          data-first={range.first}
          data-last={range.last}
          data-min={range.min}
          data-max={range.max}
          data-start={range.start}
          data-end={range.end}
        >
          Events from {range.first} to {range.last}; shown first: {range.start} to {range.end} (where the scenario’s
          events are dense). Drag the slider’s ends, or scroll over the chart, to zoom.
        </p>
      ) : null}
      {items.length ? (
        <EChart
          option={option}
          height={Math.max(220, 60 + new Set(items.map((i) => i.type)).size * 34)}
          label="Events by date and type"
          onPointClick={(data) => setFocus((data as { id?: string }).id ?? null)}
        />
      ) : (
        <p className="muted">No events match these filters.</p>
      )}
      <ol className="events">
        {merged.scenario.map(({ event: e, reports }) => (
          <li
            key={e.id}
            id={`s:${e.id}`}
            className={
              [focus === `s:${e.id}` ? 'focus' : '', reports.length ? 'both' : ''].join(' ').trim() || undefined
            }
            data-reports={reports.length}
          >
            <div className="event-head">
              <time dateTime={e.date}>{e.date}</time> <span className="tag">{humanize(e.type)}</span>
              {e.participants.length ? (
                <span className="muted"> {e.participants.map(actorName).join(', ')}</span>
              ) : null}
              {e.location ? <span className="muted"> · {e.location}</span> : null}
              {reports.length ? <span className="tag both">scenario + articles</span> : null}
            </div>
            <p>{e.summary}</p>
            <details>
              <summary>
                Sources ({e.evidence.length}
                {reports.length
                  ? ` in the scenario, ${reports.reduce((n, r) => n + r.sources.length, 0)} from articles`
                  : ''}
                )
              </summary>
              <EvidenceList evidence={e.evidence} scenario={scenario} />
              {reports.length ? (
                <>
                  <h4 className="small">Also reported in the ingested articles</h4>
                  <ul className="evidence from-articles">
                    {reports.flatMap((r) =>
                      r.sources.map((src) => (
                        <li key={`${r.id}:${src.document}:${src.start}`}>
                          <blockquote>{src.text}</blockquote>
                          <div className="source">
                            {src.title ?? src.document} · {r.summary}
                          </div>
                        </li>
                      )),
                    )}
                  </ul>
                </>
              ) : null}
            </details>
          </li>
        ))}
        {merged.unmatched.map((e) => (
          <li key={e.id} id={`i:${e.id}`} className={`ingested ${focus === `i:${e.id}` ? 'focus' : ''}`}>
            <div className="event-head">
              <time dateTime={e.date}>{e.date}</time>
              {e.span ? (
                <span className="muted">
                  {' '}
                  ({e.span.start} to {e.span.end})
                </span>
              ) : null}{' '}
              <span className="tag alt">{humanize(e.type)}</span>
              {e.status !== 'reported' ? <span className="tag">{e.status}</span> : null}
              {e.background ? (
                <span className="tag" title="Every article tells it as background, not news">
                  background
                </span>
              ) : null}
              {e.actors.length ? <span className="muted"> {e.actors.map(actorName).join(', ')}</span> : null}
              <span className="muted"> · from articles</span>
            </div>
            <p>{e.summary}</p>
            <details>
              <summary>Sources ({e.sources.length})</summary>
              <ul className="evidence">
                {e.sources.map((s) => (
                  <li key={`${s.document}:${s.start}`}>
                    <blockquote>{s.text}</blockquote>
                    <div className="source">{s.title ?? s.document}</div>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

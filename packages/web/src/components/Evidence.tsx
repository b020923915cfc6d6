import type { Evidence, Scenario } from '@entente/core';

/** Quotes with their sources (title, outlet, date, link). */
export function EvidenceList(props: { evidence: readonly Evidence[]; scenario: Scenario; empty?: string }) {
  if (props.evidence.length === 0) return <p className="muted">{props.empty ?? 'No evidence recorded.'}</p>;
  return (
    <ul className="evidence">
      {props.evidence.map((e, i) => {
        const source = props.scenario.sources.find((s) => s.id === e.source);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: quotes may repeat; their order is fixed
          <li key={i}>
            <blockquote>“{e.quote}”</blockquote>
            <div className="source">
              {source?.url ? (
                <a href={source.url} target="_blank" rel="noreferrer">
                  {source.title}
                </a>
              ) : (
                <span>{source?.title ?? e.source}</span>
              )}
              {source?.outlet ? <span> · {source.outlet}</span> : null}
              {source?.date ? <span> · {source.date}</span> : null}
            </div>
            {e.note ? <p className="note">{e.note}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

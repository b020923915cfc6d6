import type { Evidence, Scenario } from '@entente/core';
import { useEffect, useMemo, useState } from 'react';
import { call, client, idParam, type ScenarioAnalysis } from '../api';
import { Status } from '../components/common';
import { Dialog } from '../components/Dialog';
import { EvidenceList } from '../components/Evidence';

interface Cell {
  actor: string;
  issue: string;
}

/** Evidence behind one actor × issue cell: its red lines there, then its general preference evidence. */
function cellEvidence(scenario: Scenario, cell: Cell) {
  const pref = scenario.preferences[cell.actor];
  const issue = scenario.issues.find((i) => i.id === cell.issue)!;
  const redLines = (pref?.redLines ?? []).filter((r) => r.issue === cell.issue);
  const mentions = (e: Evidence) => {
    const text = `${e.quote} ${e.note ?? ''}`.toLowerCase();
    return [issue.name, issue.id, ...issue.keywords].some((k) => text.includes(k.toLowerCase()));
  };
  const general = (pref?.evidence ?? []).filter(mentions);
  return { issue, redLines, general, all: pref?.evidence ?? [] };
}

/** Actors, roles and stakes, and the actors × issues matrix with evidence behind each cell. */
export function Overview(props: { scenario: Scenario; scenarioId: string }) {
  const { scenario } = props;
  const [analysis, setAnalysis] = useState<ScenarioAnalysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cell, setCell] = useState<Cell | null>(null);
  const [actorEvidence, setActorEvidence] = useState<string | null>(null);

  useEffect(() => {
    setAnalysis(null);
    call(client.api.scenarios[':id'].analysis.$get({ param: idParam(props.scenarioId) }))
      .then(setAnalysis)
      .catch((e: Error) => setError(e.message));
  }, [props.scenarioId]);

  const stakeOf = useMemo(() => new Map((analysis?.stakes ?? []).map((s) => [s.actor, s])), [analysis]);
  const modelled = scenario.actors.filter((a) => scenario.preferences[a.id]);
  const detail = cell ? cellEvidence(scenario, cell) : null;
  const actorName = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;

  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      {scenario.description ? <p className="lead">{scenario.description}</p> : null}
      <Status error={error} loading={!analysis}>
        <h3>Actors and stakes</h3>
        <div className="table-wrap">
          <table className="actors">
            <thead>
              <tr>
                <th scope="col">Actor</th>
                <th scope="col">Role</th>
                <th scope="col" className="num">
                  Walk-away value
                </th>
                <th scope="col" className="num">
                  Status quo
                </th>
                <th scope="col" className="num">
                  Best it could get
                </th>
                <th scope="col">Red lines</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {scenario.actors.map((a) => {
                const stake = stakeOf.get(a.id);
                return (
                  <tr key={a.id}>
                    <th scope="row">
                      {a.name}
                      {a.description ? <div className="sub">{a.description}</div> : null}
                    </th>
                    <td>
                      <span className={`role ${a.role}`}>{a.role}</span>
                    </td>
                    <td className="num">{stake ? stake.noDeal.toFixed(3) : '–'}</td>
                    <td className="num">{stake ? stake.statusQuoUtility.toFixed(3) : '–'}</td>
                    <td className="num">{stake ? stake.idealUtility.toFixed(3) : '–'}</td>
                    <td>
                      {stake
                        ? stake.redLines
                            .map((r) => `${scenario.issues.find((i) => i.id === r.issue)?.name ?? r.issue}: ${r.label}`)
                            .join('; ') || '–'
                        : 'not modelled'}
                    </td>
                    <td>
                      {stake || a.evidence.length ? (
                        <button type="button" className="link" onClick={() => setActorEvidence(a.id)}>
                          Sources
                        </button>
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>

        <h3>Who wants what</h3>
        <p className="muted small">
          Each cell: the issue's weight for the actor and the option it prefers. A red mark flags a red line on the
          issue. Select a cell to see its evidence.
        </p>
        <div className="table-wrap">
          <table className="matrix">
            <thead>
              <tr>
                <th scope="col">Issue</th>
                {modelled.map((a) => (
                  <th scope="col" key={a.id}>
                    {a.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scenario.issues.map((issue) => (
                <tr key={issue.id}>
                  <th scope="row">
                    {issue.name}
                    <div className="sub">today: {issue.options.find((o) => o.id === issue.statusQuo)?.label}</div>
                  </th>
                  {modelled.map((a) => {
                    const stake = stakeOf.get(a.id)?.issues.find((i) => i.issue === issue.id);
                    const lines = (scenario.preferences[a.id]?.redLines ?? []).filter((r) => r.issue === issue.id);
                    const weight = stake?.weight ?? 0;
                    return (
                      <td key={a.id} className={lines.length ? 'has-red-line' : undefined}>
                        <button
                          type="button"
                          className="cell"
                          onClick={() => setCell({ actor: a.id, issue: issue.id })}
                          aria-label={`${a.name} on ${issue.name}: weight ${(weight * 100).toFixed(0)}%, prefers ${stake?.preferredLabel ?? 'nothing'}${lines.length ? `, ${lines.length} red line(s)` : ''}. Show evidence.`}
                        >
                          <span className="weight-bar" style={{ width: `${Math.round(weight * 100)}%` }} />
                          <span className="weight">{(weight * 100).toFixed(0)}%</span>
                          <span className="pref">{weight > 0 ? stake?.preferredLabel : '—'}</span>
                          {lines.length ? (
                            <span className="red-line" title="red line on this issue">
                              red line{lines.length > 1 ? ` ×${lines.length}` : ''}
                            </span>
                          ) : null}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {scenario.notes.length ? (
          <>
            <h3>Analysts' notes</h3>
            <ul className="notes">
              {scenario.notes.map((n) => (
                <li key={n.id}>
                  <span className={`tag ${n.kind}`}>{n.kind}</span> {n.text}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Status>

      <Dialog
        open={detail !== null}
        onClose={() => setCell(null)}
        title={detail && cell ? `${actorName(cell.actor)} on ${detail.issue.name}` : ''}
      >
        {detail && cell ? (
          <>
            {detail.redLines.length ? (
              detail.redLines.map((r) => (
                <div key={r.option}>
                  <h3>Red line: {detail.issue.options.find((o) => o.id === r.option)?.label ?? r.option}</h3>
                  <EvidenceList evidence={r.evidence} scenario={scenario} />
                </div>
              ))
            ) : (
              <p className="muted">No red line on this issue.</p>
            )}
            <h3>Preference evidence</h3>
            <EvidenceList
              evidence={detail.general.length ? detail.general : detail.all}
              scenario={scenario}
              empty="No evidence recorded for this actor's preferences."
            />
            {detail.issue.evidence.length ? (
              <>
                <h3>About the issue</h3>
                <EvidenceList evidence={detail.issue.evidence} scenario={scenario} />
              </>
            ) : null}
          </>
        ) : null}
      </Dialog>
      <Dialog
        open={actorEvidence !== null}
        onClose={() => setActorEvidence(null)}
        title={actorEvidence ? `${actorName(actorEvidence)}: sources` : ''}
      >
        {actorEvidence ? (
          <>
            <h3>Walk-away value</h3>
            <EvidenceList evidence={scenario.preferences[actorEvidence]?.noDealEvidence ?? []} scenario={scenario} />
            <h3>About the actor</h3>
            <EvidenceList
              evidence={scenario.actors.find((a) => a.id === actorEvidence)?.evidence ?? []}
              scenario={scenario}
            />
          </>
        ) : null}
      </Dialog>
    </section>
  );
}

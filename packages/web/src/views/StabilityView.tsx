import type { Scenario } from '@entente/core';
import cytoscape from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type GmcrResponse } from '../api';
import { GMCR_STYLE, gmcrElements, gmcrLayout } from '../charts/gmcr-graph';
import { SERIES_COLOURS } from '../charts/palette';
import { Status } from '../components/common';

const CONCEPTS = [
  { id: 'nash', label: 'Nash' },
  { id: 'gmr', label: 'General metarationality (GMR)' },
  { id: 'smr', label: 'Symmetric metarationality (SMR)' },
  { id: 'seq', label: 'Sequential stability (SEQ)' },
] as const;

/** The GMCR state graph with equilibria per concept, state explanations and status-quo paths. */
export function StabilityView(props: { scenario: Scenario; scenarioId: string }) {
  const [data, setData] = useState<GmcrResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [concept, setConcept] = useState<string>('nash');
  const [state, setState] = useState<number | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    if (props.scenario.gmcr === undefined) return;
    api<GmcrResponse>(`/api/scenarios/${props.scenarioId}/gmcr`, {})
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [props.scenarioId, props.scenario]);

  const report = data?.report;
  const elements = useMemo(
    () =>
      report && data?.graph
        ? gmcrElements(
            {
              decisionMakers: report.decisionMakers,
              stateList: report.stateList,
              equilibria: report.equilibria,
              edges: data.graph.edges,
              ...(report.statusQuo ? { statusQuo: report.statusQuo.state } : {}),
            },
            concept,
          )
        : null,
    [report, data, concept],
  );

  useEffect(() => {
    if (!container.current || !elements || !report) return;
    const instance = cytoscape({
      container: container.current,
      elements: [...elements.nodes, ...elements.edges],
      style: GMCR_STYLE as unknown as cytoscape.StylesheetJson,
      layout: gmcrLayout(report.states) as cytoscape.LayoutOptions,
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
    });
    instance.on('tap', 'node', (e) => setState(e.target.data('state') as number));
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [elements, report]);

  if (props.scenario.gmcr === undefined)
    return (
      <section aria-labelledby="stability-title">
        <h2 id="stability-title">Stability</h2>
        <p className="muted">
          This scenario has no <code>gmcr:</code> section, so there is no stability model to analyse.
        </p>
      </section>
    );

  const reach = report?.statusQuo?.byMoves;
  const paths = reach ? (reach.reachable[concept as 'nash'] ?? []) : [];
  const highlight = (path: { from: number; to: number }[]) => {
    const instance = cy.current;
    if (!instance) return;
    instance.edges().removeClass('path');
    for (const step of path) instance.edges(`[source = "s${step.from}"][target = "s${step.to}"]`).addClass('path');
  };
  const stateRow = report?.stateList.find((s) => s.id === state);
  const explanations = (report?.explanations ?? []).filter((e) => e.state === state && e.concept === concept);

  return (
    <section aria-labelledby="stability-title">
      <h2 id="stability-title">Stability</h2>
      <Status error={error} loading={!report}>
        {report ? (
          <>
            <p className="small muted">
              {report.title}: {report.states} feasible states, decision makers {report.decisionMakers.join(', ')}.
              Options: {report.options.map((o, k) => `${k + 1}. ${o.name} (${report.decisionMakers[o.dm]})`).join('; ')}
              . A state's pattern reads Y/N per option in that order.
            </p>
            <div className="chart-controls">
              <label>
                Solution concept{' '}
                <select value={concept} onChange={(e) => setConcept(e.target.value)}>
                  {CONCEPTS.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
              <label htmlFor="state-pick">State</label>
              <select
                id="state-pick"
                value={state ?? ''}
                onChange={(e) => setState(e.target.value === '' ? null : Number(e.target.value))}
              >
                <option value="">— choose —</option>
                {report.stateList.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label ?? s.id} [{s.pattern}]
                  </option>
                ))}
              </select>
              <span className="legend">
                {report.decisionMakers.map((d, i) => (
                  <span key={d}>
                    <span className="swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} /> moves
                    by {d}
                  </span>
                ))}
                <span>
                  <span className="swatch eq" /> equilibrium
                </span>
              </span>
            </div>
            <div className="split wide-left">
              <div>
                {data?.graph ? (
                  <div
                    ref={container}
                    className="graph"
                    role="img"
                    aria-label="State graph: states as nodes, unilateral moves as arrows"
                  />
                ) : (
                  <p className="muted">The conflict has {report.states} states: too many to draw. Use the tables.</p>
                )}
                <p className="small">
                  <strong>{CONCEPTS.find((c) => c.id === concept)?.label} equilibria:</strong>{' '}
                  {report.equilibria[concept as 'nash']
                    .map((s) => `${report.stateList[s]?.label ?? s} [${report.stateList[s]?.pattern}]`)
                    .join(', ') || 'none'}
                </p>
              </div>
              <div className="panel" aria-live="polite">
                {stateRow ? (
                  <>
                    <h3>
                      State {stateRow.label ?? stateRow.id} [{stateRow.pattern}]
                    </h3>
                    <ul className="plain">
                      {report.decisionMakers.map((d, i) => (
                        <li key={d}>
                          {d}: {report.stability[concept as 'nash'][i]?.[stateRow.id] ? 'stable' : 'unstable'}
                        </li>
                      ))}
                    </ul>
                    {explanations.length ? (
                      <ul className="explanations">
                        {explanations.map((e) => (
                          <li key={`${e.dm}`}>{e.text}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className="muted small">No decision maker can improve on this state by a unilateral move.</p>
                    )}
                  </>
                ) : (
                  <p className="muted">Select a state (in the graph or the list) to see why it is or is not stable.</p>
                )}
                {report.statusQuo ? (
                  <>
                    <h3>From the status quo [{report.statusQuo.pattern}]</h3>
                    {paths.length ? (
                      <ul className="plain">
                        {paths.map((p) => (
                          <li key={p.state}>
                            <button type="button" className="link" onClick={() => highlight(p.path)}>
                              to {report.stateList[p.state]?.label ?? p.state} [{report.stateList[p.state]?.pattern}] in{' '}
                              {p.path.length} move
                              {p.path.length === 1 ? '' : 's'}
                            </button>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="muted small">No equilibrium of this concept is reachable by unilateral moves.</p>
                    )}
                  </>
                ) : null}
              </div>
            </div>
          </>
        ) : null}
      </Status>
    </section>
  );
}

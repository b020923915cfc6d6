import type { Scenario } from '@entente/core';
import cytoscape from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { call, client, type GmcrExplanation, type GmcrResponse, idParam, runJob } from '../api';
import { focusGraph, GMCR_STYLE, type GraphFocus, gmcrElements, gmcrLayout, groupedLayout } from '../charts/gmcr-graph';
import { SERIES_COLOURS } from '../charts/palette';
import { Status } from '../components/common';

const CONCEPTS = [
  { id: 'nash', label: 'Nash', short: 'Nash' },
  { id: 'gmr', label: 'General metarationality (GMR)', short: 'GMR' },
  { id: 'smr', label: 'Symmetric metarationality (SMR)', short: 'SMR' },
  { id: 'seq', label: 'Sequential stability (SEQ)', short: 'SEQ' },
  { id: 'sim', label: 'Simultaneous sanctioning (SIM)', short: 'SIM' },
  { id: 'seqsim', label: 'Sequential simultaneous (SEQ+SIM)', short: 'SEQ+SIM' },
] as const;
type ConceptId = (typeof CONCEPTS)[number]['id'];

/** Conflicts up to this many states are drawn whole by default; larger ones start from a focus. */
const WHOLE_GRAPH_STATES = 64;

/** How the conflict may evolve from the status quo, as the API (and `entente gmcr`) reports it. */
const EVOLUTIONS = [
  { id: 'byMoves', label: 'by any unilateral moves' },
  { id: 'byImprovements', label: 'by unilateral improvements' },
  { id: 'byCoalitionalImprovements', label: 'by coalitional improvements' },
] as const;
type EvolutionId = (typeof EVOLUTIONS)[number]['id'];

/** Reachable equilibria listed with their paths; the rest are counted. */
const PATHS_SHOWN = 30;

/** States listed at once in the picker; the search narrows the rest. */
const PICKER_LIMIT = 200;

const FOCI: { id: GraphFocus; label: string }[] = [
  { id: 'equilibria', label: 'equilibria and their neighbours' },
  { id: 'status-quo', label: 'paths from the status quo' },
  { id: 'state', label: 'the selected state and its neighbours' },
  { id: 'all', label: 'every state' },
];

/** Whether the report itself holds a state's explanations (all of them: not omitted, not past a cut). */
function explainedInReport(
  report: { explanations?: unknown[] | undefined; explanationsCutAt?: number | undefined },
  state: number,
): boolean {
  return (
    report.explanations !== undefined && (report.explanationsCutAt === undefined || state < report.explanationsCutAt)
  );
}

/** The GMCR state graph with equilibria per concept, state explanations and status-quo paths. */
export function StabilityView(props: { scenario: Scenario; scenarioId: string }) {
  const [data, setData] = useState<GmcrResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [concept, setConcept] = useState<ConceptId>('nash');
  const [state, setState] = useState<number | null>(null);
  const [focus, setFocus] = useState<GraphFocus>('equilibria');
  const [dms, setDms] = useState<number[]>([]);
  const [explained, setExplained] = useState<GmcrExplanation | null>(null);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const [evolution, setEvolution] = useState<EvolutionId>('byImprovements');
  const [search, setSearch] = useState('');
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);

  useEffect(() => {
    setData(null);
    setError(null);
    if (props.scenario.gmcr === undefined) return;
    const controller = new AbortController();
    setProgress(0);
    // A job: large conflicts run on a worker thread on the server, with progress.
    runJob({ kind: 'gmcr', scenario: props.scenarioId }, (f) => setProgress(f), controller.signal)
      .then((r) => {
        setData(r);
        setDms(r.report.decisionMakers.map((_, i) => i));
        setFocus(r.report.states <= WHOLE_GRAPH_STATES ? 'all' : 'equilibria');
      })
      .catch((e: Error & { code?: string }) => {
        if (e.code !== 'CANCELLED') setError(e.message);
      })
      .finally(() => setProgress(null));
    return () => controller.abort();
  }, [props.scenarioId, props.scenario]);

  const chooseConcept = (c: ConceptId) => {
    setConcept(c);
    setHighlighted(null);
  };
  const report = data?.report;
  const reach = report?.statusQuo?.[evolution];
  const paths = useMemo(() => reach?.reachable[concept] ?? [], [reach, concept]);
  const unreachable = reach?.unreachable[concept] ?? [];
  /** A state's options in words: what each decision maker does in it. */
  const wordsOf = useMemo(() => {
    if (!report) return (_: number) => '';
    return (s: number) => {
      const pattern = report.stateList[s]?.pattern ?? '';
      const taken = report.options.filter((_, k) => pattern[k] === 'Y').map((o) => o.name);
      return taken.length ? taken.join('; ') : 'no option taken';
    };
  }, [report]);
  const pickable = useMemo(() => {
    if (!report) return [];
    const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
    const eq = new Set(report.equilibria[concept] ?? []);
    return report.stateList
      .map((s) => ({
        id: s.id,
        text: `${s.label ?? s.id} ${s.pattern} ${eq.has(s.id) ? '★ ' : ''}${wordsOf(s.id)}`,
        eq: eq.has(s.id),
      }))
      .filter((s) => terms.every((t) => s.text.toLowerCase().includes(t)));
  }, [report, search, concept, wordsOf]);

  const focused = useMemo(() => {
    if (!report || !data?.graph) return null;
    const input = {
      decisionMakers: report.decisionMakers,
      stateList: report.stateList,
      equilibria: report.equilibria,
      edges: data.graph.edges,
      ...(report.statusQuo ? { statusQuo: report.statusQuo.state } : {}),
    };
    const part = focusGraph(input, { focus, concept, dms, state, paths });
    const keep = new Set(part.states);
    const drawn = report.stateList.filter((s) => keep.has(s.id));
    const elements = gmcrElements({ ...input, stateList: drawn, edges: part.edges }, concept);
    const grid = groupedLayout(
      drawn,
      report.options.map((o) => o.dm),
    );
    return { ...part, elements, grid };
  }, [report, data, focus, concept, dms, state, paths]);

  useEffect(() => {
    if (!container.current || !focused || !report) return;
    const instance = cytoscape({
      container: container.current,
      elements: [...focused.elements.nodes, ...focused.elements.edges],
      style: GMCR_STYLE as unknown as cytoscape.StylesheetJson,
      layout: gmcrLayout(focused.states.length, focused.grid.positions) as cytoscape.LayoutOptions,
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 3,
    });
    instance.on('tap', 'node', (e) => setState(e.target.data('state') as number));
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, [focused, report]);

  // Marks the selected state in the graph without redrawing it (again after each redraw).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `focused` changes mean a new graph to mark
  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.nodes().unselect();
    if (state !== null) instance.nodes(`#s${state}`).select();
  }, [state, focused]);

  // Thickens the chosen status-quo path (again after each redraw).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `focused` changes mean a new graph to mark
  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.edges().removeClass('path');
    const chosen = highlighted === null ? [] : (paths[highlighted]?.path ?? []);
    for (const step of chosen) instance.edges(`[source = "s${step.from}"][target = "s${step.to}"]`).addClass('path');
  }, [highlighted, paths, focused]);

  // Large conflicts come without explanations, and a cut report lacks those past the cut: ask on demand.
  useEffect(() => {
    setExplained(null);
    if (state === null || !report || explainedInReport(report, state)) return;
    let live = true;
    call(
      client.api.scenarios[':id'].gmcr.explain.$post({
        param: idParam(props.scenarioId),
        json: { state, semantics: report.mode },
      }),
    )
      .then((r) => live && setExplained(r))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [state, report, props.scenarioId]);

  if (props.scenario.gmcr === undefined)
    return (
      <section aria-labelledby="stability-title">
        <h2 id="stability-title">Stability</h2>
        <p className="muted">
          This scenario has no <code>gmcr:</code> section, so there is no stability model to analyse.
        </p>
      </section>
    );

  const nameOf = (s: number) => {
    const row = report?.stateList[s];
    return row ? `${row.label ?? row.id} [${row.pattern}]` : String(s);
  };
  const stateRow = state === null ? undefined : report?.stateList.find((s) => s.id === state);
  const explanations =
    state === null
      ? []
      : report?.explanations && explainedInReport(report, state)
        ? report.explanations.filter((e) => e.state === state && e.concept === concept)
        : (explained?.explanations.filter((e) => e.concept === concept && e.text) ?? []);
  const conceptLabel = CONCEPTS.find((c) => c.id === concept)?.label ?? concept;
  const hasExplanations = !['sim', 'seqsim'].includes(concept);

  return (
    <section aria-labelledby="stability-title">
      <h2 id="stability-title">Stability</h2>
      {progress !== null ? (
        <progress value={progress} max={1} aria-label="Stability analysis progress">
          {Math.round(progress * 100)}%
        </progress>
      ) : null}
      <Status error={error} loading={!report}>
        {report ? (
          <>
            <p className="small muted">
              {report.title}: {report.states} feasible states, decision makers {report.decisionMakers.join(', ')}.
              Options: {report.options.map((o, k) => `${k + 1}. ${o.name} (${report.decisionMakers[o.dm]})`).join('; ')}
              . A state's pattern reads Y/N per option in that order.
            </p>
            <div className="table-wrap">
              <table className="concepts" data-testid="equilibria-counts">
                <thead>
                  <tr>
                    <th scope="col">Concept</th>
                    {CONCEPTS.map((c) => (
                      <th key={c.id} scope="col" className="num">
                        {c.short}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Equilibria</th>
                    {CONCEPTS.map((c) => (
                      <td key={c.id} className="num">
                        <button
                          type="button"
                          className={`link ${c.id === concept ? 'current' : ''}`}
                          onClick={() => chooseConcept(c.id)}
                        >
                          {report.equilibria[c.id]?.length ?? 0}
                        </button>
                      </td>
                    ))}
                  </tr>
                  {EVOLUTIONS.map((ev) => {
                    const r = report.statusQuo?.[ev.id];
                    return r ? (
                      <tr key={ev.id} data-evolution={ev.id}>
                        <th scope="row">Reachable from the status quo {ev.label}</th>
                        {CONCEPTS.map((c) => (
                          <td key={c.id} className="num" data-concept={c.id}>
                            {r.reachable[c.id]?.length ?? 0}
                          </td>
                        ))}
                      </tr>
                    ) : null;
                  })}
                </tbody>
              </table>
            </div>
            <div className="chart-controls">
              <label>
                Solution concept{' '}
                <select value={concept} onChange={(e) => chooseConcept(e.target.value as ConceptId)}>
                  {CONCEPTS.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
              {data?.graph ? (
                <label>
                  Draw{' '}
                  <select value={focus} onChange={(e) => setFocus(e.target.value as GraphFocus)} aria-label="Draw">
                    {FOCI.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
            </div>
            <div className="state-picker">
              <label htmlFor="state-search">Find a state</label>
              <input
                id="state-search"
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="number, Y/N pattern or words, e.g. escalates ceasefire"
              />
              <label htmlFor="state-pick" className="visually-hidden">
                State
              </label>
              <select
                id="state-pick"
                size={6}
                value={state ?? ''}
                onChange={(e) => setState(e.target.value === '' ? null : Number(e.target.value))}
                data-matches={pickable.length}
              >
                {pickable.slice(0, PICKER_LIMIT).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.text}
                  </option>
                ))}
              </select>
              <p className="small muted">
                {pickable.length} of {report.states} states match
                {pickable.length > PICKER_LIMIT ? `; the first ${PICKER_LIMIT} are listed, narrow the search` : ''}. ★
                marks a {conceptLabel} equilibrium.
              </p>
            </div>
            <fieldset className="dm-filter">
              <legend>Moves by</legend>
              {report.decisionMakers.map((d, i) => (
                <label key={d} className="check">
                  <input
                    type="checkbox"
                    checked={dms.includes(i)}
                    onChange={() => setDms(dms.includes(i) ? dms.filter((x) => x !== i) : [...dms, i].sort())}
                  />{' '}
                  <span className="swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} /> {d}
                </label>
              ))}
              <span className="legend">
                <span>
                  <span className="swatch eq" /> equilibrium
                </span>
              </span>
            </fieldset>
            <div className="split wide-left stability-split">
              <div>
                {focused ? (
                  <>
                    <p
                      className="small muted"
                      data-testid="graph-scope"
                      data-states={focused.states.length}
                      data-moves={focused.edges.length}
                    >
                      Drawing {focused.states.length} of {report.states} states and {focused.edges.length} moves
                      {focused.omitted > 0 ? ` (${focused.omitted} more left out to keep it readable)` : ''}.
                      {focus === 'state' && state === null ? ' Choose a state in the list.' : ''}
                    </p>
                    <p className="small muted" data-testid="graph-grouping">
                      {focused.grid.columns.length + focused.grid.rows.length === 0
                        ? 'One state drawn.'
                        : `Grouped by the options that change: across, ${focused.grid.columns.map((k) => report.options[k]?.name).join('; ')}${focused.grid.rows.length ? `; down, ${focused.grid.rows.map((k) => report.options[k]?.name).join('; ')}` : ''}. Equilibria are green squares (★), the status quo has a black double ring.`}
                    </p>
                    <div
                      ref={container}
                      className="graph"
                      role="img"
                      aria-label="State graph: states as nodes, unilateral moves as arrows"
                    />
                  </>
                ) : (
                  <p className="muted">The conflict has {report.states} states: too many to draw. Use the tables.</p>
                )}
                <p className="small">
                  <strong>{conceptLabel} equilibria:</strong>{' '}
                  {(report.equilibria[concept] ?? []).slice(0, 40).map(nameOf).join(', ') || 'none'}
                  {(report.equilibria[concept]?.length ?? 0) > 40
                    ? ` and ${report.equilibria[concept]!.length - 40} more`
                    : ''}
                </p>
              </div>
              <div className="panel" aria-live="polite">
                {stateRow ? (
                  <>
                    <h3>
                      Explain state {stateRow.label ?? stateRow.id} [{stateRow.pattern}]
                      {stateRow.id === report.statusQuo?.state ? ' (the status quo)' : ''}
                    </h3>
                    <ul className="state-options plain small" data-testid="state-options">
                      {report.decisionMakers.map((d, i) => {
                        const own = report.options.map((o, k) => ({ o, k })).filter(({ o }) => o.dm === i);
                        return (
                          <li key={d}>
                            <strong>{d}:</strong>{' '}
                            {own
                              .map(({ o, k }) => `${stateRow.pattern[k] === 'Y' ? 'yes' : 'no'} — ${o.name}`)
                              .join('; ') || 'no options'}
                          </li>
                        );
                      })}
                    </ul>
                    <div className="table-wrap">
                      <table className="stability-table" data-testid="state-stability">
                        <thead>
                          <tr>
                            <th scope="col">DM</th>
                            {CONCEPTS.map((c) => (
                              <th key={c.id} scope="col">
                                {c.short}
                              </th>
                            ))}
                          </tr>
                        </thead>
                        <tbody>
                          {report.decisionMakers.map((d, i) => (
                            <tr key={d}>
                              <th scope="row">{d}</th>
                              {CONCEPTS.map((c) => {
                                const stable = report.stability[c.id]?.[i]?.[stateRow.id];
                                return (
                                  <td key={c.id} className={stable ? 'stable' : 'unstable'}>
                                    {stable ? '✓' : '✗'}
                                  </td>
                                );
                              })}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                    {!hasExplanations ? (
                      <p className="muted small">
                        {conceptLabel} is decided from the simultaneous moves of the others; choose Nash, GMR, SMR or
                        SEQ for a worded explanation.
                      </p>
                    ) : explanations.length ? (
                      <ul className="explanations" data-testid="state-explanations">
                        {explanations.map((e) => (
                          <li key={`${e.dm}`}>{e.text}</li>
                        ))}
                      </ul>
                    ) : explainedInReport(report, stateRow.id) || explained ? (
                      <p className="muted small">No decision maker can improve on this state by a unilateral move.</p>
                    ) : (
                      <p className="muted small">Explaining…</p>
                    )}
                    {report.explanationsTruncated ? (
                      <p className="muted small" data-testid="explanations-cut">
                        {report.explanationsTruncated} States from {report.explanationsCutAt} on are explained one at a
                        time when selected.
                      </p>
                    ) : null}
                  </>
                ) : (
                  <p className="muted">Select a state (in the graph or the list) to see why it is or is not stable.</p>
                )}
                {report.statusQuo ? (
                  <>
                    <h3>From the status quo {nameOf(report.statusQuo.state)}</h3>
                    <p className="small">{wordsOf(report.statusQuo.state)}</p>
                    <label className="small">
                      Evolving{' '}
                      <select
                        value={evolution}
                        onChange={(e) => {
                          setEvolution(e.target.value as EvolutionId);
                          setHighlighted(null);
                        }}
                        aria-label="Evolution from the status quo"
                      >
                        {EVOLUTIONS.filter((ev) => report.statusQuo?.[ev.id]).map((ev) => (
                          <option key={ev.id} value={ev.id}>
                            {ev.label}
                          </option>
                        ))}
                      </select>
                    </label>
                    <p
                      className="small"
                      data-testid="reach-summary"
                      data-reachable={paths.length}
                      data-unreachable={unreachable.length}
                    >
                      {conceptLabel}: {paths.length} of {paths.length + unreachable.length} equilibria reachable{' '}
                      {EVOLUTIONS.find((ev) => ev.id === evolution)?.label}.
                    </p>
                    {paths.length ? (
                      <ul className="plain" data-testid="status-quo-paths">
                        {paths.slice(0, PATHS_SHOWN).map((p, index) => (
                          <li key={p.state} data-state={p.state}>
                            <button
                              type="button"
                              className={`link ${highlighted === index ? 'current' : ''}`}
                              onClick={() => {
                                if (focus !== 'status-quo' && focus !== 'all') setFocus('status-quo');
                                setState(p.state);
                                setHighlighted(index);
                              }}
                            >
                              {p.path.length === 0
                                ? `${nameOf(p.state)}: already there`
                                : `to ${nameOf(p.state)} in ${p.path.length} move${p.path.length === 1 ? '' : 's'}`}
                            </button>
                            {p.path.length ? (
                              <span className="small muted">
                                {' '}
                                (
                                {p.path
                                  .map((st) => st.movers.map((m) => report.decisionMakers[m]).join('+'))
                                  .join(' → ')}
                                )
                              </span>
                            ) : null}
                          </li>
                        ))}
                        {paths.length > PATHS_SHOWN ? (
                          <li className="muted">and {paths.length - PATHS_SHOWN} more</li>
                        ) : null}
                      </ul>
                    ) : (
                      <p className="muted small">No equilibrium of this concept is reachable this way.</p>
                    )}
                    {unreachable.length ? (
                      <details className="small">
                        <summary>{unreachable.length} not reachable</summary>
                        <p data-testid="status-quo-unreachable">{unreachable.map(nameOf).join(', ')}</p>
                      </details>
                    ) : null}
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

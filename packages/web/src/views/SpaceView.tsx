import type { Scenario } from '@entente/core';
import { decodeTerms } from '@entente/core/space';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { runJob, type SpaceResponse } from '../api';
import { spaceScatterOption } from '../charts/space-scatter';
import { LeverControls, Status } from '../components/common';
import { EChart } from '../components/EChart';

/** The agreement space: scatter for two parties, zone, solutions, partial deals, with lever controls. */
export function SpaceView(props: { scenario: Scenario; scenarioId: string }) {
  const { scenario } = props;
  const modelled = scenario.actors.filter((a) => scenario.preferences[a.id]);
  const defaultParties = useMemo(() => {
    const parties = modelled.filter((a) => a.role === 'party').map((a) => a.id);
    return parties.length >= 2 ? parties : modelled.map((a) => a.id);
  }, [modelled]);
  const [parties, setParties] = useState<string[]>(defaultParties);
  const [issues, setIssues] = useState<string[]>(scenario.issues.map((i) => i.id));
  const [levers, setLevers] = useState<Record<string, number>>({});
  const [result, setResult] = useState<SpaceResponse | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [x, setX] = useState(0);
  const [y, setY] = useState(1);
  const [show, setShow] = useState<'all' | 'frontier'>('all');
  const [zoomToZone, setZoomToZone] = useState(false);
  const [selected, setSelected] = useState<Record<string, string> | null>(null);
  const [allDeals, setAllDeals] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(() => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    setError(null);
    const leverUses = Object.entries(levers)
      .filter(([, s]) => s > 0)
      .map(([id, strength]) => ({ id, strength }));
    runJob<SpaceResponse>(
      {
        kind: 'space',
        scenario: props.scenarioId,
        params: { parties, issues, levers: leverUses, points: 'all', maxPoints: 20000 },
      },
      (f) => setProgress(f),
      controller.signal,
    )
      .then((r) => {
        setResult(r);
        setX(0);
        setY(Math.min(1, r.parties.length - 1));
        setSelected(null);
      })
      .catch((e: Error & { code?: string }) => {
        if (e.code !== 'CANCELLED') setError(e.message);
      })
      .finally(() => {
        if (abort.current === controller) setProgress(null);
      });
  }, [levers, parties, issues, props.scenarioId]);

  // Run once on opening, with the defaults.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on scenario change
  useEffect(() => {
    run();
    return () => abort.current?.abort();
  }, [props.scenarioId]);

  const names = useMemo(() => Object.fromEntries(scenario.actors.map((a) => [a.id, a.name])), [scenario]);
  const option = useMemo(
    () =>
      result
        ? spaceScatterOption(
            { ...result, partyNames: names, reference: result.mode === 'steps' ? 'today' : 'walk_away' },
            { x, y: y === x ? (x + 1) % result.parties.length : y, show, zoomToZone },
          )
        : null,
    [result, names, x, y, show, zoomToZone],
  );
  const issueName = (id: string) => scenario.issues.find((i) => i.id === id)?.name ?? id;
  const optionLabel = (issue: string, option: string) =>
    scenario.issues.find((i) => i.id === issue)?.options.find((o) => o.id === option)?.label ?? option;
  const leverName = (id: string) => scenario.levers.find((l) => l.id === id)?.name ?? id;
  /** Terms (option ids by issue id) as "issue: option" for the issues that differ from today. */
  const changedLabels = (terms: Record<string, string>) =>
    Object.entries(terms)
      .filter(([k, option]) => scenario.issues.find((i) => i.id === k)?.statusQuo !== option)
      .map(([k, option]) => `${issueName(k)}: ${optionLabel(k, option)}`)
      .join('; ') || 'today’s terms';
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((v) => v !== id) : [...list, id]);

  return (
    <section aria-labelledby="space-title">
      <h2 id="space-title">Agreement space</h2>
      <div className="split wide-right">
        <form
          className="panel"
          aria-label="Scope of the analysis"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <fieldset>
            <legend>Parties</legend>
            {modelled.map((a) => (
              <label key={a.id} className="check">
                <input
                  type="checkbox"
                  checked={parties.includes(a.id)}
                  onChange={() => setParties(toggle(parties, a.id))}
                />{' '}
                {a.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Issues on the table</legend>
            {scenario.issues.map((i) => (
              <label key={i.id} className="check">
                <input
                  type="checkbox"
                  checked={issues.includes(i.id)}
                  onChange={() => setIssues(toggle(issues, i.id))}
                />{' '}
                {i.name}
              </label>
            ))}
          </fieldset>
          <LeverControls levers={scenario.levers} values={levers} prefix="s" onChange={setLevers} />
          <div className="actions">
            <button type="submit" className="primary" disabled={parties.length < 2 || issues.length === 0}>
              Run analysis
            </button>
            {progress !== null ? (
              <button type="button" onClick={() => abort.current?.abort()}>
                Cancel
              </button>
            ) : null}
          </div>
          {progress !== null ? (
            <progress value={progress} max={1} aria-label="Analysis progress">
              {Math.round(progress * 100)}%
            </progress>
          ) : null}
        </form>

        <div className="results">
          <Status error={error} loading={!result}>
            {result && option ? (
              <>
                <p className="small" data-testid="space-mode">
                  {result.mode === 'settlement' ? (
                    <>
                      <strong>Settlements</strong> (packages with{' '}
                      {Object.entries(result.settlement ?? {})
                        .map(([i, opts]) => `${issueName(i)}: ${opts.map((o) => optionLabel(i, o)).join(' or ')}`)
                        .join('; ')}
                      ) end the fighting and are weighed against walking away; every other package is a{' '}
                      <strong>step</strong> taken while it goes on, weighed against today.
                    </>
                  ) : result.mode === 'steps' ? (
                    <>
                      The issues on the table cannot end the fighting (a settlement needs{' '}
                      {Object.keys(result.settlement ?? {})
                        .map(issueName)
                        .join(', ')}
                      ): every package is a <strong>step</strong>, weighed against today; within reach means every party
                      is strictly better off than today.
                    </>
                  ) : (
                    <>Every package is weighed against walking away (the scenario defines no settlement terms).</>
                  )}
                </p>
                <div className="summary" data-testid="space-summary">
                  <div>
                    <span className="k">
                      {result.mode === 'settlement' ? 'Settlements' : result.mode === 'steps' ? 'Steps' : 'Packages'}
                    </span>
                    <span className="v">{result.outcomes.toLocaleString('en')}</span>
                  </div>
                  <div>
                    <span className="k">No red line broken</span>
                    <span className="v">{result.acceptable.toLocaleString('en')}</span>
                  </div>
                  <div>
                    <span className="k">Pareto frontier</span>
                    <span className="v">{result.frontier.size.toLocaleString('en')}</span>
                  </div>
                  <div className={result.zone.empty ? 'closed' : 'open'}>
                    <span className="k">
                      {result.mode === 'settlement'
                        ? 'Settlement zone'
                        : result.mode === 'steps'
                          ? 'Steps within reach'
                          : 'Zone of agreement'}
                    </span>
                    <span className="v" data-testid="zone-count">
                      {result.zone.empty ? 'empty' : `${result.zone.count.toLocaleString('en')} packages`}
                    </span>
                  </div>
                  {result.steps && result.mode === 'settlement' ? (
                    <div className={result.steps.zone.empty ? 'closed' : 'open'}>
                      <span className="k">Steps within reach</span>
                      <span className="v" data-testid="steps-count">
                        {result.steps.zone.count.toLocaleString('en')} of {result.steps.outcomes.toLocaleString('en')}
                      </span>
                    </div>
                  ) : null}
                </div>
                {result.scope.levers.length ? (
                  <p className="small muted">
                    Levers applied: {result.scope.levers.map((l) => `${l.id} ×${l.strength}`).join(', ')}
                  </p>
                ) : null}
                <div className="chart-controls">
                  <label>
                    Horizontal{' '}
                    <select value={x} onChange={(e) => setX(Number(e.target.value))}>
                      {result.parties.map((p, i) => (
                        <option key={p} value={i}>
                          {names[p] ?? p}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Vertical{' '}
                    <select value={y} onChange={(e) => setY(Number(e.target.value))}>
                      {result.parties.map((p, i) => (
                        <option key={p} value={i}>
                          {names[p] ?? p}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    Show{' '}
                    <select value={show} onChange={(e) => setShow(e.target.value as 'all' | 'frontier')}>
                      <option value="all">all packages</option>
                      <option value="frontier">the frontier only</option>
                    </select>
                  </label>
                  <label className="check">
                    <input type="checkbox" checked={zoomToZone} onChange={(e) => setZoomToZone(e.target.checked)} />{' '}
                    Zoom to the zone and the solutions
                  </label>
                </div>
                {result.points?.sampled ? (
                  <p className="small muted">
                    Showing a fixed sample of {result.points.outcomes.length.toLocaleString('en')} of{' '}
                    {result.points.total.toLocaleString('en')} packages, mostly ones that break no red line; the
                    frontier, zone counts and solutions are computed over all of them.
                    {result.points.zoneInSample
                      ? ` The sample always holds the solutions and ${
                          result.points.zoneInSample.count >= result.points.zoneInSample.zoneCount
                            ? `all ${result.points.zoneInSample.zoneCount.toLocaleString('en')} zone packages`
                            : `${result.points.zoneInSample.count.toLocaleString('en')} of the ${result.points.zoneInSample.zoneCount.toLocaleString('en')} zone packages`
                        }.`
                      : ''}
                  </p>
                ) : null}
                <EChart
                  option={option}
                  height={440}
                  label={`Agreement space: utility to ${names[result.parties[x]!]} against utility to ${names[result.parties[y]!]}`}
                  onPointClick={(data) => {
                    const outcome = Array.isArray(data) ? (data[2] as number) : -1;
                    if (outcome >= 0) setSelected(decodeTerms(result.options, outcome));
                  }}
                />
                {selected ? (
                  <div className="panel small">
                    <strong>Selected package:</strong>{' '}
                    {Object.entries(selected)
                      .filter(([k, v]) => scenario.issues.find((i) => i.id === k)?.statusQuo !== v)
                      .map(([k, v]) => `${issueName(k)}: ${optionLabel(k, v)}`)
                      .join('; ') || 'the status quo'}
                  </div>
                ) : null}
                {result.zone.empty ? (
                  <div className="panel" data-testid="why-empty">
                    <h3>
                      {result.mode === 'settlement'
                        ? 'Why no settlement is within reach'
                        : result.mode === 'steps'
                          ? 'Why no step is within reach'
                          : 'Why there is no zone'}
                    </h3>
                    <div className="table-wrap">
                      <table>
                        <thead>
                          <tr>
                            <th scope="col">Party</th>
                            <th scope="col" className="num">
                              {result.reference === 'status_quo' ? 'Today' : 'Walk-away'}
                            </th>
                            <th scope="col">Best it can get while the others are satisfied</th>
                            <th scope="col" className="num">
                              Shortfall
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {result.zone.shortfalls.map((s) => (
                            <tr key={s.party}>
                              <th scope="row">{names[s.party] ?? s.party}</th>
                              <td className="num">{s.reservation.toFixed(3)}</td>
                              <td>
                                {s.bestAcceptableToOthers
                                  ? changedLabels(s.bestAcceptableToOthers.terms)
                                  : 'the others cannot all be satisfied at once'}
                              </td>
                              <td className="num">{s.shortfall === null ? '–' : s.shortfall.toFixed(3)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                    {result.zone.blockingIssues.length ? (
                      <p>
                        <strong>Blocking issues:</strong>{' '}
                        {result.zone.blockingIssues
                          .map(
                            (b) =>
                              `${issueName(b.issue)} (${b.reason === 'redLine' ? 'every option crosses someone’s red line' : 'settling it to each side’s liking would open a zone'})`,
                          )
                          .join('; ')}
                      </p>
                    ) : null}
                    {result.openingLevers ? (
                      <p data-testid="opening-levers">
                        <strong>Levers that would open a zone:</strong>{' '}
                        {result.openingLevers.combinations.length
                          ? result.openingLevers.combinations
                              .slice(0, 4)
                              .map(
                                (c) =>
                                  `${c.levers.map((l) => `${leverName(l.id)} ×${l.strength}`).join(' + ')} (${c.zoneCount.toLocaleString('en')} packages)`,
                              )
                              .join('; ')
                          : 'no combination of the scenario’s levers, up to their credible maximum, opens one.'}
                      </p>
                    ) : null}
                  </div>
                ) : (
                  <div className="panel">
                    <h3>
                      {result.mode === 'settlement'
                        ? 'Settlements every party accepts'
                        : 'Packages every party accepts'}
                    </h3>
                    <p className="small muted">
                      {result.zone.pareto.length} Pareto-efficient package{result.zone.pareto.length === 1 ? '' : 's'}{' '}
                      in the zone{result.zone.pareto.length > 5 ? '; the first five:' : ':'}
                    </p>
                    <ul className="plain small">
                      {result.zone.pareto.slice(0, 5).map((p) => (
                        <li key={p.outcome}>{changedLabels(p.terms)}</li>
                      ))}
                    </ul>
                  </div>
                )}
                <h3>{result.steps ? 'Steps within reach: partial deals' : 'Partial deals within reach'}</h3>
                <p className="small muted">
                  {result.steps
                    ? 'Issues settled while the others stay as they are today; every party is strictly better off than today.'
                    : 'Issues settled while the others stay as they are; every party gets at least its walk-away value.'}
                </p>
                {result.partialDeals.length ? (
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">Issues settled</th>
                          <th scope="col">Best package</th>
                          <th scope="col" className="num">
                            Packages in zone
                          </th>
                          <th scope="col" className="num">
                            {result.steps ? 'Joint gain over today' : 'Joint gain'}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {result.partialDeals.slice(0, allDeals ? undefined : 8).map((d) => (
                          <tr key={d.issues.join('+')}>
                            <td>{d.issues.map(issueName).join(' + ')}</td>
                            <td>{d.issues.map((i) => optionLabel(i, d.best.terms[i] ?? '')).join('; ')}</td>
                            <td className="num">{d.zoneCount}</td>
                            <td className="num">{(result.steps ? d.gainOverStatusQuo : d.jointGain).toFixed(3)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {result.partialDeals.length > 8 ? (
                      <button type="button" className="link more" onClick={() => setAllDeals(!allDeals)}>
                        {allDeals ? 'Show fewer' : `Show all ${result.partialDeals.length}`}
                      </button>
                    ) : null}
                  </div>
                ) : (
                  <p className="muted">No subset of issues has a zone of agreement on its own.</p>
                )}
                {result.partialDealSearch?.truncated ? (
                  <p className="small muted" role="note">
                    Truncated: {result.partialDealSearch.searched.toLocaleString('en')} of{' '}
                    {result.partialDealSearch.subsets.toLocaleString('en')} issue subsets searched (every subset of up
                    to {result.partialDealSearch.maxSize} issues, then growth from the best one)
                    {result.partialDealSearch.notSearched > 0
                      ? `; ${result.partialDealSearch.notSearched.toLocaleString('en')} not searched`
                      : ''}
                    {result.partialDealSearch.tooLarge > 0
                      ? `; ${result.partialDealSearch.tooLarge.toLocaleString('en')} above ${result.partialDealSearch.maxPackages.toLocaleString('en')} packages`
                      : ''}
                    {result.partialDealSearch.cutByLimit > 0
                      ? `; ${result.partialDealSearch.cutByLimit.toLocaleString('en')} deals not listed`
                      : ''}
                    .
                  </p>
                ) : null}
              </>
            ) : null}
          </Status>
        </div>
      </div>
    </section>
  );
}

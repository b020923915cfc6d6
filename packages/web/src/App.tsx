import { useEffect, useState } from 'react';
import { call, client, idParam, type ScenarioDetail, type ScenarioSummary } from './api';
import { Status } from './components/common';
import { BacktestView } from './views/BacktestView';
import { ForecastView } from './views/ForecastView';
import { Overview } from './views/Overview';
import { ProposalBuilder } from './views/ProposalBuilder';
import { SimulationView } from './views/SimulationView';
import { SpaceView } from './views/SpaceView';
import { StabilityView } from './views/StabilityView';
import { TimelineView } from './views/TimelineView';

const VIEWS = [
  { id: 'overview', label: 'Overview', View: Overview },
  { id: 'proposal', label: 'Proposal builder', View: ProposalBuilder },
  { id: 'space', label: 'Agreement space', View: SpaceView },
  { id: 'stability', label: 'Stability', View: StabilityView },
  { id: 'timeline', label: 'Timeline', View: TimelineView },
  { id: 'backtest', label: 'Backtest', View: BacktestView },
  { id: 'simulation', label: 'Simulation', View: SimulationView },
  { id: 'forecast', label: 'Forecast', View: ForecastView },
] as const;

type ViewId = (typeof VIEWS)[number]['id'];

/** Reads `#/<scenario>/<view>` from the address. */
function readHash(): { scenario: string | null; view: ViewId } {
  const [, scenario, view] = window.location.hash.split('/');
  const known = VIEWS.find((v) => v.id === view);
  return { scenario: scenario ? decodeURIComponent(scenario) : null, view: known ? known.id : 'overview' };
}

/** The workbench: a scenario picker, one tab per view, and the view. */
export function App() {
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [route, setRoute] = useState(readHash);
  const [detail, setDetail] = useState<ScenarioDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onHash = () => setRoute(readHash());
    window.addEventListener('hashchange', onHash);
    call(client.api.scenarios.$get())
      .then((r) => setScenarios(r.scenarios))
      .catch((e: Error) => setError(e.message));
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const scenarioId = route.scenario ?? scenarios?.find((s) => s.usable)?.id ?? scenarios?.[0]?.id ?? null;

  useEffect(() => {
    if (!scenarioId) return;
    setDetail(null);
    call(client.api.scenarios[':id'].$get({ param: idParam(scenarioId) }))
      .then(setDetail)
      .catch((e: Error) => setError(e.message));
  }, [scenarioId]);

  const go = (scenario: string, view: ViewId) => {
    window.location.hash = `#/${encodeURIComponent(scenario)}/${view}`;
  };
  const current = VIEWS.find((v) => v.id === route.view)!;

  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ⚖
          </span>{' '}
          Entente
        </div>
        {scenarios && scenarios.length > 0 ? (
          <label className="scenario-pick">
            <span className="visually-hidden">Scenario</span>
            <select value={scenarioId ?? ''} onChange={(e) => go(e.target.value, route.view)} aria-label="Scenario">
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title ?? s.id}
                  {s.valid ? '' : ` (${s.errors} problems)`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {detail?.asOf ? <span className="as-of">as of {detail.asOf}</span> : null}
      </header>
      <nav aria-label="Views" className="tabs">
        {VIEWS.map((v) => (
          <a
            key={v.id}
            href={scenarioId ? `#/${encodeURIComponent(scenarioId)}/${v.id}` : '#'}
            aria-current={v.id === route.view ? 'page' : undefined}
          >
            {v.label}
          </a>
        ))}
      </nav>
      <main>
        <Status error={error} loading={!scenarios || (scenarioId !== null && !detail)}>
          {scenarios?.length === 0 ? (
            <p>
              No scenario is loaded: start the server with <code>entente serve scenario.yaml</code>.
            </p>
          ) : null}
          {detail && !detail.scenario ? (
            <div className="panel">
              <h2>{detail.file} does not validate</h2>
              <ul className="issues">
                {detail.issues.map((i) => (
                  <li key={`${i.line}:${i.column}:${i.code}:${i.path.join('.')}`}>
                    <code>{i.line !== undefined ? `line ${i.line}:${i.column ?? 1}` : i.path.join('.')}</code> {i.code}:{' '}
                    {i.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {detail?.scenario && scenarioId ? (
            <>
              <h1 className="title">{detail.scenario.title}</h1>
              {!detail.valid ? (
                <p className="small warn">
                  Some quotes could not be checked against their sources ({detail.errors} problem
                  {detail.errors === 1 ? '' : 's'}); run <code>entente validate</code> for details.
                </p>
              ) : null}
              <current.View key={`${scenarioId}/${current.id}`} scenario={detail.scenario} scenarioId={scenarioId} />
            </>
          ) : null}
        </Status>
      </main>
      <footer className="foot small muted">
        Entente — every figure traces back to the scenario file and its sources.
      </footer>
    </div>
  );
}

import type { ForecastModel, Scenario } from '@entente/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { runEngineJob } from '../api';
import { forecastScaleOption, tornadoOption, trajectoryOption } from '../charts/engine-charts';
import { Status } from '../components/common';
import { EChart } from '../components/EChart';
import type { ForecastEngineResult } from '../engine-results';

/** The forecast engine's models (its `model` parameter); KTAB is opt-in as it needs more actors than some issues have. */
const DEFAULT_MODELS: ForecastModel[] = ['weighted_mean', 'weighted_median', 'nash', 'nash_vote', 'bdm'];
// Keyed by the core's model type, so a model the engine gains without a name here is a type error.
const MODEL_NAMES: Record<ForecastModel, string> & Record<string, string> = {
  weighted_mean: 'weighted mean',
  weighted_median: 'weighted median',
  nash: 'Nash bargaining',
  nash_vote: 'Nash + vote on yes/no issues',
  bdm: 'BDM challenges',
  ktab: 'KTAB SMP',
};
const MODELS = Object.keys(MODEL_NAMES) as ForecastModel[];
const TORNADO_ROWS = 12;

/** Where each issue's outcome lands on its 0–100 scale under every model, with Monte-Carlo intervals and sensitivity. */
export function ForecastView(props: { scenario: Scenario; scenarioId: string }) {
  const { scenario } = props;
  const names = useMemo(() => Object.fromEntries(scenario.actors.map((a) => [a.id, a.name])), [scenario]);
  const [models, setModels] = useState<string[]>(DEFAULT_MODELS);
  const [draws, setDraws] = useState(200);
  const [seed, setSeed] = useState(1);
  const [result, setResult] = useState<ForecastEngineResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [issue, setIssue] = useState('');
  const [tornadoModel, setTornadoModel] = useState('');
  const abort = useRef<AbortController | null>(null);

  const run = (m: readonly string[], d: number, s: number) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setProgress(0);
    runEngineJob<ForecastEngineResult>(
      'forecast',
      { scenario: props.scenarioId, params: { model: m.join(','), draws: d }, seed: s },
      (f) => setProgress(f),
      controller.signal,
    )
      .then((r) => abort.current === controller && setResult(r))
      .catch((e: Error) => abort.current === controller && setError(e.message))
      .finally(() => {
        if (abort.current === controller) setProgress(null);
      });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per scenario, on the defaults.
  useEffect(() => {
    run(models, draws, seed);
    return () => abort.current?.abort();
  }, [props.scenarioId]);

  const shown = issue || result?.issues[0]?.dimension || '';
  const info = result?.issues.find((i) => i.dimension === shown);
  const rows = useMemo(
    () =>
      (result?.forecasts ?? [])
        .filter((f) => f.dimension === shown)
        .map((f) => {
          const iv = result!.intervals.find((i) => i.dimension === shown && i.model === f.model);
          const option = result!.options.find((o) => o.dimension === shown && o.model === f.model);
          // An interval whose draws all failed has null quantiles: shown as none.
          const band = iv && iv.p10 !== null && iv.p50 !== null && iv.p90 !== null ? iv : undefined;
          return {
            ...f,
            p10: band?.p10 ?? undefined,
            p50: band?.p50 ?? undefined,
            p90: band?.p90 ?? undefined,
            option,
          };
        }),
    [result, shown],
  );
  const scale = useMemo(
    () =>
      info
        ? forecastScaleOption(
            info.actors.map((a) => ({
              id: a.id,
              name: names[a.id] ?? a.id,
              position: a.position,
              weight: a.capability * a.salience,
            })),
            rows.map((r) => ({ ...r, model: MODEL_NAMES[r.model] ?? r.model })),
          )
        : null,
    [info, rows, names],
  );
  const trajectories = (result?.trajectories ?? []).filter((t) => t.dimension === shown && t.rounds.length > 1);
  const sensitivityModels = [
    ...new Set((result?.sensitivity ?? []).filter((s) => s.dimension === shown).map((s) => s.model)),
  ];
  const chartedModel = sensitivityModels.find((m) => m === tornadoModel) ?? sensitivityModels[0] ?? '';
  const tornado = (result?.sensitivity ?? [])
    .filter((s) => s.dimension === shown && s.model === chartedModel)
    .sort((a, b) => b.swing - a.swing)
    .slice(0, TORNADO_ROWS);
  const base = rows.find((r) => r.model === chartedModel)?.value ?? null;

  // KTAB's intervals rest on fewer draws than the others' (an SMP run costs ~70 BDM runs): say so.
  const ktabDraws = result?.intervals.find((i) => i.model === 'ktab')?.draws;

  return (
    <section aria-labelledby="forecast-title">
      <h2 id="forecast-title">Forecast</h2>
      <p className="lead small">
        Each issue's options lie on a 0–100 scale; each party stands at its preferred option, weighed by its capability
        and the issue's salience to it. The models forecast where the outcome lands; the intervals come from{' '}
        {result?.draws ?? draws} Monte-Carlo draws over uncertain positions, saliences and capabilities
        {ktabDraws !== undefined && ktabDraws !== result?.draws ? (
          <span data-testid="ktab-draws"> (KTAB SMP: {ktabDraws} draws, its own smaller default)</span>
        ) : null}
        .
      </p>
      <form
        className="panel chart-controls"
        aria-label="Forecast settings"
        onSubmit={(e) => {
          e.preventDefault();
          run(models, draws, seed);
        }}
      >
        <fieldset>
          <legend>Models</legend>
          {MODELS.map((m) => (
            <label key={m}>
              <input
                type="checkbox"
                checked={models.includes(m)}
                onChange={(e) => setModels(e.target.checked ? [...models, m] : models.filter((x) => x !== m))}
              />{' '}
              {MODEL_NAMES[m]}
            </label>
          ))}
        </fieldset>
        <label>
          Draws{' '}
          <input type="number" min={0} max={100000} value={draws} onChange={(e) => setDraws(Number(e.target.value))} />
        </label>
        <label>
          Seed <input type="number" value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value)))} />
        </label>
        <button type="submit" className="primary" disabled={progress !== null || models.length === 0}>
          Forecast
        </button>
        {progress !== null ? (
          <>
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
            <progress value={progress} max={1} aria-label="Forecast progress">
              {Math.round(progress * 100)}%
            </progress>
          </>
        ) : null}
      </form>
      <Status error={error} loading={!result}>
        {result ? (
          <>
            <div className="chart-controls">
              <label>
                Issue{' '}
                <select value={shown} onChange={(e) => setIssue(e.target.value)} data-testid="forecast-issue">
                  {result.issues.map((i) => (
                    <option key={i.dimension} value={i.dimension}>
                      {i.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {scale ? (
              <figure>
                <EChart
                  option={scale}
                  height={60 + 30 * ((info?.actors.length ?? 0) + rows.length)}
                  label={`${info?.name}: the actors' positions and every model's forecast with its interval on the 0–100 scale`}
                />
                <figcaption className="small muted">
                  Circles: the actors' positions (larger: more capability × salience). Diamonds: each model's forecast;
                  shaded: its 10–90% Monte-Carlo interval.
                </figcaption>
              </figure>
            ) : null}
            <div className="table-wrap">
              <table className="compact" data-testid="forecast-table">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col" className="num">
                      Forecast
                    </th>
                    <th scope="col">Nearest option</th>
                    <th scope="col">10–90% interval</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.model} data-model={r.model} data-value={r.value ?? ''}>
                      <th scope="row">{MODEL_NAMES[r.model] ?? r.model}</th>
                      <td className="num">{r.value === null ? '–' : r.value.toFixed(1)}</td>
                      <td>{r.option?.label ?? '–'}</td>
                      <td>{r.p10 === undefined ? '–' : `${r.p10.toFixed(1)}–${r.p90!.toFixed(1)}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {result.errors.length ? (
              <p className="small warn">
                {result.errors.map((e) => `${e.model ?? 'model'}: ${e.message ?? e.code}`).join('; ')}
              </p>
            ) : null}
            {trajectories.map((t) => (
              <figure key={t.model}>
                <h3>Positions round by round ({MODEL_NAMES[t.model] ?? t.model})</h3>
                <EChart
                  option={trajectoryOption(t.rounds, names)}
                  height={240}
                  label={`${info?.name}: each actor's position round by round under ${t.model}`}
                />
              </figure>
            ))}
            {tornado.length ? (
              <>
                <h3>What moves the forecast</h3>
                <div className="chart-controls">
                  <label>
                    Model{' '}
                    <select value={chartedModel} onChange={(e) => setTornadoModel(e.target.value)}>
                      {sensitivityModels.map((m) => (
                        <option key={m} value={m}>
                          {MODEL_NAMES[m] ?? m}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <EChart
                  option={tornadoOption(
                    tornado.flatMap((s) =>
                      s.low === null || s.high === null
                        ? []
                        : [{ label: `${names[s.actor] ?? s.actor}: ${s.input}`, low: s.low, high: s.high }],
                    ),
                    base,
                  )}
                  height={40 + 26 * tornado.length}
                  label="Tornado chart: the forecast with each input at the low and high end of its range, widest swing first"
                />
                <details>
                  <summary>The chart’s figures</summary>
                  <div className="table-wrap">
                    <table className="compact" data-testid="forecast-tornado">
                      <tbody>
                        {tornado.map((s) => (
                          <tr
                            key={`${s.actor}/${s.input}`}
                            data-actor={s.actor}
                            data-input={s.input}
                            data-swing={s.swing}
                          >
                            <th scope="row">
                              {names[s.actor] ?? s.actor}: {s.input}
                            </th>
                            <td className="num">{s.low === null ? '–' : s.low.toFixed(1)}</td>
                            <td className="num">{s.high === null ? '–' : s.high.toFixed(1)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </>
            ) : null}
          </>
        ) : null}
      </Status>
    </section>
  );
}

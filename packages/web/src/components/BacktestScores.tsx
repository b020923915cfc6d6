import { useEffect, useMemo, useState } from 'react';
import { runEngine } from '../api';
import { reliabilityOption, scoreBarsOption } from '../charts/engine-charts';
import type { BacktestEngineResult } from '../engine-results';
import { Status } from './common';
import { EChart } from './EChart';

export type BacktestMode = 'in-sample' | 'rolling' | 'loo' | 'split';

/** The backtest engine's parameters for a mode. */
export function backtestParams(mode: BacktestMode, splitDate: string): Record<string, unknown> {
  if (mode === 'rolling') return { rolling: true };
  if (mode === 'loo') return { loo: true };
  if (mode === 'split') return { splitDate };
  return {};
}

/** One row of the score table: the model or a baseline, on yes/no and on the three answers. */
interface ScoreRow {
  id: string;
  label: string;
  yesNo: number | null;
  threeClass: number | null;
  brier: number | null;
  logLoss: number | null;
}

/** The rows the API's figures give: the model, the per-party majority and the overall majority. */
export function scoreRows(result: BacktestEngineResult): {
  label: 'in-sample' | 'out-of-sample';
  n: number;
  rows: ScoreRow[];
} {
  const o = result.outOfSample;
  if (o)
    return {
      label: 'out-of-sample',
      n: o.n,
      rows: [
        { id: 'model', label: 'model', yesNo: o.accuracy, threeClass: o.accuracy3, brier: o.brier, logLoss: o.logLoss },
        {
          id: 'per-party',
          label: 'per-party majority',
          yesNo: o.baselines.perPartyMajority,
          threeClass: o.baselines3.perPartyMajority,
          brier: null,
          logLoss: null,
        },
        {
          id: 'majority',
          label: 'overall majority',
          yesNo: o.baselines.majority,
          threeClass: o.baselines3.majority,
          brier: null,
          logLoss: null,
        },
      ],
    };
  const s = result.inSample;
  return {
    label: 'in-sample',
    n: s.n,
    rows: [
      { id: 'model', label: 'model', yesNo: s.accuracy, threeClass: s.accuracy3, brier: s.brier, logLoss: s.logLoss },
      {
        id: 'majority',
        label: `overall majority (“${result.baseline.answer ?? '–'}”)`,
        yesNo: null,
        threeClass: result.baseline.accuracy,
        brier: null,
        logLoss: null,
      },
    ],
  };
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? '–' : x.toFixed(3));

/** Accuracy, Brier and log loss of the answer model beside the baselines, in-sample or out of sample. */
export function BacktestScores(props: { scenarioId: string; defaultSplit: string }) {
  const [mode, setMode] = useState<BacktestMode>('in-sample');
  const [splitDate, setSplitDate] = useState(props.defaultSplit);
  const [result, setResult] = useState<BacktestEngineResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setResult(null);
    setError(null);
    if (mode === 'split' && !/^\d{4}(-\d{2}){0,2}$/.test(splitDate)) return;
    runEngine<BacktestEngineResult>(
      'backtest',
      { scenario: props.scenarioId, params: backtestParams(mode, splitDate) },
      controller.signal,
    )
      .then((r) => !controller.signal.aborted && setResult(r))
      .catch((e: Error) => !controller.signal.aborted && setError(e.message));
    return () => controller.abort();
  }, [props.scenarioId, mode, splitDate]);
  const scores = useMemo(() => (result ? scoreRows(result) : null), [result]);
  const bins = result ? (result.outOfSample?.reliability ?? result.inSample.reliability) : [];

  return (
    <div className="backtest-scores">
      <div className="chart-controls">
        <label>
          Scored{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as BacktestMode)} data-testid="backtest-mode">
            <option value="in-sample">in-sample (every answer, fitted on all)</option>
            <option value="rolling">rolling (fitted on earlier proposals)</option>
            <option value="loo">leave one proposal out</option>
            <option value="split">split at a date</option>
          </select>
        </label>
        {mode === 'split' ? (
          <label>
            Split date{' '}
            <input
              value={splitDate}
              onChange={(e) => setSplitDate(e.target.value)}
              placeholder="YYYY-MM"
              size={10}
              data-testid="backtest-split"
            />
          </label>
        ) : null}
      </div>
      <Status error={error} loading={!scores}>
        {scores ? (
          <>
            <p className="small" data-testid="backtest-label" data-label={scores.label}>
              <strong>{scores.label === 'in-sample' ? 'In-sample' : 'Out-of-sample'}</strong>: {scores.n} answers scored
              {scores.label === 'in-sample'
                ? ' — the preferences were set with these answers in view.'
                : ' — each by a model fitted only on other answers; the baselines are fitted on the same training answers.'}
            </p>
            <div className="table-wrap">
              <table className="compact" data-testid="backtest-scores">
                <thead>
                  <tr>
                    <th scope="col">Predictor</th>
                    <th scope="col" className="num">
                      Yes/no
                    </th>
                    <th scope="col" className="num">
                      3 answers
                    </th>
                    <th scope="col" className="num">
                      Brier
                    </th>
                    <th scope="col" className="num">
                      Log loss
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {scores.rows.map((r) => (
                    <tr
                      key={r.id}
                      data-id={r.id}
                      data-yes-no={r.yesNo ?? ''}
                      data-three={r.threeClass ?? ''}
                      data-brier={r.brier ?? ''}
                      data-log-loss={r.logLoss ?? ''}
                    >
                      <th scope="row">{r.label}</th>
                      <td className="num">{pct(r.yesNo)}</td>
                      <td className="num">{pct(r.threeClass)}</td>
                      <td className="num">{num(r.brier)}</td>
                      <td className="num">{num(r.logLoss)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="chart-pair">
              <figure>
                <EChart
                  option={scoreBarsOption(scores.rows)}
                  height={60 + 44 * scores.rows.length}
                  label="Accuracy of the model beside the baselines, yes/no and three answers"
                />
                <figcaption className="small muted">
                  A missing bar: the figure is not computed for that predictor.
                </figcaption>
              </figure>
              <figure>
                <EChart
                  option={reliabilityOption(bins)}
                  height={260}
                  label="Reliability diagram: observed share of yes against predicted P(yes), per bin"
                />
                <figcaption className="small muted">
                  Dots on the dashed diagonal are well calibrated; dot size follows the answers in the bin.
                </figcaption>
              </figure>
            </div>
          </>
        ) : null}
      </Status>
    </div>
  );
}

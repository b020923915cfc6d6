import type { Scenario } from '@entente/core';
import { useEffect, useMemo, useState } from 'react';
import { type BacktestResult, call, client, idParam } from '../api';
import { answerWords, type MarginRow } from '../charts/margin-chart';
import { BacktestScores } from '../components/BacktestScores';
import { AnswerBadge, Status, signed } from '../components/common';
import { MarginChart } from '../components/MarginChart';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Recorded proposals replayed through the model: predicted against observed answers. */
export function BacktestView(props: { scenario: Scenario; scenarioId: string }) {
  const { scenario } = props;
  const [result, setResult] = useState<BacktestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setResult(null);
    call(client.api.scenarios[':id'].backtest.$get({ param: idParam(props.scenarioId) }))
      .then(setResult)
      .catch((e: Error) => setError(e.message));
  }, [props.scenarioId]);
  const actorName = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const proposal = (id: string) => scenario.proposals.find((p) => p.id === id);
  const parties = useMemo(() => [...new Set(result?.comparisons.map((c) => c.actor) ?? [])], [result]);
  const [party, setParty] = useState<string>('');
  const charted = party || parties[0] || '';
  // One row per recorded proposal the party answered, in date order: the model's margin and answer beside the record.
  const rows: MarginRow[] = useMemo(
    () =>
      (result?.comparisons ?? [])
        .filter((c) => c.actor === charted)
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((c) => ({
          id: c.proposal,
          label: `${scenario.proposals.find((p) => p.id === c.proposal)?.title ?? c.proposal} (${c.date})`,
          margin: c.margin,
          predicted: c.predicted,
          observed: c.observed,
        })),
    [result, charted, scenario],
  );

  return (
    <section aria-labelledby="backtest-title">
      <h2 id="backtest-title">Backtest</h2>
      <h3>Scores against the baselines</h3>
      <BacktestScores
        scenarioId={props.scenarioId}
        defaultSplit={
          [...scenario.proposals].map((p) => p.date).sort()[Math.floor(scenario.proposals.length / 2)] ?? ''
        }
      />
      <h3>Every recorded answer, in-sample</h3>
      <Status error={error} loading={!result}>
        {result ? (
          <>
            <div className="summary">
              <div>
                <span className="k">Answers scored</span>
                <span className="v">{result.scored}</span>
              </div>
              <div>
                <span className="k">Exactly right</span>
                <span className="v" data-testid="accuracy">
                  {result.correct} ({pct(result.accuracy)})
                </span>
              </div>
              <div>
                <span className="k">Yes/no right</span>
                <span className="v">{pct(result.directionAccuracy)}</span>
              </div>
            </div>
            <p className="small muted" data-testid="baseline">
              An in-sample fit: the preferences were set with these answers in view. A naive yardstick, always
              predicting “{answerWords(result.baseline.answer)}”, gets {pct(result.baseline.accuracy)}.
            </p>
            <h3>Margins by proposal</h3>
            <div className="chart-controls">
              <label>
                Party{' '}
                <select value={charted} onChange={(e) => setParty(e.target.value)} data-testid="backtest-party">
                  {parties.map((p) => (
                    <option key={p} value={p}>
                      {actorName(p)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <MarginChart
              rows={rows}
              reference="its reference"
              label={`${actorName(charted)}: the model's margin for each recorded proposal, with the predicted answer (bar colour) and the observed one (shape)`}
              testId="backtest-margins"
            />
            <h3>Every answer</h3>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Proposal</th>
                    <th scope="col">Party</th>
                    <th scope="col">Observed</th>
                    <th scope="col">Predicted</th>
                    <th scope="col" className="num">
                      Margin
                    </th>
                    <th scope="col">Match</th>
                  </tr>
                </thead>
                <tbody>
                  {result.comparisons.map((c) => (
                    <tr
                      key={`${c.proposal}/${c.actor}`}
                      className={c.match ? '' : c.directionMatch ? 'partial' : 'miss'}
                    >
                      <td>{c.date}</td>
                      <td>{proposal(c.proposal)?.title ?? c.proposal}</td>
                      <td>{actorName(c.actor)}</td>
                      <td>
                        <AnswerBadge answer={c.observed} />
                      </td>
                      <td>
                        <AnswerBadge answer={c.predicted} />
                      </td>
                      <td className="num">{signed(c.margin)}</td>
                      <td>{c.match ? '✓ exact' : c.directionMatch ? '≈ yes/no' : '✗ wrong'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>By party</h3>
            <div className="table-wrap">
              <table className="compact">
                <thead>
                  <tr>
                    <th scope="col">Party</th>
                    <th scope="col" className="num">
                      Scored
                    </th>
                    <th scope="col" className="num">
                      Exact
                    </th>
                    <th scope="col" className="num">
                      Yes/no
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(result.byActor).map(([a, f]) => (
                    <tr key={a}>
                      <td>{actorName(a)}</td>
                      <td className="num">{f.scored}</td>
                      <td className="num">{pct(f.accuracy)}</td>
                      <td className="num">{pct(f.directionAccuracy)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {result.skipped.length ? (
              <p className="small muted">
                Not scored: {result.skipped.map((s) => `${s.proposal}/${actorName(s.actor)} (${s.reason})`).join('; ')}.
              </p>
            ) : null}
          </>
        ) : null}
      </Status>
    </section>
  );
}

import { useMemo } from 'react';
import { answerWords, type MarginRow, marginChartHeight, marginChartOption } from '../charts/margin-chart';
import { signed } from './common';
import { EChart } from './EChart';

/** The margin chart with its figures as a table beneath (the chart's text alternative, and what it draws). */
export function MarginChart(props: { rows: readonly MarginRow[]; reference: string; label: string; testId: string }) {
  const option = useMemo(() => marginChartOption(props.rows, props.reference), [props.rows, props.reference]);
  const withBand = props.rows.some((r) => r.band !== undefined);
  const withObserved = props.rows.some((r) => r.observed);
  return (
    <figure className="margin-chart" data-testid={props.testId}>
      <EChart option={option} height={marginChartHeight(props.rows.length)} label={props.label} />
      <figcaption className="small muted">
        Bar colour: the predicted answer (blue accepts, orange accepts with conditions, vermillion rejects).
        {withBand ? ' Shaded: the band within which a party accepts only with conditions.' : ''}
        {withObserved
          ? ' Shape at the bar’s end: the recorded answer (circle accepted, diamond with conditions, triangle rejected, square no response).'
          : ''}
      </figcaption>
      <details>
        <summary>The chart’s figures</summary>
        <div className="table-wrap">
          <table className="compact chart-data">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col" className="num">
                  Margin
                </th>
                {withBand ? (
                  <th scope="col" className="num">
                    Band ±
                  </th>
                ) : null}
                <th scope="col">Predicted</th>
                {withObserved ? <th scope="col">Observed</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id} data-id={r.id} data-margin={r.margin} data-band={r.band} data-predicted={r.predicted}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{signed(r.margin)}</td>
                  {withBand ? <td className="num">{r.band?.toFixed(3) ?? '–'}</td> : null}
                  <td>{answerWords(r.predicted)}</td>
                  {withObserved ? <td data-observed={r.observed ?? ''}>{answerWords(r.observed)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

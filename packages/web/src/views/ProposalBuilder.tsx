import type { Scenario } from '@entente/core';
import { useEffect, useMemo, useState } from 'react';
import { type ClosestResponse, call, client, type EvaluationResponse, idParam, type LeverUse, runEngine } from '../api';
import { answerStackOption } from '../charts/engine-charts';
import type { MarginRow } from '../charts/margin-chart';
import { AnswerBadge, LeverControls, Status, signed } from '../components/common';
import { EChart } from '../components/EChart';
import { MarginChart } from '../components/MarginChart';
import type { EvaluateEngineResult } from '../engine-results';

/** The margin's colour follows core's answer rule (sent by the API), never a recomputation. */
const MARGIN_CLASS: Record<string, string> = {
  above_reference: 'pos',
  near_reference: 'near',
  below_reference: 'neg',
  red_line: '',
};

/** Option labels longer than this may be cut by a closed select on a narrow panel. */
const LONG_LABEL = 28;

/** Choose terms (or a recorded proposal) and levers; every party's verdict updates as you go. */
export function ProposalBuilder(props: { scenario: Scenario; scenarioId: string }) {
  const { scenario } = props;
  const statusQuo = useMemo(() => Object.fromEntries(scenario.issues.map((i) => [i.id, i.statusQuo])), [scenario]);
  const [terms, setTerms] = useState<Record<string, string>>(statusQuo);
  const [loaded, setLoaded] = useState<string>('');
  const [levers, setLevers] = useState<Record<string, number>>({});
  const [evaluation, setEvaluation] = useState<EvaluationResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [closest, setClosest] = useState<ClosestResponse | null>(null);
  const [closestBusy, setClosestBusy] = useState(false);
  // Whose loss breaks ties between equally close packages: shown and chosen, never guessed silently.
  const spaceParties = useMemo(() => {
    const modelled = scenario.actors.filter((a) => scenario.preferences[a.id]);
    const parties = modelled.filter((a) => a.role === 'party');
    return (parties.length >= 2 ? parties : modelled).map((a) => a.id);
  }, [scenario]);
  const [proposer, setProposer] = useState<string>(spaceParties[0] ?? '');
  // Answer probabilities as of a date and by a proposer (empty: the engine's defaults, a recorded proposal's own).
  const [asOf, setAsOf] = useState('');
  const [proposedBy, setProposedBy] = useState('');
  const [answers, setAnswers] = useState<EvaluateEngineResult | null>(null);

  useEffect(() => {
    setTerms(statusQuo);
    setLoaded('');
    setLevers({});
  }, [statusQuo]);

  const leverUses: LeverUse[] = useMemo(
    () =>
      Object.entries(levers)
        .filter(([, s]) => s > 0)
        .map(([id, strength]) => ({ id, strength })),
    [levers],
  );
  const recorded = scenario.proposals.find((p) => p.id === loaded);
  const matchesRecorded =
    recorded !== undefined && scenario.issues.every((i) => (recorded.terms[i.id] ?? i.statusQuo) === terms[i.id]);
  const changedCount = scenario.issues.filter((i) => terms[i.id] !== i.statusQuo).length;
  // The title follows the terms: a recorded proposal's name only while its terms are unchanged.
  const proposalName = recorded
    ? matchesRecorded
      ? recorded.title
      : `${recorded.title}, edited`
    : changedCount
      ? `Your terms (${changedCount} issue${changedCount === 1 ? '' : 's'} changed)`
      : 'The status quo';
  const marginRows: MarginRow[] = useMemo(
    () =>
      (evaluation?.actors ?? []).map((a) => ({
        id: a.actor,
        label: a.actorName,
        margin: a.margin,
        band: a.band,
        predicted: a.answer,
        redLine: a.redLinesBroken.length > 0,
        ...(matchesRecorded ? { observed: recorded?.responses[a.actor]?.response ?? null } : {}),
      })),
    [evaluation, matchesRecorded, recorded],
  );

  useEffect(() => {
    let live = true;
    const changed = Object.fromEntries(Object.entries(terms).filter(([k, v]) => statusQuo[k] !== v));
    const handle = setTimeout(() => {
      call(
        client.api.scenarios[':id'].evaluate.$post({
          param: idParam(props.scenarioId),
          json: { terms: changed, levers: leverUses },
        }),
      )
        .then((r) => {
          if (live) {
            setEvaluation(r);
            setError(null);
          }
        })
        .catch((e: Error) => live && setError(e.message));
    }, 120);
    return () => {
      live = false;
      clearTimeout(handle);
    };
  }, [terms, leverUses, props.scenarioId, statusQuo]);

  useEffect(() => {
    const controller = new AbortController();
    const changed = Object.fromEntries(Object.entries(terms).filter(([k, v]) => statusQuo[k] !== v));
    const validDate = /^\d{4}(-\d{2}){0,2}$/.test(asOf);
    const handle = setTimeout(() => {
      runEngine<EvaluateEngineResult>(
        'evaluate',
        {
          scenario: props.scenarioId,
          params: {
            // A recorded proposal's own date and proposers apply while its terms are unchanged.
            ...(matchesRecorded && loaded ? { proposal: loaded } : { terms: changed }),
            levers: leverUses,
            ...(validDate ? { asOf } : {}),
            ...(proposedBy ? { proposer: [proposedBy] } : {}),
          },
        },
        controller.signal,
      )
        .then((r) => !controller.signal.aborted && setAnswers(r))
        .catch((e: Error) => !controller.signal.aborted && setError(e.message));
    }, 150);
    return () => {
      clearTimeout(handle);
      controller.abort();
    };
  }, [terms, leverUses, asOf, proposedBy, matchesRecorded, loaded, props.scenarioId, statusQuo]);

  const load = (id: string) => {
    setLoaded(id);
    setClosest(null);
    const p = scenario.proposals.find((x) => x.id === id);
    setTerms({ ...statusQuo, ...(p?.terms ?? {}) });
    const own = p?.proposers.find((x) => spaceParties.includes(x));
    if (own) setProposer(own);
  };

  const findClosest = () => {
    setClosestBusy(true);
    const changed = Object.fromEntries(Object.entries(terms).filter(([k, v]) => statusQuo[k] !== v));
    call(
      client.api.scenarios[':id'].closest.$post({
        param: idParam(props.scenarioId),
        json: { terms: changed, levers: leverUses, ...(proposer ? { proposer } : {}) },
      }),
    )
      .then(setClosest)
      .catch((e: Error) => setError(e.message))
      .finally(() => setClosestBusy(false));
  };

  const optionLabel = (issue: string, option: string) =>
    scenario.issues.find((i) => i.id === issue)?.options.find((o) => o.id === option)?.label ?? option;
  const settlementTerms = Object.entries(scenario.settlement?.requires ?? {})
    .map(
      ([issue, options]) =>
        `${scenario.issues.find((i) => i.id === issue)?.name ?? issue}: ${options.map((o) => optionLabel(issue, o)).join(' or ')}`,
    )
    .join('; ');

  return (
    <section aria-labelledby="proposal-title">
      <h2 id="proposal-title">Proposal builder</h2>
      <div className="split">
        <form className="panel terms" onSubmit={(e) => e.preventDefault()} aria-label="Terms of the proposal">
          <div className="field">
            <label htmlFor="recorded">Start from a recorded proposal</label>
            <select id="recorded" value={loaded} onChange={(e) => load(e.target.value)}>
              <option value="">— status quo —</option>
              {scenario.proposals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.date} · {p.id === loaded && !matchesRecorded ? `${p.title}, edited` : p.title}
                </option>
              ))}
            </select>
          </div>
          {scenario.issues.map((issue) => (
            <div className="field" key={issue.id}>
              <label htmlFor={`term-${issue.id}`}>
                {issue.name}
                {terms[issue.id] !== issue.statusQuo ? <span className="changed"> changed</span> : null}
              </label>
              <select
                id={`term-${issue.id}`}
                value={terms[issue.id]}
                title={optionLabel(issue.id, terms[issue.id] ?? issue.statusQuo)}
                onChange={(e) => setTerms({ ...terms, [issue.id]: e.target.value })}
              >
                {issue.options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                    {o.id === issue.statusQuo ? ' (today)' : ''}
                  </option>
                ))}
              </select>
              {/* A closed select cuts long labels; a long chosen one is written out in full beneath. */}
              {optionLabel(issue.id, terms[issue.id] ?? issue.statusQuo).length > LONG_LABEL ? (
                <div className="option-full small" data-testid={`chosen-${issue.id}`}>
                  {optionLabel(issue.id, terms[issue.id] ?? issue.statusQuo)}
                </div>
              ) : null}
            </div>
          ))}
          <LeverControls levers={scenario.levers} values={levers} prefix="p" onChange={setLevers} />
          <div className="field">
            <label htmlFor="p-proposer">Ties broken by the smallest loss to</label>
            <select id="p-proposer" value={proposer} onChange={(e) => setProposer(e.target.value)}>
              {spaceParties.map((id) => (
                <option key={id} value={id}>
                  {scenario.actors.find((a) => a.id === id)?.name ?? id}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="p-as-of">Stances as of</label>
            <input
              id="p-as-of"
              value={asOf}
              placeholder={recorded && matchesRecorded ? recorded.date : (scenario.asOf ?? 'YYYY-MM')}
              onChange={(e) => setAsOf(e.target.value.trim())}
              size={10}
            />
          </div>
          <div className="field">
            <label htmlFor="p-proposed-by">Proposed by</label>
            <select id="p-proposed-by" value={proposedBy} onChange={(e) => setProposedBy(e.target.value)}>
              <option value="">
                {recorded && matchesRecorded ? '— its recorded proposers —' : '— nobody named —'}
              </option>
              {scenario.actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setTerms(statusQuo);
                setLoaded('');
                setClosest(null);
              }}
            >
              Reset to status quo
            </button>
            <button type="button" className="primary" onClick={findClosest} disabled={closestBusy}>
              {closestBusy ? 'Searching…' : 'Closest acceptable package'}
            </button>
          </div>
        </form>

        <div className="results" aria-live="polite">
          <Status error={error} loading={!evaluation}>
            {evaluation ? (
              <>
                <h3 className="proposal-name" data-testid="proposal-name">
                  {proposalName}
                </h3>
                <p className={`kind-banner ${evaluation.kind}`} data-testid="package-kind">
                  {!scenario.settlement ? (
                    <>
                      <strong>A package</strong> weighed by each party against <strong>walking away</strong> (the
                      scenario does not separate settlements from steps).
                    </>
                  ) : evaluation.kind === 'settlement' ? (
                    <>
                      <strong>A settlement</strong> (it meets {settlementTerms}): each party weighs it against{' '}
                      <strong>walking away</strong>, the value of fighting on.
                    </>
                  ) : (
                    <>
                      <strong>A step</strong> taken while the fighting goes on (short of{' '}
                      {settlementTerms || 'the settlement terms'}): each party weighs it against <strong>today</strong>.
                    </>
                  )}
                </p>
                <p className={`kind-banner ${evaluation.inZone ? 'in-zone' : 'outside-zone'}`} data-testid="in-zone">
                  {evaluation.inZone ? (
                    <>
                      <strong>In the zone</strong>: every party ({evaluation.acceptance.parties.join(', ')}) is{' '}
                      {evaluation.acceptance.zoneMode === 'strict' ? 'better off than' : 'at least at'} its reference,
                      and no red line is crossed.
                    </>
                  ) : (
                    <>
                      <strong>Outside the zone</strong>: not every party ({evaluation.acceptance.parties.join(', ')}) is{' '}
                      {evaluation.acceptance.zoneMode === 'strict' ? 'better off than' : 'at least at'} its reference
                      within its red lines.
                    </>
                  )}
                  {evaluation.acceptance.note ? <> {evaluation.acceptance.note}</> : null}
                </p>
                <div className="table-wrap">
                  <table className="evaluation">
                    <thead>
                      <tr>
                        <th scope="col">Party</th>
                        <th scope="col" className="num">
                          Utility
                        </th>
                        <th scope="col">Weighed against</th>
                        <th scope="col" className="num">
                          Margin
                        </th>
                        <th
                          scope="col"
                          className="num"
                          title="Within ± band of its reference a party accepts only with conditions"
                        >
                          Band ±
                        </th>
                        <th scope="col">Red lines broken</th>
                        <th scope="col">Predicted</th>
                        {matchesRecorded ? <th scope="col">Observed</th> : null}
                      </tr>
                    </thead>
                    <tbody>
                      {evaluation.actors.map((a) => (
                        <tr key={a.actor} data-actor={a.actor}>
                          <th scope="row">{a.actorName}</th>
                          <td className="num utility">{a.utility.toFixed(3)}</td>
                          <td className="reference" data-reference={a.reference}>
                            {a.reference === 'walk_away' ? 'walk-away' : 'today'}{' '}
                            <span className="num">{a.referenceValue.toFixed(3)}</span>
                          </td>
                          <td className={`num margin ${MARGIN_CLASS[a.rule]}`}>{signed(a.margin)}</td>
                          <td className="num band">{a.band.toFixed(3)}</td>
                          <td>{a.redLinesBroken.map((r) => `${r.issue}: ${r.optionLabel}`).join('; ') || '–'}</td>
                          <td className="answer">
                            <AnswerBadge answer={a.answer} />
                          </td>
                          {matchesRecorded ? (
                            <td>
                              <AnswerBadge answer={recorded?.responses[a.actor]?.response} />
                            </td>
                          ) : null}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <MarginChart
                  rows={marginRows}
                  reference={
                    evaluation.actors.every((a) => a.reference === 'walk_away')
                      ? 'walk-away'
                      : evaluation.actors.every((a) => a.reference !== 'walk_away')
                        ? 'today'
                        : 'reference'
                  }
                  label={`Each party's margin over its reference, against its band, for ${proposalName}`}
                  testId="proposal-margins"
                />
                {answers ? (
                  <figure data-testid="answer-probabilities" data-as-of={answers.asOf}>
                    <h3>How likely each answer is</h3>
                    <EChart
                      option={answerStackOption(
                        answers.actors.map((a) => ({ label: a.actorName, probabilities: a.probabilities })),
                      )}
                      height={60 + 34 * answers.actors.length}
                      label={`Each party's probability of accepting, accepting with conditions or rejecting ${proposalName}`}
                    />
                    <figcaption className="small muted">
                      The answer model's probabilities with stances as of {answers.asOf}
                      {answers.proposers.length
                        ? `, proposed by ${answers.proposers.map((p) => scenario.actors.find((a) => a.id === p)?.name ?? p).join(', ')}`
                        : ''}
                      .
                    </figcaption>
                    <details>
                      <summary>The chart’s figures</summary>
                      <div className="table-wrap">
                        <table className="compact">
                          <tbody>
                            {answers.actors.map((a) => (
                              <tr
                                key={a.actor}
                                data-actor={a.actor}
                                data-accepted={a.probabilities.accepted}
                                data-conditions={a.probabilities.accepted_with_conditions}
                                data-rejected={a.probabilities.rejected}
                              >
                                <th scope="row">{a.actorName}</th>
                                <td className="num">{(100 * a.probabilities.accepted).toFixed(1)}%</td>
                                <td className="num">{(100 * a.probabilities.accepted_with_conditions).toFixed(1)}%</td>
                                <td className="num">{(100 * a.probabilities.rejected).toFixed(1)}%</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                    </details>
                  </figure>
                ) : null}
                <h3>Why</h3>
                <ul className="explanations">
                  {evaluation.actors.map((a) => (
                    <li key={a.actor}>
                      <strong>{a.actorName}.</strong> {a.explanation}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Status>
          {closest ? (
            <div className="panel closest" aria-live="polite">
              <h3>Closest acceptable package</h3>
              {closest.found && closest.closest ? (
                <>
                  <p>
                    {closest.kind === 'settlement'
                      ? 'Searched among settlements (against walking away). '
                      : closest.kind === 'step'
                        ? 'Searched among steps that leave every party better off than today. '
                        : ''}
                    {closest.closest.changes.length === 0
                      ? 'These terms are already acceptable to every party.'
                      : `Change ${closest.closest.changes.length} issue${closest.closest.changes.length === 1 ? '' : 's'} (ties broken by the smallest loss to ${closest.proposer}):`}
                  </p>
                  <ul>
                    {closest.closest.changes.map((c) => (
                      <li key={c.issue}>
                        {scenario.issues.find((i) => i.id === c.issue)?.name}: {optionLabel(c.issue, c.from)} →{' '}
                        <strong>{optionLabel(c.issue, c.to)}</strong>
                      </li>
                    ))}
                  </ul>
                  <button type="button" onClick={() => setTerms({ ...terms, ...closest.closest!.to.terms })}>
                    Apply these terms
                  </button>
                </>
              ) : (
                <p>
                  {closest.kind === 'step'
                    ? 'No step leaves every party better off than today'
                    : closest.kind === 'settlement'
                      ? 'No settlement gives every party its walk-away value: the settlement zone is empty'
                      : 'No package satisfies every party: the zone of agreement is empty'}
                  {leverUses.length ? ' even with these levers' : ''}.
                </p>
              )}
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}

import type { Scenario } from '@entente/core';
import { strategyRegistry } from '@entente/core/simulation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type EngineRunBody, runEngine, runEngineJob } from '../api';
import { concessionOption, leverSweepOption, termsShareOption } from '../charts/engine-charts';
import { Status } from '../components/common';
import { EChart } from '../components/EChart';
import type { SimulateEngineResult } from '../engine-results';

const STRATEGIES = strategyRegistry.names();
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A lever used from a round on (the engine's schedule, written as ROUND:LEVER=STRENGTH). */
interface ScheduledLever {
  /** A key that stays with the entry while others are removed. */
  key: number;
  round: number;
  lever: string;
  strength: number;
}

/** The form's choices, sent as the simulate engine's parameters. */
interface Choices {
  protocol: string;
  strategies: Record<string, string>;
  steps: number;
  runs: number;
  seed: number;
  schedule: ScheduledLever[];
  sweepLever: string;
  sweepStrengths: string;
}

/** The engine's parameters for the choices: text forms the engine's schema reads, the same as the CLI's flags. */
export function simulateParams(c: Choices, parties: readonly string[], runs: number, trace: boolean) {
  const strategies = parties.map((p) => c.strategies[p] ?? 'boulware');
  return {
    protocol: c.protocol,
    steps: c.steps,
    runs,
    trace,
    ...(parties.length ? { strategies: strategies.join(',') } : {}),
    ...(c.schedule.length ? { schedule: c.schedule.map((s) => `${s.round}:${s.lever}=${s.strength}`).join(',') } : {}),
    ...(runs > 1 && c.sweepLever && c.sweepStrengths.trim()
      ? { leverSweep: `${c.sweepLever}=${c.sweepStrengths.replace(/\s+/g, '')}` }
      : {}),
  };
}

/** Simulated negotiations: one traced run's concession curves, and over many seeded runs the distribution of outcomes. */
export function SimulationView(props: { scenario: Scenario; scenarioId: string }) {
  const { scenario } = props;
  const names = useMemo(() => Object.fromEntries(scenario.actors.map((a) => [a.id, a.name])), [scenario]);
  const [choices, setChoices] = useState<Choices>({
    protocol: 'sao',
    strategies: {},
    steps: 100,
    runs: 200,
    seed: 1,
    schedule: [],
    sweepLever: '',
    sweepStrengths: '0,1,2,3',
  });
  const [parties, setParties] = useState<string[]>([]);
  const [one, setOne] = useState<SimulateEngineResult | null>(null);
  const [many, setMany] = useState<SimulateEngineResult | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const set = (patch: Partial<Choices>) => setChoices((c) => ({ ...c, ...patch }));

  const run = (c: Choices, known: readonly string[]) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setMany(null);
    const body = (runs: number, trace: boolean): EngineRunBody => ({
      scenario: props.scenarioId,
      params: simulateParams(c, known, runs, trace),
      seed: c.seed,
    });
    runEngine<SimulateEngineResult>('simulate', body(1, true), controller.signal)
      .then((r) => {
        if (abort.current !== controller) return;
        setOne(r);
        setParties(r.parties);
      })
      // A cancel aborts this request too; the job reports the cancellation once.
      .catch((e: Error) => abort.current === controller && !controller.signal.aborted && setError(e.message));
    if (c.runs <= 1) return;
    setProgress(0);
    runEngineJob<SimulateEngineResult>('simulate', body(c.runs, false), (f) => setProgress(f), controller.signal)
      .then((r) => abort.current === controller && setMany(r))
      .catch((e: Error) => abort.current === controller && setError(e.message))
      .finally(() => {
        if (abort.current === controller) setProgress(null);
      });
  };

  // The first run uses the engine's defaults; its parties then get a strategy choice each.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per scenario, on the defaults.
  useEffect(() => {
    run(choices, []);
    return () => abort.current?.abort();
  }, [props.scenarioId]);

  const agreementRound = one?.agreement ? one.finalStep : null;
  const concession = useMemo(
    () => (one?.trace ? concessionOption(one.parties, names, one.trace, agreementRound) : null),
    [one, names, agreementRound],
  );
  const m = many?.many ?? null;
  const issueName = (id: string) => scenario.issues.find((i) => i.id === id)?.name ?? id;
  const optionLabel = (issue: string, option: string) =>
    scenario.issues.find((i) => i.id === issue)?.options.find((o) => o.id === option)?.label ?? option;
  const termRows = useMemo(() => {
    if (!m || m.agreements === 0) return [];
    const label = (issue: string, option: string) =>
      scenario.issues.find((i) => i.id === issue)?.options.find((o) => o.id === option)?.label ?? option;
    return Object.entries(m.terms).map(([issue, shares]) => ({
      issue,
      label: scenario.issues.find((i) => i.id === issue)?.name ?? issue,
      shares: Object.entries(shares)
        .filter(([, s]) => s > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([option, share]) => ({ option, label: label(issue, option), share })),
    }));
  }, [m, scenario]);
  const sweepLever = scenario.levers.find((l) => l.id === choices.sweepLever);

  return (
    <section aria-labelledby="simulation-title">
      <h2 id="simulation-title">Simulation</h2>
      <p className="lead small">
        Parties exchange offers under a protocol until they agree, a party walks away or the deadline passes. Each party
        concedes by its strategy; levers can come into force at given rounds.
      </p>
      <div className="split">
        <form
          className="panel"
          aria-label="Simulation settings"
          onSubmit={(e) => {
            e.preventDefault();
            run(choices, parties);
          }}
        >
          <div className="field">
            <label htmlFor="sim-protocol">Protocol</label>
            <select id="sim-protocol" value={choices.protocol} onChange={(e) => set({ protocol: e.target.value })}>
              <option value="sao">stacked alternating offers</option>
              <option value="mediated">mediated single text</option>
            </select>
          </div>
          {parties.map((p) => (
            <div className="field" key={p}>
              <label htmlFor={`sim-strategy-${p}`}>Strategy of {names[p] ?? p}</label>
              <select
                id={`sim-strategy-${p}`}
                value={choices.strategies[p] ?? 'boulware'}
                onChange={(e) => set({ strategies: { ...choices.strategies, [p]: e.target.value } })}
              >
                {STRATEGIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div className="field-row">
            <label>
              Rounds{' '}
              <input
                type="number"
                min={1}
                max={100000}
                value={choices.steps}
                onChange={(e) => set({ steps: Number(e.target.value) })}
                data-testid="sim-steps"
              />
            </label>
            <label>
              Runs{' '}
              <input
                type="number"
                min={1}
                max={1000000}
                value={choices.runs}
                onChange={(e) => set({ runs: Number(e.target.value) })}
                data-testid="sim-runs"
              />
            </label>
            <label>
              Seed{' '}
              <input
                type="number"
                value={choices.seed}
                onChange={(e) => set({ seed: Math.trunc(Number(e.target.value)) })}
                data-testid="sim-seed"
              />
            </label>
          </div>
          {scenario.levers.length ? (
            <fieldset>
              <legend>Lever schedule</legend>
              {choices.schedule.map((s, k) => (
                <div className="field-row" key={s.key}>
                  <label>
                    from round{' '}
                    <input
                      type="number"
                      min={0}
                      value={s.round}
                      onChange={(e) =>
                        set({
                          schedule: choices.schedule.map((x, j) =>
                            j === k ? { ...x, round: Number(e.target.value) } : x,
                          ),
                        })
                      }
                    />
                  </label>
                  <select
                    aria-label="Lever"
                    value={s.lever}
                    onChange={(e) =>
                      set({ schedule: choices.schedule.map((x, j) => (j === k ? { ...x, lever: e.target.value } : x)) })
                    }
                  >
                    {scenario.levers.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                  <label>
                    ×{' '}
                    <input
                      type="number"
                      min={0}
                      step={0.25}
                      value={s.strength}
                      onChange={(e) =>
                        set({
                          schedule: choices.schedule.map((x, j) =>
                            j === k ? { ...x, strength: Number(e.target.value) } : x,
                          ),
                        })
                      }
                    />
                  </label>
                  <button
                    type="button"
                    onClick={() => set({ schedule: choices.schedule.filter((_, j) => j !== k) })}
                    aria-label="Remove this lever"
                  >
                    ✕
                  </button>
                </div>
              ))}
              <button
                type="button"
                onClick={() =>
                  set({
                    schedule: [
                      ...choices.schedule,
                      { key: Date.now(), round: 0, lever: scenario.levers[0]!.id, strength: 1 },
                    ],
                  })
                }
              >
                Add a lever
              </button>
            </fieldset>
          ) : null}
          {scenario.levers.length ? (
            <fieldset>
              <legend>P(agreement) against a lever</legend>
              <div className="field-row">
                <select
                  aria-label="Lever to sweep"
                  value={choices.sweepLever}
                  onChange={(e) => set({ sweepLever: e.target.value })}
                  data-testid="sim-sweep-lever"
                >
                  <option value="">— none —</option>
                  {scenario.levers.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
                <label>
                  strengths{' '}
                  <input
                    value={choices.sweepStrengths}
                    onChange={(e) => set({ sweepStrengths: e.target.value })}
                    data-testid="sim-sweep-strengths"
                    size={12}
                  />
                </label>
              </div>
            </fieldset>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={progress !== null}>
              Simulate
            </button>
            {progress !== null ? (
              <button type="button" onClick={() => abort.current?.abort()}>
                Cancel
              </button>
            ) : null}
          </div>
          {progress !== null ? (
            <progress value={progress} max={1} aria-label="Simulation progress">
              {Math.round(progress * 100)}%
            </progress>
          ) : null}
        </form>
        <div className="results" aria-live="polite">
          <Status error={error} loading={!one}>
            {one ? (
              <>
                <h3>One run (seed {choices.seed})</h3>
                <p data-testid="sim-outcome" data-agreement-round={agreementRound ?? ''} data-end={one.end}>
                  {one.parties.map((p, k) => `${names[p] ?? p} (${one.strategies[k]})`).join(' and ')}:{' '}
                  {one.agreement
                    ? `agreement in round ${one.finalStep} of ${one.deadline}`
                    : one.end === 'timeout'
                      ? `no agreement within ${one.deadline} rounds`
                      : `${names[one.walkedAway ?? ''] ?? one.walkedAway ?? 'a party'} walked away in round ${one.finalStep}`}
                  .
                </p>
                {concession ? (
                  <figure>
                    <EChart
                      option={concession}
                      height={280}
                      label="Concession curves: each party's utility of the offers, round by round, with the agreement marked"
                    />
                    <figcaption className="small muted">
                      Solid: the utility a party gets from its own offers; dotted: from the other parties' offers (same
                      colour per party). The green line marks the agreement.
                    </figcaption>
                  </figure>
                ) : null}
                {one.agreement && one.utilities ? (
                  <ul className="small" data-testid="sim-agreement">
                    {Object.entries(one.agreement).map(([issue, option]) => (
                      <li key={issue} data-issue={issue} data-option={option}>
                        {issueName(issue)}: {optionLabel(issue, option)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            ) : null}
          </Status>
          {m ? (
            <>
              <h3>Over {m.runs} runs</h3>
              <div className="summary">
                <div>
                  <span className="k">P(agreement)</span>
                  <span
                    className="v"
                    data-testid="sim-p-agreement"
                    data-value={m.pAgreement}
                    data-low={m.interval[0]}
                    data-high={m.interval[1]}
                  >
                    {pct(m.pAgreement)}
                  </span>
                  <span className="small muted" data-testid="sim-interval">
                    95% interval {pct(m.interval[0])}–{pct(m.interval[1])}
                  </span>
                </div>
                <div>
                  <span className="k">Rounds to agreement</span>
                  <span className="v">
                    {m.timeToAgreement
                      ? `${m.timeToAgreement.mean.toFixed(1)} (median ${m.timeToAgreement.median})`
                      : '–'}
                  </span>
                </div>
                <div>
                  <span className="k">Endings</span>
                  <span className="v small">
                    {Object.entries(m.ends)
                      .filter(([, n]) => n > 0)
                      .map(([k, n]) => `${k} ${n}`)
                      .join(', ')}
                  </span>
                </div>
              </div>
              {termRows.length ? (
                <>
                  <h3>Terms of the agreements</h3>
                  <EChart
                    option={termsShareOption(termRows)}
                    height={40 + 26 * termRows.length}
                    label="For each issue, the share of agreements with each option"
                  />
                  <details>
                    <summary>The chart’s figures</summary>
                    <div className="table-wrap">
                      <table className="compact" data-testid="sim-terms">
                        <tbody>
                          {termRows.flatMap((r) =>
                            r.shares.map((s) => (
                              <tr
                                key={`${r.issue}/${s.option}`}
                                data-issue={r.issue}
                                data-option={s.option}
                                data-share={s.share}
                              >
                                <th scope="row">{r.label}</th>
                                <td>{s.label}</td>
                                <td className="num">{pct(s.share)}</td>
                              </tr>
                            )),
                          )}
                        </tbody>
                      </table>
                    </div>
                  </details>
                </>
              ) : (
                <p className="small muted">No run reached an agreement.</p>
              )}
              {m.sweep.length ? (
                <>
                  <h3>P(agreement) against {sweepLever?.name ?? 'the lever'}</h3>
                  <EChart
                    option={leverSweepOption(m.sweep, sweepLever?.name ?? 'lever')}
                    height={240}
                    label="P(agreement) with its 95% interval at each strength of the lever"
                  />
                  <div className="table-wrap">
                    <table className="compact" data-testid="sim-sweep">
                      <thead>
                        <tr>
                          <th scope="col" className="num">
                            Strength
                          </th>
                          <th scope="col" className="num">
                            Runs
                          </th>
                          <th scope="col" className="num">
                            P(agreement)
                          </th>
                          <th scope="col">95% interval</th>
                        </tr>
                      </thead>
                      <tbody>
                        {m.sweep.map((s) => (
                          <tr key={s.strength} data-strength={s.strength} data-p={s.pAgreement}>
                            <td className="num">×{s.strength}</td>
                            <td className="num">{s.runs}</td>
                            <td className="num">{pct(s.pAgreement)}</td>
                            <td>
                              {pct(s.interval[0])}–{pct(s.interval[1])}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              ) : null}
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}

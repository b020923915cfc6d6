import { simulateEngine } from '@entente/core/simulation';
import { describe, expect, it } from 'vitest';
import { backtestParams, scoreRows } from '../components/BacktestScores';
import type { BacktestEngineResult } from '../engine-results';
import { simulateParams } from '../views/SimulationView';
import { answerStackOption, concessionSeries, scoreBarsOption, tornadoOption } from './engine-charts';

type Series = { name?: string; data: unknown[] };
const seriesOf = (option: unknown) => (option as { series: Series[] }).series;

describe('engine charts', () => {
  it('gives each party the utility of its own offers, round by round', () => {
    const trace = [
      { round: 0, party: 'a', utilities: [1, 0.2] },
      { round: 0, party: 'b', utilities: [0.1, 0.9] },
      { round: 1, party: 'a', utilities: [0.8, 0.3] },
    ];
    expect(concessionSeries(['a', 'b'], trace)).toEqual([
      {
        party: 'a',
        points: [
          [0, 1],
          [1, 0.8],
        ],
      },
      { party: 'b', points: [[0, 0.9]] },
    ]);
  });

  it('draws no bar for a figure that is not computed, rather than a zero', () => {
    const [yesNo, three] = seriesOf(scoreBarsOption([{ label: 'baseline', yesNo: null, threeClass: 0.625 }]));
    expect(yesNo!.data).toEqual(['-']);
    expect(three!.data).toEqual([0.625]);
  });

  it('spans each tornado bar from the lower to the higher forecast, whichever end gives it', () => {
    const [base, span] = seriesOf(tornadoOption([{ label: 'x', low: 70, high: 40 }], 50));
    expect(base!.data).toEqual([40]);
    expect(span!.data).toEqual([30]);
  });

  it('stacks the three answer probabilities per party in a fixed order', () => {
    const series = seriesOf(
      answerStackOption([
        { label: 'A', probabilities: { accepted: 0.5, accepted_with_conditions: 0.3, rejected: 0.2 } },
      ]),
    );
    expect(series.map((s) => s.data[0])).toEqual([0.5, 0.3, 0.2]);
  });
});

describe('engine parameters from the views', () => {
  it('writes the simulation choices in text forms the simulate engine reads', () => {
    const choices = {
      protocol: 'sao',
      strategies: { b: 'conceder' },
      steps: 50,
      runs: 10,
      seed: 3,
      schedule: [{ key: 1, round: 30, lever: 'pressure', strength: 2 }],
      sweepLever: 'pressure',
      sweepStrengths: '0, 1,2',
    };
    const parsed = simulateEngine.params.parse(simulateParams(choices, ['a', 'b'], 10, false)) as Record<
      string,
      unknown
    >;
    expect(parsed.strategies).toEqual(['boulware', 'conceder']);
    expect(parsed.schedule).toEqual([{ round: 30, lever: 'pressure', strength: 2 }]);
    expect(parsed.leverSweep).toEqual({ lever: 'pressure', strengths: [0, 1, 2] });
    // The traced single run sweeps nothing.
    expect(simulateParams(choices, ['a', 'b'], 1, true)).not.toHaveProperty('leverSweep');
  });

  it('asks the backtest engine for the chosen mode', () => {
    expect(backtestParams('in-sample', '2025-05')).toEqual({});
    expect(backtestParams('rolling', '2025-05')).toEqual({ rolling: true });
    expect(backtestParams('loo', '2025-05')).toEqual({ loo: true });
    expect(backtestParams('split', '2025-05')).toEqual({ splitDate: '2025-05' });
  });

  it('labels the scores in-sample or out-of-sample and puts the baselines beside the model', () => {
    const inSample = {
      baseline: { answer: 'accepted', accuracy: 0.6 },
      inSample: { n: 10, accuracy: 0.9, accuracy3: 0.8, brier: 0.1, logLoss: 0.2, reliability: [] },
    } as unknown as BacktestEngineResult;
    const a = scoreRows(inSample);
    expect(a.label).toBe('in-sample');
    expect(a.rows.map((r) => [r.id, r.yesNo, r.threeClass])).toEqual([
      ['model', 0.9, 0.8],
      ['majority', null, 0.6],
    ]);
    const b = scoreRows({
      ...inSample,
      outOfSample: {
        n: 5,
        accuracy: 0.7,
        accuracy3: 0.6,
        brier: 0.3,
        logLoss: 0.5,
        baselines: { majority: 0.5, perPartyMajority: 0.4 },
        baselines3: { majority: 0.3, perPartyMajority: 0.2 },
      },
    } as unknown as BacktestEngineResult);
    expect(b.label).toBe('out-of-sample');
    expect(b.rows.map((r) => [r.id, r.yesNo, r.threeClass])).toEqual([
      ['model', 0.7, 0.6],
      ['per-party', 0.4, 0.2],
      ['majority', 0.5, 0.3],
    ]);
  });
});

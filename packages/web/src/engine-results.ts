import type { ForecastResult } from '@entente/core';
import type { BacktestResult, EvaluateResult } from '@entente/core/scenario';
import type { ManyRunsResult } from '@entente/core/simulation';

// The engines' results as core declares them; the engine routes send them as JSON, so only the types are imported.

/** What `evaluate` answers: every party's answer with its probabilities, as of a date and a proposer. */
export type EvaluateEngineResult = Pick<EvaluateResult, 'actors' | 'asOf' | 'proposers' | 'terms' | 'kind'>;

/** What `backtest` answers: in-sample figures, and out-of-sample ones when a mode keeps answers out of the fit. */
export type BacktestEngineResult = BacktestResult;

/** One offer of a traced run: who made it, in which round, and every party's utility of it. */
interface TraceStep {
  round: number;
  party: string;
  utilities: number[];
  terms: Record<string, string> | null;
}

/** What `simulate` answers on a scenario: the first run itself and, over many runs, the aggregate. */
export interface SimulateEngineResult {
  protocol: string;
  parties: string[];
  strategies: string[];
  end: string;
  agreement: Record<string, string> | null;
  finalStep: number;
  utilities: number[] | null;
  walkedAway: string | null;
  deadline: number;
  trace?: TraceStep[];
  many?: ManyRunsResult;
}

/** What `forecast` answers: the result core declares. */
export type ForecastEngineResult = ForecastResult;

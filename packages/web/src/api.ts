import type {
  BacktestResult,
  BargainingSolutions,
  ClosestAcceptable,
  GmcrReport,
  OpeningLeversResult,
  PartialDeal,
  ProposalEvaluation,
  Scenario,
  ScenarioAnalysis,
  SpaceAnalysis,
  ValidationIssue,
} from '@entente/core';

/** A scenario in the list. */
export interface ScenarioSummary {
  id: string;
  file: string;
  valid: boolean;
  usable: boolean;
  errors: number;
  title: string | null;
  asOf: string | null;
  hasGmcr: boolean;
  hasSettlement?: boolean;
}

export interface ScenarioDetail extends ScenarioSummary {
  issues: ValidationIssue[];
  scenario: Scenario | null;
}

export interface LeverUse {
  id: string;
  strength: number;
}

export interface EvaluationResponse extends ProposalEvaluation {
  proposal: string | null;
  observed: Record<string, string> | null;
}

/** Steps taken while the fighting goes on, weighed against today (strictly better for every party). */
export interface StepsSummary {
  reference: 'status_quo';
  outcomes: number;
  acceptable: number;
  reservations: number[];
  frontierSize: number;
  zone: SpaceAnalysis['zone'] & { paretoCount: number };
  solutions: BargainingSolutions;
  partialDeals: PartialDeal[];
}

/** The agreement space: settlements (or every package, in mode `all`) at the top level, steps apart. */
export interface SpaceResponse extends SpaceAnalysis {
  /** `steps` when the issues on the table cannot end the fighting: every package is then a step, against today. */
  mode: 'settlement' | 'steps' | 'all';
  reference: 'walk_away' | 'status_quo';
  scope: { parties: string[]; issues: string[]; levers: LeverUse[] };
  settlement: Record<string, string[]> | null;
  options: { issue: string; options: string[] }[];
  reservations: number[];
  statusQuo: number[];
  points: { total: number; sampled: boolean; outcomes: number[]; acceptable: number[]; utilities: number[][] } | null;
  steps: StepsSummary | null;
  openingLevers: OpeningLeversResult | null;
}

export interface ClosestResponse {
  proposal: string | null;
  proposer: string;
  parties: string[];
  mode: 'settlement' | 'steps' | 'all';
  kind: 'settlement' | 'step' | 'all' | null;
  reference: 'walk_away' | 'status_quo';
  found: boolean;
  closest: ClosestAcceptable | null;
}

export interface GmcrResponse {
  report: GmcrReport;
  graph: { edges: { from: number; to: number; dm: number }[] } | null;
}

/** Why one state is or is not stable, per decision maker and concept. */
export interface GmcrExplanation {
  state: number;
  pattern: string;
  explanations: { dm: number; concept: string; stable: boolean; text: string }[];
}

// The store's own types: the API sends them as they are, so the workbench cannot drift from them.
export type { SearchHit, TimelineEvent } from '@entente/store';

export type { BacktestResult, PartialDeal, ScenarioAnalysis };

/** An error answered by the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'entente.token';

/** Takes `?token=` from the address once, keeps it for later requests, and removes it from the address bar. */
export function captureToken(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  try {
    window.localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage can be disabled; the cookie set by the server still carries the token.
  }
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.toString());
}

function authHeaders(): Record<string, string> {
  let token: string | null = null;
  try {
    token = window.localStorage.getItem(TOKEN_KEY);
  } catch {
    token = null;
  }
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Calls the API and returns its JSON, or throws an ApiError with the server's message. */
export async function api<T>(path: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(path, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { ...authHeaders(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (!res.ok)
    throw new ApiError(res.status, data?.code ?? 'HTTP_ERROR', data?.message ?? `The server answered ${res.status}.`);
  return data as T;
}

/**
 * Runs long work as a job: starts it, follows its progress by server-sent events, and fetches the result.
 * `signal` cancels the job on the server.
 */
export async function runJob<T>(
  body: unknown,
  onProgress: (fraction: number, phase: string | null) => void,
  signal?: AbortSignal,
): Promise<T> {
  const job = await api<{ id: string }>('/api/jobs', body);
  await new Promise<void>((resolve, reject) => {
    const source = new EventSource(`/api/jobs/${job.id}/events`);
    const stop = () => source.close();
    signal?.addEventListener('abort', () => {
      stop();
      void api(`/api/jobs/${job.id}`, undefined, 'DELETE').catch(() => {});
      reject(new ApiError(0, 'CANCELLED', 'The analysis was cancelled.'));
    });
    source.addEventListener('progress', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { progress?: number; phase?: string };
      onProgress(data.progress ?? 0, data.phase ?? null);
    });
    source.addEventListener('done', () => {
      stop();
      resolve();
    });
    source.addEventListener('cancelled', () => {
      stop();
      reject(new ApiError(0, 'CANCELLED', 'The analysis was cancelled.'));
    });
    source.addEventListener('failed', (e) => {
      stop();
      const data = JSON.parse((e as MessageEvent<string>).data) as { error?: { code: string; message: string } };
      reject(new ApiError(400, data.error?.code ?? 'JOB_FAILED', data.error?.message ?? 'The analysis failed.'));
    });
    source.onerror = () => {
      stop();
      reject(new ApiError(0, 'STREAM_LOST', 'Lost the connection to the server while the analysis ran.'));
    };
  });
  const done = await api<{ result: T }>(`/api/jobs/${job.id}/result`);
  return done.result;
}

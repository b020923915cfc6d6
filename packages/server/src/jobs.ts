import { HttpError } from './http-error';

/** Where a job stands. */
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One message on a job's event stream. */
export interface JobEvent {
  type: 'progress' | 'done' | 'failed' | 'cancelled';
  /** Fraction done in [0, 1] for progress events. */
  progress?: number;
  phase?: string;
  error?: { code: string; message: string };
}

/** What the job runner hands to the work. */
export interface JobContext {
  signal: AbortSignal;
  /** Reports progress; throws when the job was cancelled, so long loops stop at their next report. */
  progress(fraction: number, phase?: string): void;
  /** Lets queued I/O and the event stream through, and stops if cancelled. */
  yield(): Promise<void>;
}

/** A job with what only the server keeps: its result, its event log, its listeners and its abort switch. */
interface Job extends JobView {
  result: unknown;
  events: JobEvent[];
  listeners: Set<(event: JobEvent) => void>;
  controller: AbortController;
}

/** A job as the API shows it. */
export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  createdAt: string;
  finishedAt: string | null;
  progress: number;
  phase: string | null;
  error: { code: string; message: string } | null;
}

class JobCancelled extends Error {}

/** Jobs that may run at once by default: a few per core, enough for one user's workbench. */
export const DEFAULT_MAX_RUNNING_JOBS = 8;
/** What a refused job is told to wait, in seconds. */
const JOB_RETRY_AFTER_SECONDS = 3;

/** Runs long work in the background with progress events, results to fetch, and cancellation. */
export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private counter = 0;

  constructor(
    private readonly now: () => Date,
    private readonly toError: (error: unknown) => { code: string; message: string },
    private readonly keep = 100,
    private readonly maxRunning = DEFAULT_MAX_RUNNING_JOBS,
  ) {}

  /** How many jobs run now. */
  running(): number {
    let n = 0;
    for (const job of this.jobs.values()) if (job.status === 'running') n++;
    return n;
  }

  /**
   * Starts a job and returns its view at once; the work runs after the current request finishes.
   * Beyond `maxRunning` jobs at once it throws TOO_MANY_JOBS (HTTP 429), so a flood of requests is refused, not queued.
   */
  start(kind: string, work: (ctx: JobContext) => Promise<unknown> | unknown): JobView {
    if (this.running() >= this.maxRunning)
      throw new HttpError(
        'TOO_MANY_JOBS',
        `${this.maxRunning} jobs are already running (the limit); retry in a few seconds or cancel a job.`,
        { details: { maxRunningJobs: this.maxRunning, retryAfterSeconds: JOB_RETRY_AFTER_SECONDS } },
      );
    this.counter += 1;
    const id = `job-${this.counter.toString(36)}-${this.now().getTime().toString(36)}`;
    const job: Job = {
      id,
      kind,
      status: 'running',
      createdAt: this.now().toISOString(),
      finishedAt: null,
      progress: 0,
      phase: null,
      result: undefined,
      error: null,
      events: [],
      listeners: new Set(),
      controller: new AbortController(),
    };
    this.jobs.set(id, job);
    this.prune();
    const signal = job.controller.signal;
    const ctx: JobContext = {
      signal,
      progress: (fraction, phase) => {
        if (signal.aborted) throw new JobCancelled();
        job.progress = Math.max(0, Math.min(1, fraction));
        if (phase !== undefined) job.phase = phase;
        this.emit(job, { type: 'progress', progress: job.progress, ...(job.phase ? { phase: job.phase } : {}) });
      },
      yield: () =>
        new Promise<void>((resolve, reject) =>
          setImmediate(() => (signal.aborted ? reject(new JobCancelled()) : resolve())),
        ),
    };
    setImmediate(async () => {
      try {
        if (signal.aborted) throw new JobCancelled();
        const result = await work(ctx);
        if (signal.aborted) throw new JobCancelled();
        job.result = result;
        job.progress = 1;
        this.finish(job, 'succeeded', { type: 'done', progress: 1 });
      } catch (error) {
        if (error instanceof JobCancelled || signal.aborted) this.finish(job, 'cancelled', { type: 'cancelled' });
        else {
          job.error = this.toError(error);
          this.finish(job, 'failed', { type: 'failed', error: job.error });
        }
      }
    });
    return this.view(job);
  }

  view(jobOrId: Job | string): JobView {
    const job = typeof jobOrId === 'string' ? this.find(jobOrId) : jobOrId;
    const { id, kind, status, createdAt, finishedAt, progress, phase, error } = job;
    return { id, kind, status, createdAt, finishedAt, progress, phase, error };
  }

  /** The result of a finished job, or a 409 while it runs. */
  result(id: string): unknown {
    const job = this.find(id);
    if (job.status !== 'succeeded')
      throw new HttpError(
        'JOB_NOT_DONE',
        `Job ${id} is ${job.status}; fetch its result once its status is "succeeded".`,
        {
          details: this.view(job),
        },
      );
    return job.result;
  }

  /** Cancels a running job (a finished job is left as it is). */
  cancel(id: string): JobView {
    const job = this.find(id);
    if (job.status === 'running') {
      job.controller.abort();
      this.finish(job, 'cancelled', { type: 'cancelled' });
    }
    return this.view(job);
  }

  /** Replays the job's events so far, then calls `listener` for each new one; returns the unsubscribe. */
  subscribe(id: string, listener: (event: JobEvent) => void): () => void {
    const job = this.find(id);
    for (const event of job.events) listener(event);
    if (job.status !== 'running') return () => {};
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  private find(id: string): Job {
    const job = this.jobs.get(id);
    if (!job)
      throw new HttpError('UNKNOWN_JOB', `No job has id "${id}"; jobs are kept for the last ${this.keep} runs.`);
    return job;
  }

  private emit(job: Job, event: JobEvent): void {
    // Keep the replay short: only the latest progress event matters to a late subscriber.
    if (event.type === 'progress' && job.events.at(-1)?.type === 'progress') job.events.pop();
    job.events.push(event);
    for (const listener of job.listeners) listener(event);
  }

  private finish(job: Job, status: JobStatus, event: JobEvent): void {
    if (job.status !== 'running') return;
    job.status = status;
    job.finishedAt = this.now().toISOString();
    this.emit(job, event);
    job.listeners.clear();
  }

  private prune(): void {
    if (this.jobs.size <= this.keep) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= this.keep) break;
      if (job.status !== 'running') this.jobs.delete(id);
    }
  }
}

import { parentPort, workerData } from 'node:worker_threads';
import {
  allocateSimPlan,
  type ConflictGraph,
  fillSimPlan,
  fromPortableGraph,
  type PortableGraph,
  type Semantics,
  type SimPlan,
  type SimStrategy,
  type StabilityTask,
  seqSanctionWorst,
  simFlagsInRange,
  stabilityFor,
  toPortableGraph,
} from '@entente/core';

/**
 * One unit of a batch: a whole (DM, concept) task; a DM's SIM plan or SEQ sanction values (built
 * once, in shared memory); or a range of a SIM / SEQ+SIM task's states (in the plan's visiting
 * order), run once the steps it reads are done.
 */
export type GmcrStep =
  | { kind: 'whole'; task: number }
  | { kind: 'plan'; dm: number }
  | { kind: 'seqWorst'; dm: number }
  | { kind: 'range'; task: number; from: number; to: number; plan: number; seqWorst: number; simTask: number };

/**
 * A batch of stability work shared by the main thread and the workers: whoever is free claims the
 * next step from `counters[0]` (atomically); `counters[1]` counts the steps finished,
 * `counters[2]` those finished on workers, `counters[3]` is 1 once a thread failed. `stepDone[k]`
 * is 1 once step k is finished, `taskLeft[j]` the steps still writing `results[j]` (0: complete).
 * All arrays live in shared memory, so no message is needed per step.
 */
export interface GmcrWorkerJob {
  graph: PortableGraph;
  tasks: StabilityTask[];
  semantics: Semantics;
  /** `baseline`: the SIM engine before issue 16 (for the bench's same-run comparison). */
  simStrategy?: SimStrategy;
  steps: GmcrStep[];
  /** Per DM, its SIM plan when some step walks ranges for it. */
  plans: (SimPlan | null)[];
  /** Per DM, its SEQ sanction values when some SEQ+SIM step walks ranges for it. */
  seqWorst: (Int32Array | null)[];
  counters: Int32Array;
  stepDone: Int32Array;
  taskLeft: Int32Array;
  /** When each task's flags were complete (ms, `performance.timeOrigin + performance.now()`, the same clock on every thread). */
  taskDoneAt: Float64Array;
  results: Uint8Array[];
}

/** How SIM and SEQ+SIM tasks are spread: by ranges of states (default) or one task per DM (the path before issue 16). */
export type SimSplit = 'ranges' | 'tasks';

/** Ranges per (DM, SIM concept): enough that the last one to finish is short next to the whole. */
const RANGES_PER_TASK = 64;
/** Fewer ranges on small conflicts: a range of fewer states costs more to schedule than to walk. */
const MIN_RANGE_STATES = 4096;

// Heavier whole tasks first, so the last task to finish is a short one.
const WEIGHT: Record<string, number> = { sim: 0, seqsim: 1, seq: 2, gmr: 3, smr: 4, nash: 5 };

const shared = (bytes: number) => new SharedArrayBuffer(bytes);

/**
 * The steps and shared arrays for `tasks`. With `ranges`, textbook SIM and SEQ+SIM tasks are cut
 * into ranges of states after the whole tasks, each DM's plan one DM ahead of its ranges (so two
 * threads build two plans at once), and SEQ+SIM ranges after all SIM ranges (they skip the states
 * their DM's SIM flags already call stable).
 */
export function createGmcrJob(
  graph: ConflictGraph,
  tasks: StabilityTask[],
  semantics: Semantics,
  options: { simStrategy?: SimStrategy; simSplit?: SimSplit; graphId?: string } = {},
): GmcrWorkerJob {
  const m = graph.stateCount;
  const n = graph.payoffs.length;
  const strategy = options.simStrategy ?? 'auto';
  const byRange = (t: StabilityTask) =>
    (options.simSplit ?? 'ranges') === 'ranges' &&
    semantics === 'textbook' &&
    strategy !== 'baseline' &&
    (t.concept === 'sim' || t.concept === 'seqsim');
  const steps: GmcrStep[] = [];
  const taskLeft = new Int32Array(shared(4 * tasks.length));
  const whole = tasks.map((t, j) => ({ t, j })).filter(({ t }) => !byRange(t));
  whole.sort((a, b) => (WEIGHT[a.t.concept] ?? 9) - (WEIGHT[b.t.concept] ?? 9));
  for (const { j } of whole) {
    steps.push({ kind: 'whole', task: j });
    taskLeft[j] = 1;
  }
  const simTask = new Int32Array(n).fill(-1);
  const seqsimTask = new Int32Array(n).fill(-1);
  tasks.forEach((t, j) => {
    if (byRange(t)) (t.concept === 'sim' ? simTask : seqsimTask)[t.dm] = j;
  });
  const dms = Array.from({ length: n }, (_, d) => d).filter((d) => simTask[d]! >= 0 || seqsimTask[d]! >= 0);
  const plans: (SimPlan | null)[] = Array.from({ length: n }, () => null);
  const seqWorst: (Int32Array | null)[] = Array.from({ length: n }, () => null);
  const planStep = new Int32Array(n).fill(-1);
  const seqStep = new Int32Array(n).fill(-1);
  const count = Math.max(1, Math.min(RANGES_PER_TASK, Math.floor(m / MIN_RANGE_STATES)));
  const addRanges = (j: number, d: number) => {
    for (let k = 0; k < count; k++) {
      const from = Math.floor((k * m) / count);
      const to = Math.floor(((k + 1) * m) / count);
      const seq = tasks[j]!.concept === 'seqsim';
      steps.push({
        kind: 'range',
        task: j,
        from,
        to,
        plan: planStep[d]!,
        seqWorst: seq ? seqStep[d]! : -1,
        simTask: seq ? simTask[d]! : -1,
      });
    }
    taskLeft[j] = count;
  };
  const addPlan = (d: number | undefined) => {
    if (d === undefined) return;
    plans[d] = allocateSimPlan(graph, d, shared);
    planStep[d] = steps.length;
    steps.push({ kind: 'plan', dm: d });
    if (seqsimTask[d]! >= 0) {
      seqWorst[d] = new Int32Array(shared(4 * m));
      seqStep[d] = steps.length;
      steps.push({ kind: 'seqWorst', dm: d });
    }
  };
  addPlan(dms[0]);
  dms.forEach((d, i) => {
    addPlan(dms[i + 1]);
    if (simTask[d]! >= 0) addRanges(simTask[d]!, d);
  });
  for (const d of dms) if (seqsimTask[d]! >= 0) addRanges(seqsimTask[d]!, d);
  return {
    graph: toPortableGraph(graph, options.graphId ?? 'gmcr-job'),
    tasks,
    semantics,
    ...(options.simStrategy === undefined ? {} : { simStrategy: options.simStrategy }),
    steps,
    plans,
    seqWorst,
    counters: new Int32Array(shared(16)),
    stepDone: new Int32Array(shared(4 * steps.length)),
    taskLeft,
    taskDoneAt: new Float64Array(shared(8 * tasks.length)),
    results: tasks.map(() => new Uint8Array(shared(m))),
  };
}

type Job = Omit<GmcrWorkerJob, 'graph'>;

/** Waits until `cells[i]` equals `want` (or another thread failed, then throws). */
function waitUntil(job: Job, cells: Int32Array, i: number, want: number): void {
  for (;;) {
    const v = Atomics.load(cells, i);
    if (v === want) return;
    if (Atomics.load(job.counters, 3) !== 0) throw new Error('another GMCR thread failed; the batch is abandoned');
    Atomics.wait(cells, i, v, 50);
  }
}

/** The SIM flags of `dm` in the batch, when a thread has finished them; null otherwise. */
function finishedSim(job: Job, dm: number): Uint8Array | null {
  const j = job.tasks.findIndex((t) => t.concept === 'sim' && t.dm === dm);
  return j >= 0 && Atomics.load(job.taskLeft, j) === 0 ? job.results[j]! : null;
}

function runStep(job: Job, graph: ConflictGraph, step: GmcrStep): void {
  if (step.kind === 'whole') {
    const task = job.tasks[step.task]!;
    job.results[step.task]!.set(
      stabilityFor(graph, task.dm, task.concept, job.semantics, job.simStrategy ?? 'auto', () =>
        finishedSim(job, task.dm),
      ),
    );
  } else if (step.kind === 'plan') fillSimPlan(graph, job.plans[step.dm]!);
  else if (step.kind === 'seqWorst') job.seqWorst[step.dm]!.set(seqSanctionWorst(graph, step.dm, job.semantics));
  else {
    const task = job.tasks[step.task]!;
    waitUntil(job, job.stepDone, step.plan, 1);
    let seq = null;
    if (step.seqWorst >= 0) {
      waitUntil(job, job.stepDone, step.seqWorst, 1);
      // The DM's SIM ranges are all claimed before this one: waiting for them costs at most one range.
      if (step.simTask >= 0) waitUntil(job, job.taskLeft, step.simTask, 0);
      seq = { seqWorst: job.seqWorst[task.dm]!, knownStable: step.simTask >= 0 ? job.results[step.simTask]! : null };
    }
    const strategy = job.simStrategy === undefined || job.simStrategy === 'baseline' ? 'auto' : job.simStrategy;
    simFlagsInRange(graph, job.plans[task.dm]!, seq, step.from, step.to, job.results[step.task]!, strategy);
  }
}

/** Claims and runs steps of a shared batch until none is left; returns how many it ran. */
export function drainJob(job: Job, graph: ConflictGraph, onWorker = false): number {
  let ran = 0;
  try {
    for (;;) {
      const k = Atomics.add(job.counters, 0, 1);
      if (k >= job.steps.length) return ran;
      const step = job.steps[k]!;
      runStep(job, graph, step);
      Atomics.store(job.stepDone, k, 1);
      Atomics.notify(job.stepDone, k);
      if (step.kind === 'whole' || step.kind === 'range') {
        if (Atomics.sub(job.taskLeft, step.task, 1) === 1)
          job.taskDoneAt[step.task] = performance.timeOrigin + performance.now();
        Atomics.notify(job.taskLeft, step.task);
      }
      if (onWorker) Atomics.add(job.counters, 2, 1);
      Atomics.add(job.counters, 1, 1);
      ran++;
    }
  } catch (e) {
    // Threads waiting on a step this one held would otherwise wait for ever.
    Atomics.store(job.counters, 3, 1);
    throw e;
  }
}

// Started as a worker thread with a job: take part in it at once. The job comes with the thread
// (workerData), so the main thread need not be free to hand it over.
const job = (workerData as { gmcrJob?: GmcrWorkerJob } | null)?.gmcrJob;
if (job) parentPort?.postMessage(drainJob(job, fromPortableGraph(job.graph), true));

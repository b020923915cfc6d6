import { createRandom, type SeededRandom } from '../random/seeded-random';
import type { NegotiationTable, PackageId, RunConfig, RunEnd, RunOutcome, Strategy, TraceEntry } from './types';

/** A strategy's view of the run, updated in place each round (no allocation per step). */
interface MutableState {
  table: NegotiationTable;
  self: number;
  round: number;
  time: number;
  deadline: number | null;
  reservation: number;
  random: SeededRandom;
}

/** The run's randomness, made on first use: most runs (time-based strategies, fixed deadline) never draw. */
export class LazyRandom implements SeededRandom {
  private inner: SeededRandom | null = null;

  constructor(private readonly seed: number) {}

  private get source(): SeededRandom {
    this.inner ??= createRandom(this.seed);
    return this.inner;
  }

  next(): number {
    return this.source.next();
  }

  int(n: number): number {
    return this.source.int(n);
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.source.shuffle(items);
  }
}

/** The run's deadline in rounds: fixed, or drawn from [min, max] with the run's randomness. */
export function drawDeadline(config: RunConfig, random: SeededRandom): number {
  const d = config.deadline;
  return d.kind === 'fixed' ? d.steps : d.min + random.int(d.max - d.min + 1);
}

function outcome(
  table: NegotiationTable,
  end: RunEnd,
  offer: PackageId,
  finalStep: number,
  who: number | null,
  deadline: number,
  trace: TraceEntry[] | undefined,
): RunOutcome {
  const agreement = end === 'agreement' ? offer : null;
  return {
    end,
    agreement,
    finalStep,
    utilities: agreement === null ? null : table.parties.map((_, p) => table.utility(p, agreement)),
    walkedAway: who,
    deadline,
    ...(trace ? { trace } : {}),
  };
}

/**
 * Stacked alternating offers for two or more parties (FORMAT.md §4). Each round every party is called
 * once, in the run's order (from the first proposer on by default): with nothing on the table it
 * proposes; otherwise it accepts the offer, rejects it and counters in the same call, or walks away. An
 * offer is agreed when every other party has accepted it in turn (the proposer counts as accepting its
 * own offer). In 'entente' mode an acceptance below the party's walk-away value counts as a rejection
 * and a party whose only offer lies below it walks away, so no run agrees below it.
 */
export function runSao(
  table: NegotiationTable,
  players: readonly Strategy[],
  config: RunConfig,
  random: SeededRandom,
): RunOutcome {
  const n = players.length;
  const deadline = drawDeadline(config, random);
  const assumed = config.deadline.kind === 'random' ? (config.deadline.assumed ?? config.deadline.max) : deadline;
  const first = config.firstProposer ?? 0;
  const order = config.order ?? Array.from({ length: n }, (_, i) => (first + i) % n);
  const rational = (config.compat ?? 'entente') === 'entente';
  const states: MutableState[] = players.map((_, self) => ({
    table,
    self,
    round: 0,
    time: 0,
    deadline: config.knowsDeadline?.[self] === false ? null : deadline,
    reservation: table.reservation(self, 0),
    random,
  }));
  const trace: TraceEntry[] | undefined = config.trace ? [] : undefined;
  let offer: PackageId = -1;
  let proposer = -1;
  let accepted = 0;
  for (let k = 0; k < deadline; k++) {
    table.setRound?.(k);
    for (let q = 0; q < n; q++) {
      const s = states[q]!;
      s.round = k;
      s.time = s.deadline === null ? Math.min(1, (k + 1) / (assumed + 1)) : (k + 1) / (deadline + 1);
      s.reservation = table.reservation(q, k);
    }
    for (let i = 0; i < n; i++) {
      const p = order[i]!;
      const s = states[p]!;
      if (offer >= 0) {
        let answer = players[p]!.respond(s, offer, proposer);
        if (answer === 'end') return outcome(table, 'walk-away', offer, k + 1, p, deadline, trace);
        if (answer === 'accept' && rational && table.utility(p, offer) < s.reservation) answer = 'reject';
        if (answer === 'accept') {
          if (++accepted === n - 1) return outcome(table, 'agreement', offer, k + 1, null, deadline, trace);
          continue;
        }
      }
      const pkg = players[p]!.propose(s);
      if (pkg === null) return outcome(table, 'broken', offer, k + 1, p, deadline, trace);
      // A proposer accepts its own offer, so in 'entente' mode one below its walk-away value means it has nothing left to offer.
      if (rational && table.utility(p, pkg) < s.reservation)
        return outcome(table, 'walk-away', offer, k + 1, p, deadline, trace);
      offer = pkg;
      proposer = p;
      accepted = 0;
      if (trace)
        trace.push({ round: k, party: p, offer: pkg, utilities: table.parties.map((_, q) => table.utility(q, pkg)) });
      for (let q = 0; q < n; q++) if (q !== p) players[q]!.observe?.(states[q]!, pkg, p);
    }
  }
  return outcome(table, 'timeout', offer, deadline, null, deadline, trace);
}

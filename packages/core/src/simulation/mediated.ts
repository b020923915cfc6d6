import type { SeededRandom } from '../random/seeded-random';
import { drawDeadline } from './sao';
import type { NegotiationTable, PackageId, RunConfig, RunOutcome, Strategy, TraceEntry } from './types';

/** The shape of protocols.ts' ProtocolRunner, restated so that file can list this protocol without an import cycle. */
type Runner = (
  table: NegotiationTable,
  players: readonly Strategy[],
  config: RunConfig,
  random: SeededRandom,
) => RunOutcome;

/** The index a strategy sees as the author of the mediator's text. */
export const MEDIATOR = -1;

/** How the mediator works. */
export interface MediatorOptions {
  /** Failed rounds after which the mediator leaves (default: it stays until the deadline). */
  patience?: number;
  /** Round at which the mediator leaves whatever happens (default: never before the deadline). */
  leaveAt?: number;
  /** How fast the weight of a party that says no grows (default 0.25: +25% per no, more when below its walk-away). */
  step?: number;
}

/** What a party says to the text besides yes: a veto on the options across its red lines, or one change it asks for. */
export interface PartyRequest {
  party: number;
  /** 'veto': the text crosses the party's red line on `issue`; 'change': the party asks for `option` on `issue`. */
  kind: 'veto' | 'change';
  issue: number;
  option: number;
}

/** A mediated run's outcome: the run, who left, and the requests that shaped the text. */
export interface MediatedOutcome extends RunOutcome {
  /** True when the mediator left (after `patience` failed rounds, or at `leaveAt`). */
  readonly mediatorLeft: boolean;
  /** The mediator's texts in order (the last one agreed when there is an agreement). */
  readonly texts: readonly PackageId[];
}

/** Optional extras of scenario tables the mediator uses when present. */
interface MediatorTable extends NegotiationTable {
  weightedBest?(weights: ArrayLike<number>, allowed?: readonly (readonly number[])[]): PackageId;
  nashLike?(): PackageId;
  readonly allowed?: readonly (readonly number[])[];
}

/** Package id with one issue set to another option. */
function withOption(table: NegotiationTable, pkg: PackageId, issue: number, option: number): PackageId {
  const digits = table.decode(pkg);
  let id = 0;
  table.issues.forEach((iss, i) => {
    id = id * iss.options.length + (i === issue ? option : digits[i]!);
  });
  return id;
}

/**
 * What a party that says no asks for: a veto on the first issue where the text crosses its red line
 * (the option it would accept instead being its best there), else the one-issue change that raises
 * its utility most.
 */
export function partyRequest(
  table: NegotiationTable,
  party: number,
  text: PackageId,
  allowed?: readonly (readonly number[])[],
): PartyRequest | null {
  const digits = table.decode(text);
  let best: PartyRequest | null = null;
  let bestGain = 0;
  const crosses = table.crossesRedLine?.(party, text) === true;
  const base = table.utility(party, text);
  for (let i = 0; i < digits.length; i++) {
    const options = allowed?.[i] ?? table.issues[i]!.options.map((_, j) => j);
    for (const o of options) {
      if (o === digits[i]) continue;
      const alt = withOption(table, text, i, o);
      // Clearing a red line outranks any gain in utility.
      const clears = crosses && !table.crossesRedLine!(party, alt);
      const score = (clears ? 10 : 0) + table.utility(party, alt) - base;
      if (score > bestGain) {
        bestGain = score;
        best = { party, kind: clears ? 'veto' : 'change', issue: i, option: o };
      }
    }
  }
  return best;
}

/** The candidate text with the largest smallest surplus over the walk-away values; crossing a red line ranks last. */
function bestText(table: NegotiationTable, candidates: readonly PackageId[], round: number): PackageId {
  let best = candidates[0]!;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const x of candidates) {
    let score = Number.POSITIVE_INFINITY;
    for (let p = 0; p < table.parties.length; p++) {
      score = Math.min(score, table.utility(p, x) - table.reservation(p, round));
      if (table.crossesRedLine?.(p, x)) score -= 10;
    }
    if (score > bestScore) {
      bestScore = score;
      best = x;
    }
  }
  return best;
}

/**
 * A mediated single-text protocol: the mediator tables a text (a Nash-like package when the table can
 * find one, else the first party's opening offer); each round every party accepts, says no (vetoing
 * an option across its red lines or asking for a change on one issue) or walks away. All yes is an
 * agreement. After a no the mediator improves the text: on scenario tables it gives more weight to
 * the parties that said no and drops vetoed options for the weighted-best package (on other tables it
 * applies the requested changes), and weighs it against each reluctant party's walk-away package
 * made best for the others, keeping the text with the largest smallest surplus. It leaves after `patience` failed rounds or at `leaveAt`.
 * @example PROTOCOLS.mediated = mediatedProtocol({ patience: 10 })
 */
export function mediatedProtocol(options: MediatorOptions = {}): Runner {
  const patience = options.patience ?? Number.POSITIVE_INFINITY;
  const step = options.step ?? 0.25;
  return (table: NegotiationTable, players: readonly Strategy[], config: RunConfig, random: SeededRandom) =>
    runMediated(table as MediatorTable, players, config, random, patience, step, options.leaveAt);
}

function runMediated(
  table: MediatorTable,
  players: readonly Strategy[],
  config: RunConfig,
  random: SeededRandom,
  patience: number,
  step: number,
  leaveAt: number | undefined,
): MediatedOutcome {
  const n = players.length;
  const deadline = drawDeadline(config, random);
  const assumed = config.deadline.kind === 'random' ? (config.deadline.assumed ?? config.deadline.max) : deadline;
  const rational = (config.compat ?? 'entente') === 'entente';
  const states = players.map((_, self) => ({
    table: table as NegotiationTable,
    self,
    round: 0,
    time: 0,
    deadline: config.knowsDeadline?.[self] === false ? null : deadline,
    reservation: table.reservation(self, 0),
    random,
  }));
  const allowed = (table.allowed ?? table.issues.map((iss) => iss.options.map((_, j) => j))).map((a) => [...a]);
  const weights = new Float64Array(n).fill(1);
  const trace: TraceEntry[] | undefined = config.trace ? [] : undefined;
  const texts: PackageId[] = [];
  table.setRound?.(0);
  let text: PackageId | null = table.nashLike
    ? table.nashLike()
    : players[config.firstProposer ?? 0]!.propose(states[0]!);
  let failed = 0;
  const finish = (end: RunOutcome['end'], finalStep: number, who: number | null, left: boolean): MediatedOutcome => {
    const agreement = end === 'agreement' ? text : null;
    return {
      end,
      agreement,
      finalStep,
      utilities: agreement === null ? null : players.map((_, p) => table.utility(p, agreement)),
      walkedAway: who,
      deadline,
      mediatorLeft: left,
      texts,
      ...(trace ? { trace } : {}),
    };
  };
  const stop = Math.min(deadline, leaveAt ?? deadline);
  for (let k = 0; k < stop; k++) {
    if (text === null) return finish('broken', k, null, true);
    table.setRound?.(k);
    texts.push(text);
    if (trace)
      trace.push({ round: k, party: MEDIATOR, offer: text, utilities: players.map((_, q) => table.utility(q, text!)) });
    const requests: PartyRequest[] = [];
    const rejected: number[] = [];
    let yes = 0;
    for (let p = 0; p < n; p++) {
      const s = states[p]!;
      s.round = k;
      s.time = s.deadline === null ? Math.min(1, (k + 1) / (assumed + 1)) : (k + 1) / (deadline + 1);
      s.reservation = table.reservation(p, k);
      players[p]!.observe?.(s, text, MEDIATOR);
      let answer = players[p]!.respond(s, text, MEDIATOR);
      if (answer === 'end') return finish('walk-away', k + 1, p, false);
      // No party agrees across its red line or below its walk-away value (the product's rule).
      if (
        answer === 'accept' &&
        rational &&
        (table.utility(p, text) < s.reservation || table.crossesRedLine?.(p, text))
      )
        answer = 'reject';
      if (answer === 'accept') yes++;
      else {
        // Scenario tables improve the text by weights; they need a party's request only for a veto.
        if (!table.weightedBest || table.crossesRedLine?.(p, text)) {
          const r = partyRequest(table, p, text, allowed);
          if (r) requests.push(r);
        }
        rejected.push(p);
        // A no weighs more the further the text leaves the party below its walk-away value.
        weights[p]! *= 1 + step * (1 + Math.max(0, s.reservation - table.utility(p, text)) / 0.05);
      }
    }
    if (yes === n) return finish('agreement', k + 1, null, false);
    if (++failed >= patience) return finish('broken', k + 1, null, true);
    for (const r of requests)
      if (r.kind === 'veto') {
        const crossing = table.decode(text)[r.issue]!;
        const kept = allowed[r.issue]!.filter((o) => o !== crossing);
        if (kept.length > 0) allowed[r.issue] = kept;
      }
    const candidates: PackageId[] = [];
    if (table.weightedBest) candidates.push(table.weightedBest(weights, allowed));
    else {
      let changed = text;
      for (const r of requests) changed = withOption(table, changed, r.issue, r.option);
      candidates.push(changed);
    }
    // The most reluctant parties' minimum, made as good as possible for everyone else (the offer oracle).
    for (const p of rejected) {
      const x = table.bestAtOrAbove(p, table.reservation(p, k), table.maxUtility(p));
      if (x !== null) candidates.push(x);
    }
    text = bestText(table, candidates, k);
    rejected.length = 0;
  }
  return finish(
    leaveAt !== undefined && leaveAt < deadline ? 'broken' : 'timeout',
    stop,
    null,
    leaveAt !== undefined && leaveAt < deadline,
  );
}

/** The mediated protocol with its default mediator (stays to the deadline, +25% weight per no). */
export const runMediatedDefault: Runner = mediatedProtocol();

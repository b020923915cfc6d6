import { meetsReference } from '../acceptance/zone-rule';
import type { Frontier } from './frontier';
import { type PreparedSpace, prepareSpace, ratioToNumber } from './prepared';
import { countPackages, existsPackage, reservationThresholds, type Threshold } from './search';
import { describePackage } from './solutions';
import type { AdditiveSpace, PackagePoint, ZoneMode } from './types';

/**
 * Zone of possible agreement: packages that break no red line and give every party at least its
 * reservation (`weak`, the reference's `n_rational`) or strictly more (`strict`).
 */

/** Why one party blocks an empty zone. */
export interface Shortfall {
  party: string;
  reservation: number;
  /** Best package acceptable to every other party (null when the others cannot all be satisfied). */
  bestAcceptableToOthers: PackagePoint | null;
  /** reservation − utility of that package (> 0 when the zone is empty and the others can be satisfied). */
  shortfall: number | null;
  /** The party's own best package that breaks no red line. */
  ownBest: PackagePoint | null;
}

/**
 * An issue that blocks agreement. `redLine`: every option of the issue is forbidden by some party.
 * `conflict`: if every party were granted its own best non-forbidden option on this issue at once
 * (the issue taken off the table by compensation), a zone would open.
 */
export interface BlockingIssue {
  issue: string;
  index: number;
  reason: 'redLine' | 'conflict';
}

export interface ZoneSummary {
  mode: ZoneMode;
  count: number;
  empty: boolean;
  /** Pareto-efficient packages of the zone (the frontier points inside it). */
  pareto: PackagePoint[];
  shortfalls: Shortfall[];
  blockingIssues: BlockingIssue[];
}

const frontierPoint = (ps: PreparedSpace, f: Frontier, t: number): PackagePoint =>
  describePackage(
    ps,
    f.outcomes[t]!,
    Array.from({ length: f.parties }, (_, p) => f.utilities[t * f.parties + p]!),
  );

/** The acceptance module's zone test on an exact utility and a party's threshold. */
function meets(u: bigint, t: Threshold): boolean {
  return meetsReference(u, t.n, t.strict ? 'strict' : 'weak');
}

/** Counts the zone (branch and bound, no enumeration of what is clearly in or out). */
export function countZone(ps: PreparedSpace, mode: ZoneMode = 'weak'): number {
  return countPackages(ps, { thresholds: reservationThresholds(ps, mode === 'strict') });
}

/** Whether the zone is non-empty. */
export function zoneExists(ps: PreparedSpace, mode: ZoneMode = 'weak'): boolean {
  return existsPackage(ps, { thresholds: reservationThresholds(ps, mode === 'strict') });
}

/** Frontier positions inside the zone. */
export function zoneFrontierPositions(ps: PreparedSpace, frontier: Frontier, mode: ZoneMode): number[] {
  const th = reservationThresholds(ps, mode === 'strict');
  const k = frontier.parties;
  const out: number[] = [];
  for (let t = 0; t < frontier.outcomes.length; t++)
    if (th.every((x, p) => meets(frontier.exact[t * k + p]!, x))) out.push(t);
  return out;
}

/** Per-party shortfalls: each party's best package among those all the others accept (found on the frontier). */
export function shortfalls(ps: PreparedSpace, frontier: Frontier, mode: ZoneMode): Shortfall[] {
  const th = reservationThresholds(ps, mode === 'strict');
  const k = frontier.parties;
  const n = frontier.outcomes.length;
  return ps.parties.map((party, p) => {
    let best = -1;
    let own = -1;
    for (let t = 0; t < n; t++) {
      const u = frontier.exact[t * k + p]!;
      if (own < 0 || u > frontier.exact[own * k + p]!) own = t;
      if (!th.every((x, q) => q === p || meets(frontier.exact[t * k + q]!, x))) continue;
      if (best < 0 || u > frontier.exact[best * k + p]!) best = t;
    }
    return {
      party: party.id,
      reservation: party.reservationF,
      bestAcceptableToOthers: best < 0 ? null : frontierPoint(ps, frontier, best),
      shortfall: best < 0 ? null : ratioToNumber(party.reservationN - frontier.exact[best * k + p]!, party.den),
      ownBest: own < 0 ? null : frontierPoint(ps, frontier, own),
    };
  });
}

/** Rebuilds a space whose exact shadow is the prepared one (so edits keep exact values). */
export function exactSpaceOf(ps: PreparedSpace): AdditiveSpace {
  return {
    issues: ps.space.issues,
    parties: ps.parties.map((p, j) => {
      const src = ps.space.parties[j]!;
      return {
        id: p.id,
        reservation: p.reservationF,
        contributions: p.f.map((row) => Float64Array.from(row)),
        ...(src.forbidden ? { forbidden: src.forbidden } : {}),
        ...(src.cap !== undefined ? { cap: src.cap } : {}),
        exact: {
          denominator: p.den,
          contributions: p.n.map((row) => row.slice()),
          reservation: p.reservationN,
          ...(p.capN !== null ? { cap: p.capN } : {}),
        },
      };
    }),
  };
}

/** Issues that block an empty zone (see BlockingIssue); empty when the zone is not empty. */
export function blockingIssues(ps: PreparedSpace, mode: ZoneMode): BlockingIssue[] {
  const out: BlockingIssue[] = [];
  const base = exactSpaceOf(ps);
  ps.space.issues.forEach((issue, i) => {
    if (ps.allowed[i]!.length === 0) {
      out.push({ issue: issue.id, index: i, reason: 'redLine' });
      return;
    }
    // Counterfactual: issue i has one option worth each party's own best non-forbidden option.
    const parties = base.parties.map((party, p) => {
      const prep = ps.parties[p]!;
      let bestO = -1;
      for (let o = 0; o < ps.radices[i]!; o++) {
        if (prep.forbidden?.[i]?.[o] === 1) continue;
        if (bestO < 0 || prep.n[i]![o]! > prep.n[i]![bestO]!) bestO = o;
      }
      const contributions = party.contributions.slice();
      const forbidden = party.forbidden?.slice();
      const exact = party.exact!.contributions.slice();
      contributions[i] = Float64Array.of(bestO < 0 ? 0 : prep.f[i]![bestO]!);
      exact[i] = [bestO < 0 ? 0n : prep.n[i]![bestO]!];
      if (forbidden) forbidden[i] = Uint8Array.of(bestO < 0 ? 1 : 0);
      return {
        ...party,
        contributions,
        ...(forbidden ? { forbidden } : {}),
        exact: { ...party.exact!, contributions: exact },
      };
    });
    const issues = base.issues.map((iss, j) =>
      j === i ? { id: iss.id, options: ['(each party’s best)'], statusQuo: 0 } : iss,
    );
    const counterfactual = prepareSpace({ issues, parties });
    if (zoneExists(counterfactual, mode)) out.push({ issue: issue.id, index: i, reason: 'conflict' });
  });
  return out;
}

/** Zone summary: count, efficient packages, and, when empty, shortfalls and blocking issues. */
export function summarizeZone(ps: PreparedSpace, frontier: Frontier, mode: ZoneMode): ZoneSummary {
  const count = countZone(ps, mode);
  const pareto = zoneFrontierPositions(ps, frontier, mode).map((t) => frontierPoint(ps, frontier, t));
  const empty = count === 0;
  return {
    mode,
    count,
    empty,
    pareto,
    shortfalls: empty ? shortfalls(ps, frontier, mode) : [],
    blockingIssues: empty ? blockingIssues(ps, mode) : [],
  };
}

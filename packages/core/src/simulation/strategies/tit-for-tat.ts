import type { NegotiationTable, PackageId, Response, Strategy, StrategyFactory, StrategyState } from '../types';

/**
 * Naive tit-for-tat as NegMAS plays it (FORMAT.md §6.2): it reciprocates how good the opponent's offer
 * is for itself, with a "minimal concession" in rounds 1 and 2 taken from a walk down its own ranks.
 * In 'negmas' mode that walk's cursor survives between runs of one table (the `carry` map), as in the
 * parity table; in 'entente' mode every run starts fresh. A table without ranks gives a zero walk.
 */
class NaiveTitForTat implements Strategy {
  private readonly max: number;
  private readonly span: number;
  private readonly key: string;
  private cursor: number;
  private last: PackageId | null = null;
  private m: number;
  private inv: number;

  constructor(
    private readonly table: NegotiationTable,
    private readonly self: number,
    private readonly carry: Map<string, number> | undefined,
  ) {
    this.max = table.maxUtility(self);
    this.span = this.max - table.minUtility(self);
    this.key = `tit-for-tat:${self}`;
    this.cursor = carry?.get(this.key) ?? 0;
    this.m = Math.max(table.minUtility(self), table.reservation(self, 0));
    this.inv = 1 / (this.max - this.m);
  }

  private normalised(pkg: PackageId): number {
    return (this.table.utility(this.self, pkg) - this.m) * this.inv;
  }

  private partnerConcession(pkg: PackageId): number {
    return 1.0 - (-this.normalised(pkg) + 1.0);
  }

  private draw(reservation: number): number {
    const pkg = this.table.atRank ? this.table.atRank(this.self, this.cursor) : null;
    this.cursor++;
    this.carry?.set(this.key, this.cursor);
    return pkg === null ? reservation : this.table.utility(this.self, pkg);
  }

  private concession(pc: number, round: number, reservation: number): number {
    let c: number;
    if (round === 0) c = 0;
    else if (round >= 3) c = pc >= 0 ? pc : 0;
    else {
      const b1 = this.draw(reservation);
      const b2 = this.draw(reservation);
      c = (b1 - b2 + 1e-12) / this.span;
    }
    return Number.isFinite(c) && c >= -1e-6 && c <= 1.0000001 ? c : 0;
  }

  /** Follows a walk-away value that moved during the run (scheduled levers). */
  private refresh(reservation: number): void {
    const m = Math.max(this.table.minUtility(this.self), reservation);
    if (m !== this.m) {
      this.m = m;
      this.inv = 1 / (this.max - m);
    }
  }

  respond(s: StrategyState, offer: PackageId): Response {
    this.refresh(s.reservation);
    this.last = offer;
    const pc = this.partnerConcession(offer);
    return this.normalised(offer) >= 1.0 - this.concession(pc, s.round, s.reservation) ? 'accept' : 'reject';
  }

  propose(s: StrategyState): PackageId | null {
    this.refresh(s.reservation);
    const pc = this.last === null ? 0 : this.partnerConcession(this.last);
    const target = 1.0 - this.concession(pc, s.round, s.reservation);
    const range = this.max - this.m;
    return this.table.bestAtOrAbove(this.self, target * range + this.m, 1.0 * range + this.m);
  }
}

export const titForTat: StrategyFactory = {
  name: 'tit-for-tat',
  description: 'naive tit-for-tat: concedes as much as the last offer is worth to it',
  create: (table, self, options) =>
    new NaiveTitForTat(table, self, options.compat === 'negmas' ? options.carry : undefined),
};

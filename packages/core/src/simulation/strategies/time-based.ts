import type { NegotiationTable, PackageId, Response, Strategy, StrategyFactory, StrategyState } from '../types';

/**
 * A time-based concession: aspiration a(t) = 1 − t^e over the party's own range (NegMAS' polynomial
 * form, FORMAT.md §6.1), accepting offers in [lo(t), M] and offering the cheapest package at lo(t).
 * A class, so that the millions of instances a sweep makes share their methods.
 */
export class TimeBasedStrategy implements Strategy {
  private readonly max: number;
  private readonly floor: number;
  private time = Number.NaN;
  private reservation = Number.NaN;
  private lo = 0;
  private hi = 0;

  constructor(
    private readonly table: NegotiationTable,
    private readonly self: number,
    private readonly exponent: number,
    private readonly tolerance: number,
  ) {
    this.max = table.maxUtility(self);
    this.floor = table.minUtility(self);
  }

  /** Recomputes the band only when the time or the walk-away value moved (respond and propose share a call). */
  private band(s: StrategyState): void {
    if (s.time === this.time && s.reservation === this.reservation) return;
    this.time = s.time;
    this.reservation = s.reservation;
    const M = this.max;
    const m = Math.max(this.floor, s.reservation);
    const a = 1 - s.time ** this.exponent;
    this.lo = Math.max(m, Math.min(M, (M - m) * a + m - this.tolerance));
    this.hi = Math.max(m, Math.min(M, (M - m) * 1.0 + m + this.tolerance));
  }

  propose(s: StrategyState): PackageId | null {
    this.band(s);
    return this.table.bestAtOrAbove(this.self, this.lo, this.hi);
  }

  respond(s: StrategyState, offer: PackageId): Response {
    this.band(s);
    const u = this.table.utility(this.self, offer);
    return this.lo <= u && u <= this.hi ? 'accept' : 'reject';
  }
}

const timeBased = (name: string, exponent: number, tolerance: number, description: string): StrategyFactory => ({
  name,
  description,
  create: (table, self) => new TimeBasedStrategy(table, self, exponent, tolerance),
});

/** Concedes late: aspiration 1 − t⁴ (NegMAS BoulwareTB). */
export const boulware = timeBased('boulware', 4, 1e-4, 'time-based, concedes late: aspiration 1 − t⁴');
/** Concedes early: aspiration 1 − t^0.25 (NegMAS ConcederTB). */
export const conceder = timeBased('conceder', 0.25, 1e-4, 'time-based, concedes early: aspiration 1 − t^0.25');
/** Concedes evenly: aspiration 1 − t (NegMAS LinearTB). */
export const linear = timeBased('linear', 1, 1e-4, 'time-based, concedes evenly: aspiration 1 − t');
/** NegMAS' Aspiration negotiator: the Boulware curve with a looser acceptance tolerance (1e-3). */
export const aspiration = timeBased('aspiration', 4, 1e-3, 'aspiration 1 − t⁴ with acceptance tolerance 1e-3');

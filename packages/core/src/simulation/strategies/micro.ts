import type { NegotiationTable, PackageId, Response, Strategy, StrategyFactory, StrategyState } from '../types';

/**
 * MiCRO (FORMAT.md §6.4): walks down its own ranks one package per new distinct package received,
 * never below its walk-away value, and accepts anything at least as good as what it would offer next.
 * When it may not concede it repeats one of its earlier offers, chosen with the run's seeded randomness.
 */
class Micro implements Strategy {
  private rank = 0;
  private readonly sent: PackageId[] = [];
  private readonly sentSet = new Set<PackageId>();
  private readonly received = new Set<PackageId>();
  private readonly atRank: (party: number, rank: number) => PackageId | null;

  constructor(
    private readonly table: NegotiationTable,
    private readonly self: number,
  ) {
    if (!table.atRank) throw new Error('micro needs a table that ranks its packages');
    this.atRank = table.atRank.bind(table);
  }

  private ready(): boolean {
    return this.sentSet.size <= this.received.size;
  }

  observe(_s: StrategyState, offer: PackageId): void {
    this.received.add(offer);
  }

  propose(s: StrategyState): PackageId | null {
    const x = this.atRank(this.self, this.rank);
    if (x !== null && this.table.utility(this.self, x) >= s.reservation && this.ready()) {
      this.rank++;
      if (!this.sentSet.has(x)) {
        this.sentSet.add(x);
        this.sent.push(x);
      }
      return x;
    }
    return this.sent.length === 0 ? null : this.sent[s.random.int(this.sent.length)]!;
  }

  respond(s: StrategyState, offer: PackageId): Response {
    const z = this.ready()
      ? this.atRank(this.self, this.rank)
      : this.rank === 0
        ? null
        : this.atRank(this.self, this.rank - 1);
    const reference = z === null ? s.reservation : Math.max(s.reservation, this.table.utility(this.self, z));
    return this.table.utility(this.self, offer) - reference >= 0 ? 'accept' : 'reject';
  }
}

export const micro: StrategyFactory = {
  name: 'micro',
  description: 'MiCRO: concedes one rank per new offer received, accepts what it would offer next',
  needsRanks: true,
  create: (table, self) => new Micro(table, self),
};

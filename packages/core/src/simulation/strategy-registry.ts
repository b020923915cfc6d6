import { EntenteError } from '../errors';
import { micro } from './strategies/micro';
import { redLineKeeper } from './strategies/red-line-keeper';
import { aspiration, boulware, conceder, linear } from './strategies/time-based';
import { titForTat } from './strategies/tit-for-tat';
import type { NegotiationTable, Strategy, StrategyFactory, StrategyOptions } from './types';

/** The strategies Entente ships, by name. */
export const BUILTIN_STRATEGIES: readonly StrategyFactory[] = [
  boulware,
  conceder,
  linear,
  aspiration,
  titForTat,
  micro,
  redLineKeeper,
];

/**
 * Strategies by name. A user adds one with `registry.add({ name, description, create })`.
 * @example const s = new StrategyRegistry().add(myStrategy).get('mine');
 */
export class StrategyRegistry {
  private readonly byName = new Map<string, StrategyFactory>();

  constructor(factories: readonly StrategyFactory[] = BUILTIN_STRATEGIES) {
    for (const f of factories) this.add(f);
  }

  add(factory: StrategyFactory): this {
    if (!/^[a-z][a-z0-9-]*$/.test(factory.name))
      throw new EntenteError('SIMULATION_INVALID', `Strategy name "${factory.name}" must be lowercase kebab-case.`);
    this.byName.set(factory.name, factory);
    return this;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string): StrategyFactory {
    const f = this.byName.get(name);
    if (!f)
      throw new EntenteError(
        'SIMULATION_UNKNOWN_STRATEGY',
        `Unknown strategy "${name}"; known strategies: ${this.names().join(', ')}.`,
      );
    return f;
  }

  /** One fresh instance per party, checking that the table answers what each strategy asks. */
  create(table: NegotiationTable, names: readonly string[], options: StrategyOptions): Strategy[] {
    return names.map((name, self) => {
      const f = this.get(name);
      if (f.needsRanks && !table.atRank)
        throw new EntenteError(
          'SIMULATION_INVALID',
          `Strategy "${name}" walks down ranked packages, which this table does not provide.`,
        );
      return f.create(table, self, options);
    });
  }
}

/** The shared registry with the built-in strategies. */
export const strategyRegistry = new StrategyRegistry();

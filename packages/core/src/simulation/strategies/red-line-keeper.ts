import type { StrategyFactory } from '../types';
import { TimeBasedStrategy } from './time-based';

/**
 * Boulware's curve with hard limits: never offers or accepts a package across its red lines (the
 * table's `bestAtOrAbove` already skips them for the party), never accepts below its walk-away value,
 * and walks away once nothing left on the table is worth its walk-away value (walk-away values may
 * rise with levers and events during the run).
 */
export const redLineKeeper: StrategyFactory = {
  name: 'red-line-keeper',
  description: 'Boulware that never crosses its red lines and walks away when nothing left beats its walk-away value',
  create(table, self) {
    const base = new TimeBasedStrategy(table, self, 4, 1e-4);
    const hopeless = (reservation: number) => table.maxUtility(self) < reservation;
    const crosses = (pkg: number) => table.crossesRedLine?.(self, pkg) === true;
    return {
      propose(s) {
        if (hopeless(s.reservation)) return null;
        const pkg = base.propose(s);
        return pkg === null || crosses(pkg) || table.utility(self, pkg) < s.reservation ? null : pkg;
      },
      respond(s, offer) {
        if (hopeless(s.reservation)) return 'end';
        if (crosses(offer) || table.utility(self, offer) < s.reservation) return 'reject';
        return base.respond(s, offer);
      },
    };
  },
};

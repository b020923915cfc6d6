import { EntenteError } from '../errors';
import type { ScenarioModel } from '../scenario/scenario-model';
import type { Scenario } from '../scenario/schema';

/** A lever to apply and how hard (1 = the effect as written). */
export interface LeverUse {
  id: string;
  strength: number;
}

/**
 * Checks lever uses against a scenario's levers: an unknown id or a strength outside
 * [0, maxStrength] is an input error that names what is allowed.
 * @example validateLeverUses(model, [{ id: 'sanctions', strength: 2 }])
 */
export function validateLeverUses(source: ScenarioModel | Scenario, uses: readonly LeverUse[]): void {
  const levers = 'scenario' in source ? source.scenario.levers : source.levers;
  for (const use of uses) {
    const lever = levers.find((l) => l.id === use.id);
    if (!lever)
      throw new EntenteError(
        'UNKNOWN_LEVER',
        `No lever has id "${use.id}"; use one of: ${levers.map((l) => l.id).join(', ') || '(none defined)'}.`,
      );
    if (!(Number.isFinite(use.strength) && use.strength >= 0 && use.strength <= lever.maxStrength))
      throw new EntenteError(
        'LEVER_STRENGTH_OUT_OF_RANGE',
        `Lever "${use.id}" takes a strength between 0 and its maxStrength ${lever.maxStrength} (its strongest credible use; 1 = the effect as written); got ${use.strength}.`,
      );
  }
}

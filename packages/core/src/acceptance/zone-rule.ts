import type { ZoneMode } from '../space/types';

/** What a package is: a settlement (weighed against walking away), a step (weighed against today), or either (no settlement defined). */
export type PackageKindOrAll = 'settlement' | 'step' | 'all';

/**
 * The zone test for a kind of package: settlements (and every package when the scenario defines no
 * settlement) need margin ≥ 0; steps need margin > 0, since today itself has margin 0.
 */
export function zoneModeFor(kind: PackageKindOrAll): ZoneMode {
  return kind === 'step' ? 'strict' : 'weak';
}

/** Whether an exact utility meets an exact reference under a zone mode (both numerators over one denominator). */
export function meetsReference(utility: bigint, reference: bigint, mode: ZoneMode): boolean {
  return mode === 'strict' ? utility > reference : utility >= reference;
}

/** Partial-date ranges come from the scenario model, so the store and the scenario agree on them. */
export { dateRange } from '@entente/core';

/**
 * Runs `produce` on up to `ahead` items at once and hands each outcome to `consume` one at a time,
 * in input order: producing the next items overlaps consuming the current one.
 */
export async function runAhead<T, R>(
  items: readonly T[],
  ahead: number,
  produce: (item: T, index: number) => Promise<R>,
  consume: (outcome: PromiseSettledResult<R>, item: T, index: number) => Promise<void>,
): Promise<void> {
  const window = Math.max(1, Math.floor(ahead));
  const pending: Promise<PromiseSettledResult<R>>[] = [];
  const start = (i: number) => {
    const item = items[i] as T;
    pending[i] = produce(item, i).then(
      (value): PromiseSettledResult<R> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<R> => ({ status: 'rejected', reason }),
    );
  };
  for (let i = 0; i < Math.min(window, items.length); i++) start(i);
  for (let i = 0; i < items.length; i++) {
    const outcome = await (pending[i] as Promise<PromiseSettledResult<R>>);
    delete pending[i];
    if (i + window < items.length) start(i + window);
    await consume(outcome, items[i] as T, i);
  }
}

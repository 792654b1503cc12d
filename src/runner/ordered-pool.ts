/**
 * Runs `work` on each item, at most `concurrency` at a time, starting them in
 * order, and hands each result to `settle` in item order: a later item that
 * finishes first waits for the earlier ones, so what `settle` records (a hash
 * chain of evidence records) reads in the declared order whatever ran faster.
 * After a `work` or `settle` failure no further item starts; the ones running
 * finish (each tears its own environment down), then the first failure is thrown.
 */
export async function orderedPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  settle: (result: R, index: number) => Promise<void>,
): Promise<void> {
  const finished = new Map<number, R>();
  let started = 0;
  let settled = 0;
  let failure: { error: unknown } | undefined;
  let settling = Promise.resolve();
  const settleReady = async () => {
    while (finished.has(settled)) {
      const result = finished.get(settled)!;
      finished.delete(settled);
      await settle(result, settled);
      settled++;
    }
  };
  const lane = async () => {
    while (started < items.length && !failure) {
      const index = started++;
      try {
        finished.set(index, await work(items[index]!, index));
        settling = settling.then(settleReady);
        await settling;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  if (failure) throw failure.error;
}

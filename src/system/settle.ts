/**
 * Await every promise, then return their values or throw the first rejection in order: nothing
 * started here still runs (or writes) when the error goes up. `undefined` entries are skipped work.
 */
export async function settleAll<T extends readonly unknown[]>(promises: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  // Every one is fulfilled now: Promise.all gives their values, in order and typed, without waiting.
  return Promise.all(promises);
}

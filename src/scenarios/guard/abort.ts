/**
 * `work`, or `onAbort()`'s error as soon as `signal` is aborted, whichever comes first. The work
 * is left to finish on its own; its late failure is swallowed here (the caller has moved on, and
 * an unheard rejection would crash the process).
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  work.catch(() => undefined);
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(onAbort());
  // Aborted once the race is settled: removes the listener from `signal`.
  const settled = new AbortController();
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(onAbort()), { once: true, signal: settled.signal });
  });
  return Promise.race([work, aborted]).finally(() => settled.abort());
}

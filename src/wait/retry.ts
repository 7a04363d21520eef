import { setTimeout as sleep } from 'node:timers/promises';
import { InterruptedError } from '../errors/index.js';

/** Where retry loops read time, so tests can run them without waiting. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (never rejecting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, signal && { signal }).catch(() => undefined),
};

export interface RetryOptions<T> {
  timeoutMs: number;
  intervalMs: number;
  /** Also give up after this many attempts (a retry budget counted in tries, not time). */
  maxAttempts?: number;
  clock?: Clock;
  /** Called with every value `fn` produced, before the predicate decides. */
  onAttempt?: (value: T, attempt: number) => void;
  /** Ends the loop with InterruptedError (Ctrl-C), also in the middle of a pause between attempts. */
  signal?: AbortSignal;
}

export type RetryResult<T> = { ok: true; value: T; attempts: number; elapsedMs: number } | { ok: false; last: T; attempts: number; elapsedMs: number };

/**
 * The one poll loop (after testcontainers' IntervalRetry): call `fn` until `predicate` accepts its
 * value or `timeoutMs` has passed; at least one attempt always runs. `fn` decides which failures
 * are values to poll again and which are thrown (a thrown error ends the loop).
 */
export async function retryUntil<T>(fn: () => Promise<T>, predicate: (value: T) => boolean, opts: RetryOptions<T>): Promise<RetryResult<T>> {
  const clock = opts.clock ?? SYSTEM_CLOCK;
  const start = clock.now();
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) throw new InterruptedError();
    const value = await fn();
    opts.onAttempt?.(value, attempt);
    const elapsedMs = clock.now() - start;
    if (predicate(value)) return { ok: true, value, attempts: attempt, elapsedMs };
    if (elapsedMs >= opts.timeoutMs || attempt >= (opts.maxAttempts ?? Infinity)) return { ok: false, last: value, attempts: attempt, elapsedMs };
    await clock.sleep(Math.min(opts.intervalMs, opts.timeoutMs - elapsedMs), opts.signal);
  }
}

/** A thrown error as a value, so `retryUntil` can poll past failures that waiting may cure. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

export const attempt =
  <T>(fn: () => Promise<T>) =>
  async (): Promise<Attempt<T>> => {
    try {
      return { ok: true, value: await fn() };
    } catch (error) {
      return { ok: false, error };
    }
  };

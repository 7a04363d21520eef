import { setTimeout as sleep } from 'node:timers/promises';
import { ArcError, InterruptedError } from '../errors/index.js';
import { checkHealth } from './health.js';
import type { HealthOptions, HealthReport } from './health-report.js';
import type { ProbeTarget } from './target.js';

/** Where retry loops read time, so tests can run them without waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

export interface RetryOptions<T> {
  timeoutMs: number;
  intervalMs: number;
  clock?: Clock;
  /** Called with every value `fn` produced, before the predicate decides. */
  onAttempt?: (value: T, attempt: number) => void;
  /** Ends the loop with InterruptedError (Ctrl-C). */
  signal?: AbortSignal;
}

export type RetryResult<T> =
  | { ok: true; value: T; attempts: number; elapsedMs: number }
  | { ok: false; last: T; attempts: number; elapsedMs: number };

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
    if (elapsedMs >= opts.timeoutMs) return { ok: false, last: value, attempts: attempt, elapsedMs };
    await clock.sleep(Math.min(opts.intervalMs, opts.timeoutMs - elapsedMs));
  }
}

/** The topology did not become healthy in time; `report` is the last look at it. */
export class NotHealthyError extends ArcError {
  constructor(
    readonly report: HealthReport,
    timeoutMs: number,
  ) {
    super([`${report.kind} topology still ${report.verdict} after ${seconds(timeoutMs)}:`, ...report.problems.map((p) => `  ${p}`)].join('\n'));
  }
}

export interface WaitOptions {
  timeoutMs: number;
  /** Between checks; checks are cheap (one short connection per node). */
  intervalMs?: number;
  /** Called with the first remaining problem whenever it changes: what the wait is waiting for. */
  onWaiting?: (what: string) => void;
  clock?: Clock;
  health?: Partial<HealthOptions>;
  signal?: AbortSignal;
}

export const DEFAULT_WAIT_INTERVAL_MS = 100;

/** Poll checkHealth until healthy. Throws NotHealthyError on timeout, ProbeError on a wrong password. */
export async function waitUntilHealthy(target: ProbeTarget, opts: WaitOptions): Promise<HealthReport> {
  let waitingFor: string | undefined;
  const result = await retryUntil(() => checkHealth(target, opts.health), (r) => r.verdict === 'healthy', {
    timeoutMs: opts.timeoutMs,
    intervalMs: opts.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS,
    ...(opts.clock && { clock: opts.clock }),
    ...(opts.signal && { signal: opts.signal }),
    onAttempt: (report) => {
      const what = report.problems[0];
      if (what !== undefined && what !== waitingFor) opts.onWaiting?.(what);
      waitingFor = what;
    },
  });
  if (result.ok) return result.value;
  throw new NotHealthyError(result.last, opts.timeoutMs);
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

import type { JobType, Queue } from 'bullmq';
import { retryUntil, type Clock } from '../wait/retry.js';

/** States a job can still leave on its own: a queue with none of them has nothing left to run. */
export const RUNNABLE_STATES: JobType[] = ['waiting', 'active', 'delayed', 'prioritized'];

/** Jobs of `queue` in `states` (BullMQ moves jobs between states atomically, so the sum is exact). */
export async function countJobs(queue: Queue, states: JobType[] = RUNNABLE_STATES): Promise<number> {
  return Object.values(await queue.getJobCounts(...states)).reduce((a, b) => a + b, 0);
}

export interface QueueIdleOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Ctrl-C ends the wait quietly (as if idle): the caller reports the interruption itself. */
  signal?: AbortSignal;
  clock?: Clock;
}

/**
 * Poll `count` until it says 0. `count` resolving undefined means "could not tell" (a read that
 * failed mid-failover) and is asked again. True when idle (or interrupted), false on timeout.
 */
export async function waitUntilQueueIdle(count: () => Promise<number | undefined>, opts: QueueIdleOptions): Promise<boolean> {
  const result = await retryUntil(count, (n) => n === 0 || Boolean(opts.signal?.aborted), {
    timeoutMs: opts.timeoutMs,
    intervalMs: opts.intervalMs,
    ...(opts.clock && { clock: opts.clock }),
  });
  return result.ok;
}

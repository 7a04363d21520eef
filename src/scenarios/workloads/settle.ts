import type { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { countJobs, RUNNABLE_STATES } from '../queue-idle.js';

/** Poll `done` every 200 ms until it says true, `timeoutMs` passed or `signal` aborted. */
export async function settleUntil(done: () => boolean | Promise<boolean>, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(done()).catch(() => false)) return true;
    if (signal?.aborted || performance.now() >= end) return false;
    await sleep(200, undefined, signal && { signal }).catch(() => undefined);
  }
}

/**
 * True when none of `queues` holds a job that can still run (waiting, active, delayed,
 * prioritized): what has not run by then never will, and settling need not wait out its timeout
 * for work a failover took away. A read that fails says nothing (false: keep waiting).
 */
export async function nothingLeftToRun(queues: Queue[]): Promise<boolean> {
  const counts = await Promise.all(queues.map((q) => countJobs(q, RUNNABLE_STATES))).catch(() => undefined);
  return counts !== undefined && counts.every((n) => n === 0);
}

import type { Queue } from 'bullmq';
import { retryUntil, SYSTEM_CLOCK, type Clock } from '../../../wait/retry.js';
import { countJobs, waitUntilQueueIdle } from '../../queue-idle.js';
import type { InjectedFault } from '../../faults/index.js';
import type { Watcher } from '../../watch/raw-event.js';
import { faultOf } from '../../faults/index.js';
import type { Fault } from '../../faults/names.js';
import { promotedSince } from '../../watch/events.js';

/** A pause shorter than the failure detection ends without a promotion; one begun by then shows within ~2 s. */
const PROMOTION_AFTER_PAUSE_MS = 2000;
/** Writes and completions count as flowing when the last one is at most this old. */
const RECENT_MS = 300;
const POLL_MS = 100;
const DRAIN_TIMEOUT_MS = 10_000;

export interface RecoveryWatch {
  t0: number;
  fault: Fault;
  injected: InjectedFault;
  expectPromotion: boolean;
  watchers: Watcher[];
  lastAckAt: () => number | undefined;
  lastCompletionAt: () => number | undefined;
  maxRecoveryMs: number;
  settleMs: number;
  say: (m: string) => void;
  signal?: AbortSignal;
  clock?: Clock;
}

/**
 * Wait until writes and completions have flowed again for `settleMs` (after the promotion, when
 * one is expected), or until `maxRecoveryMs` from t0, or Ctrl-C (the caller checks the signal).
 */
export async function waitForRecovery(w: RecoveryWatch): Promise<void> {
  const clock = w.clock ?? SYSTEM_CLOCK;
  const recent = (t: number | undefined) => t !== undefined && t > w.t0 && t >= clock.now() - RECENT_MS;
  let recoveredAt: number | undefined;
  const lasting = faultOf(w.fault).lastsFaultMs;
  const settled = (): boolean => {
    const endedAt = w.injected.endedAt;
    const pauseRunning = lasting !== undefined && endedAt === undefined;
    const promotionStillPossible = !lasting || endedAt === undefined || clock.now() - endedAt < PROMOTION_AFTER_PAUSE_MS;
    const waitingForPromotion = w.expectPromotion && !promotedSince(w.t0, w.watchers) && promotionStillPossible;
    const writing = recent(w.lastAckAt());
    const consuming = recent(w.lastCompletionAt());
    if (!waitingForPromotion && !pauseRunning && writing && consuming) {
      recoveredAt ??= clock.now();
      if (clock.now() - recoveredAt >= w.settleMs) return true;
    } else {
      recoveredAt = undefined;
    }
    w.say(
      waitingForPromotion
        ? 'waiting for a promotion'
        : pauseRunning
          ? lasting.whileInPlace
          : recoveredAt
            ? 'settling'
            : !writing
              ? 'waiting for writes'
              : 'waiting for the worker',
    );
    return false;
  };
  await retryUntil(
    () => Promise.resolve(settled()),
    (done) => done || Boolean(w.signal?.aborted),
    {
      timeoutMs: w.t0 + w.maxRecoveryMs - clock.now(),
      intervalMs: POLL_MS,
      clock,
    },
  );
}

/** Let the worker finish what was acknowledged (bounded); a count that fails mid-failover is asked again. */
export async function waitUntilDrained(queue: Queue, signal?: AbortSignal): Promise<boolean> {
  return waitUntilQueueIdle(() => countJobs(queue).catch(() => undefined), { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: POLL_MS, ...(signal && { signal }) });
}

import { longestGap } from './stats.js';
import type { Moments } from './types.js';

/** One run of a scheduler's job: the slot it was scheduled for and when the processor ran it (epoch ms). */
export interface Firing {
  slotEpochMs: number;
  atEpochMs: number;
}

/** What one scheduler did over a window; slots are named by their epoch ms. */
export interface SlotAccount {
  /** Grid slots from the first fired slot to the end of the window. */
  expected: number;
  /** Of those, the slots that ran at least once. */
  fired: number;
  /** Expected slots that never ran. */
  missed: number[];
  /** Slots that ran more than once (the same job twice, or two jobs for one slot). */
  twice: number[];
  longestGapMs: number | null;
  ticksAfterFault: number | null;
  firstAfterPromotionMs: number | null;
  /** Did a slot after the window's end run: the scheduler was still going when adding stopped. */
  alive: boolean;
}

/**
 * Account for a scheduler's firings on its grid: the first fired slot plus whole intervals (BullMQ
 * keeps an `every` scheduler on `prevMillis + every`, realigned to the same offset when it catches
 * up, and a cron of `* * * * * *` on whole seconds). A firing counts for its nearest grid slot, so
 * a second chain off the grid (#2889) shows as a slot run twice rather than as a new slot.
 */
export function accountSlots(firings: readonly Firing[], intervalMs: number, endEpochMs: number, moments: Moments): SlotAccount {
  const anchor = Math.min(...firings.map((f) => f.slotEpochMs));
  const runs = new Map<number, number>();
  for (const f of firings) {
    const slot = anchor + Math.round((f.slotEpochMs - anchor) / intervalMs) * intervalMs;
    runs.set(slot, (runs.get(slot) ?? 0) + 1);
  }
  const expected = firings.length && endEpochMs >= anchor ? Math.floor((endEpochMs - anchor) / intervalMs) + 1 : 0;
  const missed: number[] = [];
  for (let k = 0; k < expected; k++) if (!runs.has(anchor + k * intervalMs)) missed.push(anchor + k * intervalMs);
  const times = firings.map((f) => f.atEpochMs);
  const { t0EpochMs: t0, promotedEpochMs: promoted } = moments;
  const afterPromotion = promoted === undefined ? [] : times.filter((t) => t >= promoted);
  return {
    expected,
    fired: expected - missed.length,
    missed,
    twice: [...runs].filter(([, n]) => n > 1).map(([slot]) => slot),
    longestGapMs: longestGap(times),
    ticksAfterFault: t0 === undefined ? null : times.filter((t) => t >= t0).length,
    firstAfterPromotionMs: promoted === undefined || afterPromotion.length === 0 ? null : Math.min(...afterPromotion) - promoted,
    alive: firings.some((f) => f.slotEpochMs > endEpochMs),
  };
}

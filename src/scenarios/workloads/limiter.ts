import { closeWorker } from '../../connect/bullmq.js';
import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import type { RunningWorkload, Workload, WorkloadSetup } from './types.js';
import { markerOf } from './marker.js';

const NAME = 'limiter';
const MAX = 10;
const DURATION_MS = 1000;
/**
 * 12.5 adds a second against the limiter's 10: the limiter, not the adds, paces the worker, and
 * the backlog grows by only 2.5 jobs a second (150 after a minute), which drains in seconds once
 * adding stops. At 50 a second the backlog would grow by 40 a second and settling would take
 * minutes.
 */
const EVERY_MS = 80;
/**
 * How much later than another a job may enter its processor after the limiter counted it (the
 * worker's round trip, its event loop): the burst window is this much shorter than the limiter's
 * duration, so that such jitter cannot make a burst of an ordinary pair of windows.
 */
const JITTER_MS = 100;

/**
 * A worker behind BullMQ's rate limiter (`limiter: { max, duration }`): it never starts more jobs
 * than the limiter allows. BullMQ's limiter is a fixed window: moveToActive (and the fetch of the
 * next job in moveToFinished) INCRs `<prefix>:<queue>:limiter`, PEXPIREs it on the first count,
 * and refuses a job while the count is at `max`, answering with the key's PTTL, which the worker
 * sleeps out (`limitUntil`) without asking again. Windows are the key's lives, disjoint, each at
 * most `max` counts, the next starting no earlier than the previous ended; so an interval no
 * longer than `duration` meets at most two windows, and more than 2 × max starts within one is
 * certainly a burst the limiter let through (a sound invariant, not a tight one: two back-to-back
 * windows legitimately put 2 × max starts within a few ms of `duration`). Start times are taken at
 * the processor's entry, later than the count by a jitter: the window counted is `duration −
 * JITTER_MS`.
 *
 * What a failover can do: the promoted replica may lack the last counts (or the key), so the
 * window restarts; one such reset lets at most one more window's worth through, which stays within
 * 2 × max (the worker that hit the limit sleeps out the PTTL it read on the old master anyway).
 * The invariant catches what is worse: counts lost again and again while jobs are being taken, or
 * a limit that stopped applying.
 */
export const limiter: Workload = {
  name: NAME,
  summary: `a job every ${EVERY_MS} ms to a worker limited to ${MAX} per ${DURATION_MS} ms: every acknowledged job runs, and never more than ${2 * MAX} start within ${DURATION_MS - JITTER_MS} ms (bursts)`,
  start,
};

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const name = opened.name(NAME);
    /** Each start of a marker (epoch ms at the processor's entry). */
    const starts = new Map<number, number[]>();
    const worker = await opened.worker(
      name,
      (job) => {
        const marker = markerOf(job.data);
        if (marker !== undefined) starts.set(marker, [...(starts.get(marker) ?? []), Date.now()]);
        return Promise.resolve();
      },
      { limiter: { max: MAX, duration: DURATION_MS } },
    );
    const queue = await opened.queue(name);
    const ticker = opened.ticker(EVERY_MS, (i) => queue.add(NAME, { marker: i }).then((j) => String(j.id)));
    ticker.start();
    const unrun = () => [...ticker.acked.keys()].filter((m) => !starts.has(m));
    return {
      stopAdding: () => ticker.stop(),
      settle: (timeoutMs, signal) =>
        settleUntil(async () => unrun().length === 0 || (await nothingLeftToRun([queue])), timeoutMs, signal).then(() => undefined),
      check() {
        const times = [...starts.values()].flat().sort((a, b) => a - b);
        const bursts = burstsIn(times, DURATION_MS - JITTER_MS, 2 * MAX);
        const neverRan = unrun().map((m) => ticker.acked.get(m)?.value ?? String(m));
        const first = times[0];
        const last = times.at(-1);
        return Promise.resolve({
          workload: NAME,
          figures: {
            added: ticker.issued,
            acked: ticker.acked.size,
            ran: [...starts.keys()].filter((m) => ticker.acked.has(m)).length,
            never_ran: neverRan.length,
            max_starts_per_window: times.length ? mostWithin(times, DURATION_MS) : null,
            bursts: bursts.length,
            starts_per_s: first !== undefined && last !== undefined && last > first ? Math.round(((times.length - 1) * 10_000) / (last - first)) / 10 : null,
          },
          problems: [
            ...factOf(NAME, 'stuck', ticker.acked.size === 0, 'no job was acknowledged: nothing was measured'),
            ...problemOf(NAME, 'lost', neverRan, 'acknowledged jobs never ran'),
            // Neither lost nor duplicated work, nor late (early, if anything): a promise of the limiter's broken, `error`.
            ...factOf(
              NAME,
              'error',
              bursts.length > 0,
              `${bursts.length} bursts: over ${2 * MAX} jobs started within ${DURATION_MS - JITTER_MS} ms under a limit of ${MAX} per ${DURATION_MS} ms (most in ${DURATION_MS} ms: ${mostWithin(times, DURATION_MS)})`,
              bursts.length,
            ),
          ],
          notes: [],
        });
      },
      async close() {
        // The limiter key outlives the queue's deletion (obliterate does not know it): the worker stops counting first, then it goes.
        await ticker.stop(1000);
        await closeWorker(worker);
        await Promise.resolve()
          .then(() => queue.removeRateLimitKey())
          .catch(() => undefined);
        await opened.close();
      },
    };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/** The most of sorted `times` within any half-open interval [t, t + windowMs). */
export function mostWithin(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** The distinct start times t of sorted `times` at which [t, t + windowMs) holds more than `limit`. */
export function burstsIn(times: readonly number[], windowMs: number, limit: number): number[] {
  const out = new Set<number>();
  for (let i = 0, j = 0; i < times.length; i++) {
    const t = times[i] ?? 0;
    while (j < times.length && (times[j] ?? 0) - t < windowMs) j++;
    if (j - i > limit) out.add(t);
  }
  return [...out];
}

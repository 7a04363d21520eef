import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import type { RunningWorkload, Workload, WorkloadSetup } from './types.js';

const NAME = 'priority';
const EVERY_MS = 100;
/** Each tick adds one job of each priority in one addBulk, the lowest priority first (BullMQ: 1 is taken first). */
const PRIORITIES = [3, 2, 1] as const;
/** One job at a time, each this long: the tick's other jobs wait, so every tick tests the order. */
const WORK_MS = 25;
/**
 * Clock slack: a job counts as waiting at a take only when it was acknowledged this long before
 * the take's timestamp and taken this long after (BullMQ stamps processedOn with the worker's
 * Date.now() just before its command runs; the same milliseconds may hold either order).
 */
export const PRIORITY_SLACK_MS = 5;

/** Prioritized jobs, one worker: a job is never taken while a higher-priority one is waiting. */
export const priority: Workload = {
  name: NAME,
  summary: `every ${EVERY_MS} ms one job of each priority ${PRIORITIES.join(', ')} at once, one worker taking them one at a time: a higher-priority waiting job is always taken first (inversions)`,
  start,
};

/** One acknowledged job: its priority, when it was acknowledged, and when it was first taken (its processedOn). */
interface Seen {
  key: string;
  priority: number;
  ackedAt: number;
  takenAt?: number;
}

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const name = opened.name(NAME);
    /** Takes by `tick.priority`: the processedOn of each run. */
    const takes = new Map<string, number[]>();
    await opened.worker(
      name,
      async (job) => {
        const key = keyOf(job.data);
        if (key !== undefined) takes.set(key, [...(takes.get(key) ?? []), job.processedOn ?? Date.now()]);
        await new Promise((resolve) => setTimeout(resolve, WORK_MS));
      },
      { concurrency: 1 },
    );
    const queue = await opened.queue(name);
    const ticker = opened.ticker(EVERY_MS, (i) =>
      queue
        .addBulk(PRIORITIES.map((p) => ({ name: NAME, data: { tick: i, priority: p }, opts: { priority: p } })))
        .then((jobs) => jobs.map((j) => String(j.id))),
    );
    ticker.start();
    const seen = (): Seen[] =>
      [...ticker.acked].flatMap(([i, a]) =>
        PRIORITIES.map((p) => ({ key: `${i}.${p}`, priority: p, ackedAt: a.atEpochMs, takenAt: takes.get(`${i}.${p}`)?.[0] })),
      );
    const idOf = (key: string) => {
      const [tick, p] = key.split('.').map(Number);
      return ticker.acked.get(tick ?? -1)?.value[PRIORITIES.findIndex((q) => q === p)] ?? key;
    };
    return {
      stopAdding: () => ticker.stop(),
      settle: (timeoutMs, signal) =>
        settleUntil(async () => seen().every((s) => s.takenAt !== undefined) || (await nothingLeftToRun([queue])), timeoutMs, signal).then(() => undefined),
      check() {
        const jobs = seen();
        const taken = jobs.filter((s): s is Seen & { takenAt: number } => s.takenAt !== undefined);
        const neverRan = jobs.filter((s) => s.takenAt === undefined).map((s) => idOf(s.key));
        const ranTwice = jobs.filter((s) => (takes.get(s.key)?.length ?? 0) > 1).map((s) => s.key);
        const waiting = waitingAt(taken);
        const contended = taken.filter((a) => waiting(a.takenAt, Infinity));
        const inversions = taken.filter((a) => waiting(a.takenAt, a.priority));
        return Promise.resolve({
          workload: NAME,
          figures: {
            added: ticker.issued * PRIORITIES.length,
            acked: jobs.length,
            ran: taken.length,
            never_ran: neverRan.length,
            ran_twice: ranTwice.length,
            contended: contended.length,
            inversions: inversions.length,
          },
          problems: [
            ...factOf(NAME, 'stuck', jobs.length === 0, 'no job was acknowledged: nothing was measured'),
            ...problemOf(NAME, 'lost', neverRan, 'acknowledged prioritized jobs never ran'),
            ...problemOf(NAME, 'duplicated', ranTwice.map(idOf), 'prioritized jobs ran twice'),
            ...problemOf(
              NAME,
              'late',
              inversions.map((s) => idOf(s.key)),
              'jobs were taken while a higher-priority job waited (priority inversions)',
            ),
          ],
          notes: taken.length > 0 && contended.length === 0 ? [`${NAME}: no job was ever taken while another waited: the order was not exercised`] : [],
        });
      },
      close: () => opened.close(),
    };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/**
 * `waiting(t, p)`: was some job of a priority higher than `p` (a lower number) certainly waiting
 * at a take stamped `t`: acknowledged before t − slack (so it was in the queue) and first taken
 * after t + slack (so it was still there)? Per priority, jobs sorted by acknowledgement with a
 * running maximum of their take times: a binary search per question.
 */
function waitingAt(taken: readonly (Seen & { takenAt: number })[]): (t: number, p: number) => boolean {
  const levels = [...new Set(taken.map((s) => s.priority))].map((priority) => {
    const sorted = taken.filter((s) => s.priority === priority).sort((a, b) => a.ackedAt - b.ackedAt);
    let max = -Infinity;
    return { priority, acked: sorted.map((s) => s.ackedAt), latest: sorted.map((s) => (max = Math.max(max, s.takenAt))) };
  });
  return (t, p) =>
    levels.some((l) => {
      if (l.priority >= p) return false;
      const n = countBelow(l.acked, t - PRIORITY_SLACK_MS);
      return n > 0 && (l.latest[n - 1] ?? -Infinity) > t + PRIORITY_SLACK_MS;
    });
}

/** How many of the ascending `values` are below `x`. */
function countBelow(values: readonly number[], x: number): number {
  let [lo, hi] = [0, values.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const keyOf = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && 'tick' in data && 'priority' in data && typeof data.tick === 'number' && typeof data.priority === 'number'
    ? `${data.tick}.${data.priority}`
    : undefined;

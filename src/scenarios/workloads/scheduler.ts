import type { Job } from 'bullmq';
import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { firingOf, schedulerApi, type SchedulerApi } from './scheduler-api.js';
import { accountSlots, type Firing, type SlotAccount } from './scheduler-slots.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import type { Moments, RunningWorkload, Workload, WorkloadProblem, WorkloadSetup } from './types.js';

const NAME = 'scheduler';
const READ_MS = 5000;

/**
 * The two job schedulers: `every` is the main measure; the cron one (seconds field) runs beside it.
 * On a BullMQ without job schedulers (before 5.16, e.g. an --app-dir on the v4 line), repeatable
 * jobs with the same options (scheduler-api.ts).
 */
const SCHEDULERS = [
  { figure: 'every', id: 'every-250ms', intervalMs: 250, repeat: { every: 250 } },
  { figure: 'cron', id: 'cron-1s', intervalMs: 1000, repeat: { pattern: '* * * * * *' } },
] as const;
type Scheduler = (typeof SCHEDULERS)[number];
const IDS = SCHEDULERS.map((s) => s.id);

/**
 * Where no fault ran (smoke), a gap between firings over the interval plus this is `late`: a
 * firing more than a second behind its slot, as the delayed workload's `DELAYED_LATE_MS`.
 * Undisturbed on a standalone (2-core machine, with the delayed workload beside it, 3-10 s runs)
 * the longest gap was 327-381 ms for `every` 250 ms and 1029-1195 ms for the cron each second.
 */
export const SCHEDULER_LATE_MS = 1000;

/**
 * Two job schedulers (`upsertJobScheduler`, every 250 ms and cron every second) on a queue of
 * their own: slots fired, missed and fired twice; longest gap; first firing after the promotion;
 * whether each scheduler still exists on the final master.
 *
 * The window runs from a scheduler's first firing to `stopAdding` (the heal); the schedulers go
 * on, and `settle` waits for a slot after the window to fire, which tells a scheduler that still
 * runs from one that stopped. They are removed in `close`, after `check` has looked for them.
 */
export const scheduler: Workload = {
  name: NAME,
  summary:
    'job schedulers every 250 ms and cron every second: slots fired, missed and fired twice, longest gap, first firing after the promotion, still there after',
  start,
};

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const name = opened.name(NAME);
    const firings = new Map<string, Firing[]>(SCHEDULERS.map((s) => [s.id, []]));
    await opened.worker(
      name,
      (job) => {
        const firing = firingAt(job);
        if (firing) firings.get(firing.scheduler)?.push(firing);
        return Promise.resolve();
      },
      { concurrency: 10 },
    );
    const queue = await opened.queue(name);
    const api = schedulerApi(queue);
    for (const s of SCHEDULERS) await api.upsert(s);
    let endEpochMs: number | undefined;
    const firedAfter = (end: number) => SCHEDULERS.every((s) => firings.get(s.id)?.some((f) => f.slotEpochMs > end));
    return {
      stopAdding() {
        endEpochMs = Date.now();
        return Promise.resolve();
      },
      // A running scheduler fires a slot after the window within one interval (a second for the cron one); one that stopped never does.
      // A scheduler that still exists always has its next job waiting: an idle queue means it is gone, and will not fire again.
      settle: (timeoutMs, signal) =>
        settleUntil(async () => (endEpochMs !== undefined && firedAfter(endEpochMs)) || (await nothingLeftToRun([queue])), timeoutMs, signal).then(
          () => undefined,
        ),
      async check(moments) {
        const end = endEpochMs ?? Date.now();
        const there = await stillThere(schedulerApi(await opened.queue(name)));
        const accounts = SCHEDULERS.map((s) => ({ s, exists: there.get(s.id) ?? false, a: accountSlots(firings.get(s.id) ?? [], s.intervalMs, end, moments) }));
        return {
          workload: NAME,
          figures: Object.fromEntries(accounts.flatMap(({ s, exists, a }) => figuresOf(s, a, exists))),
          problems: accounts.flatMap(({ s, exists, a }) => problemsOf(s, a, exists, moments, firings.get(s.id)?.length ?? 0)),
          notes: api.kind === 'repeatable' ? ['scheduler: this BullMQ has no job schedulers (before 5.16): repeatable jobs with the same options ran'] : [],
        };
      },
      async close() {
        await removeSchedulers(api);
        await opened.close();
      },
    };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

function figuresOf(s: Scheduler, a: SlotAccount, exists: boolean): [string, number | null][] {
  const f = s.figure;
  return [
    [`${f}_expected`, a.expected],
    [`${f}_fired`, a.fired],
    [`${f}_missed`, a.missed.length],
    [`${f}_fired_twice`, a.twice.length],
    [`${f}_longest_gap_ms`, a.longestGapMs],
    [`${f}_ticks_after_fault`, a.ticksAfterFault],
    [`${f}_first_after_promotion_ms`, a.firstAfterPromotionMs],
    [`${f}_exists_after`, exists ? 1 : 0],
  ];
}

function problemsOf(s: Scheduler, a: SlotAccount, exists: boolean, moments: Moments, runs: number): WorkloadProblem[] {
  const idOf = (slot: number) => `repeat:${s.id}:${slot}`;
  const lateMs = s.intervalMs + SCHEDULER_LATE_MS;
  const undisturbed = moments.t0EpochMs === undefined;
  return [
    ...factOf(NAME, 'stuck', !exists, `scheduler ${s.id} is gone from the final master`),
    ...factOf(NAME, 'stuck', exists && runs === 0, `scheduler ${s.id} never fired: nothing was measured`),
    ...factOf(NAME, 'stuck', exists && runs > 0 && !a.alive, `scheduler ${s.id} stopped firing (no slot after adding stopped ran)`),
    // Skipped, not lost: BullMQ moves a scheduler to its next future slot after an outage by design; no acknowledged work is gone.
    ...problemOf(NAME, 'late', a.missed.map(idOf), `slots of scheduler ${s.id} never fired`),
    ...problemOf(NAME, 'duplicated', a.twice.map(idOf), `slots of scheduler ${s.id} fired twice`),
    ...factOf(NAME, 'late', undisturbed && (a.longestGapMs ?? 0) > lateMs, `scheduler ${s.id} went ${a.longestGapMs} ms without firing (over ${lateMs} ms)`),
  ];
}

/** The scheduler and slot of a job a scheduler made (scheduler-api.ts reads its id), run now. */
function firingAt(job: Job): (Firing & { scheduler: string }) | undefined {
  const firing = firingOf(job, IDS);
  return firing && { ...firing, atEpochMs: Date.now() };
}

/** Which schedulers a fresh queue on the producer's connection finds on the current master; a read that fails or hangs rejects (the check measured nothing). */
async function stillThere(api: SchedulerApi): Promise<Map<string, boolean>> {
  return bounded(api.existing(SCHEDULERS), `reading the job schedulers took over ${READ_MS} ms`);
}

async function removeSchedulers(api: SchedulerApi): Promise<void> {
  await bounded(Promise.all(SCHEDULERS.map((s) => api.remove(s))), 'removing the job schedulers').catch(() => undefined);
}

async function bounded<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), READ_MS)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

import type { Job, Queue } from 'bullmq';

/**
 * The one place the scheduler workload meets BullMQ versions: job schedulers
 * (`upsertJobScheduler`, BullMQ ≥ 5.16) where the queue has them, else the repeatable jobs that
 * came before them (`queue.add(name, data, { repeat })`, BullMQ ≤ 5; BullMQ 6 dropped them), so
 * that `--app-dir` with an older BullMQ runs the same workload (issue 27: #2151 on the v4 line).
 *
 * What differs, read from BullMQ 4.18's repeat.js and 6.7's job-scheduler.js:
 * - a firing's job id: `repeat:<scheduler id>:<slot ms>` for a job scheduler, but
 *   `repeat:<md5(name + jobId + md5(repeat key))>:<slot ms>` for a repeatable job, whose job name
 *   is the one given to `add`: the repeatable is added under the scheduler's id as its name;
 * - whether it still exists: a job scheduler by `getJobScheduler(id)`; a repeatable by its entry
 *   in the queue's `repeat` set, whose key `<name>:<jobId>:<endDate>:<tz>:<pattern or every>`
 *   `getRepeatableJobs()` returns parsed, `name` first;
 * - who adds the next firing: BullMQ 6 in the script that moves a firing to active; BullMQ 4 the
 *   worker, from the client, after it took the firing (a failed add there ends the chain).
 */

/** A scheduler as the workload states it: its id, and BullMQ's repeat options. */
export interface SchedulerSpec {
  id: string;
  /** The job name a job scheduler's firings carry. */
  figure: string;
  repeat: { every: number } | { pattern: string };
}

export interface SchedulerApi {
  /** `job-scheduler` or `repeatable`: what this BullMQ has. */
  kind: 'job-scheduler' | 'repeatable';
  upsert(s: SchedulerSpec): Promise<void>;
  /** Which of them exist on the master the queue's connection reaches now. */
  existing(all: readonly SchedulerSpec[]): Promise<Map<string, boolean>>;
  remove(s: SchedulerSpec): Promise<void>;
}

/** BullMQ ≤ 5's repeatable jobs, which BullMQ 6's types no longer name. */
interface RepeatableQueue {
  add(name: string, data: object, opts: { repeat: SchedulerSpec['repeat'] }): Promise<unknown>;
  getRepeatableJobs(): Promise<{ name: string }[]>;
  removeRepeatable(name: string, repeat: SchedulerSpec['repeat']): Promise<boolean>;
}

const hasFunctions = (o: object, names: string[]) => names.every((n) => typeof Reflect.get(o, n) === 'function');
const isRepeatableQueue = (q: object): q is RepeatableQueue => hasFunctions(q, ['add', 'getRepeatableJobs', 'removeRepeatable']);

export function schedulerApi(queue: Queue): SchedulerApi {
  if (hasFunctions(queue, ['upsertJobScheduler', 'getJobScheduler', 'removeJobScheduler']))
    return {
      kind: 'job-scheduler',
      upsert: async (s) => void (await queue.upsertJobScheduler(s.id, s.repeat, { name: s.figure })),
      existing: async (all) => new Map(await Promise.all(all.map(async (s) => [s.id, (await queue.getJobScheduler(s.id)) !== undefined] as const))),
      remove: async (s) => void (await queue.removeJobScheduler(s.id)),
    };
  const legacy: object = queue;
  if (isRepeatableQueue(legacy))
    return {
      kind: 'repeatable',
      upsert: async (s) => void (await legacy.add(s.id, {}, { repeat: s.repeat })),
      existing: async (all) => {
        const names = new Set((await legacy.getRepeatableJobs()).map((r) => r.name));
        return new Map(all.map((s) => [s.id, names.has(s.id)]));
      },
      remove: async (s) => void (await legacy.removeRepeatable(s.id, s.repeat)),
    };
  throw new Error('scheduler: this BullMQ has neither job schedulers (upsertJobScheduler) nor repeatable jobs (getRepeatableJobs)');
}

/**
 * The scheduler and slot of a firing: the scheduler named in its id (a job scheduler), else by
 * its job name (a repeatable job, whose id carries a hash); undefined for any other job.
 */
export function firingOf(job: Pick<Job, 'id' | 'name'>, ids: readonly string[]): { scheduler: string; slotEpochMs: number } | undefined {
  const match = /^repeat:(.+):(\d+)$/.exec(job.id ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  const scheduler = ids.includes(match[1]) ? match[1] : ids.includes(job.name) ? job.name : undefined;
  return scheduler === undefined ? undefined : { scheduler, slotEpochMs: Number(match[2]) };
}

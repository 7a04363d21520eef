import type { Worker } from 'bullmq';
import { closeConnection, type Connection } from '../../connect/connect.js';
import type { Target } from '../../redis/target.js';
import type { ClientProfile } from './profiles/types.js';
import type { WorkerResume } from './types.js';

export interface TrialWorker {
  /** The profile whose settings and BullMQ the worker runs (`redis-arc`, `defaults`, a module path). */
  profile: string;
  worker: Worker;
  /** The connection the profile returned; undefined when it returned options (BullMQ opened its own). */
  conn?: Connection;
  /** Its completions, in order: when the processor ran (monotonic) and when the job was taken (epoch ms, BullMQ's processedOn). */
  completed: { at: number; takenEpochMs: number }[];
}

export interface TrialWorkers {
  all: TrialWorker[];
  /** True once every worker has run a job it took at or after `epochMs`. */
  allResumedSince(epochMs: number): boolean;
  /**
   * Each worker's first job taken at or after `since` (a job fetched before the fault and run
   * just after it says nothing about the connections), timed from `since` to when it ran.
   */
  resumes(since: number, sinceEpochMs: number): WorkerResume[];
  close(force?: boolean): Promise<void>;
}

/** A job's marker: the id the load chose, carried in its data (BullMQ may have numbered the job itself). */
export const markerOf = (job: { id?: string | undefined; data?: unknown }): string => {
  const marker = (job.data as { libraryItemId?: unknown } | undefined)?.libraryItemId;
  return typeof marker === 'string' ? marker : String(job.id);
};

const CLOSE_TIMEOUT_MS = 5000;

/** Did `p` settle within `ms`? (Its failure counts as settled: the close is over either way.) */
export async function within(ms: number, p: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([p.then(() => true, () => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

const isConnection = (c: unknown): c is Connection => typeof (c as { status?: unknown }).status === 'string' && typeof (c as { quit?: unknown }).quit === 'function';

export async function startWorkers(
  target: Target,
  queueName: string,
  prefix: string,
  profiles: ClientProfile[],
  onComplete: (marker: string, at: number) => void,
): Promise<TrialWorkers> {
  const all: TrialWorker[] = [];
  const close = async (force?: boolean) => {
    // A worker whose connection is stuck (a profile that never reached the new master) would
    // never finish a graceful close: give it a few seconds, then force it.
    for (const w of all) {
      const graceful = await within(CLOSE_TIMEOUT_MS, w.worker.close(force));
      if (!graceful) await within(CLOSE_TIMEOUT_MS, w.worker.close(true));
    }
    await Promise.all(all.map((w) => w.conn && closeConnection(w.conn)));
  };
  try {
    for (const profile of profiles) {
      const connection = await profile.connection('worker', target);
      const completed: TrialWorker['completed'] = [];
      const worker = new profile.libs.bullmq.Worker(
        queueName,
        async (job) => {
          const at = performance.now();
          completed.push({ at, takenEpochMs: job.processedOn ?? 0 });
          onComplete(markerOf(job), at);
        },
        { connection: connection as Connection, prefix, concurrency: 8 },
      ) as Worker;
      worker.on('error', () => {});
      all.push({ profile: profile.name, worker, ...(isConnection(connection) && { conn: connection }), completed });
    }
  } catch (err) {
    await close(true);
    throw err;
  }
  return {
    all,
    allResumedSince: (epochMs) => all.every((w) => w.completed.some((c) => c.takenEpochMs >= epochMs)),
    resumes: (since, sinceEpochMs) =>
      all.map((w) => {
        const next = w.completed.find((c) => c.takenEpochMs >= sinceEpochMs);
        return { worker: w.profile, resumed: next !== undefined, resume_ms: next === undefined ? null : Math.round(next.at - since) };
      }),
    close,
  };
}

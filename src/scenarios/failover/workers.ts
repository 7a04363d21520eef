import type { Worker } from 'bullmq';
import { closeWorker, openWorker, type Lease } from '../../connect/bullmq.js';
import type { Connection } from '../../connect/connect.js';
import type { Target } from '../../redis/target.js';
import type { ClientProfile } from '../../profiles/types.js';
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
  const data: unknown = job.data;
  const marker = typeof data === 'object' && data !== null && 'libraryItemId' in data ? data.libraryItemId : undefined;
  return typeof marker === 'string' ? marker : String(job.id);
};

export async function startWorkers(
  target: Target,
  queueName: string,
  prefix: string,
  profiles: ClientProfile[],
  onComplete: (marker: string, at: number) => void,
): Promise<TrialWorkers> {
  const all: TrialWorker[] = [];
  const leases: Lease[] = [];
  const close = async (force?: boolean) => {
    // A worker whose connection is stuck (a profile that never reached the new master) would
    // never finish a graceful close: closeWorker gives it a few seconds, then forces it.
    for (const w of all) await closeWorker(w.worker, force);
    await Promise.all(leases.map((l) => l.close()));
  };
  try {
    for (const profile of profiles) {
      const lease = await profile.lease('worker', target);
      leases.push(lease);
      const completed: TrialWorker['completed'] = [];
      const worker = openWorker(
        { name: queueName, prefix, connection: lease.connection, bullmq: profile.libs.bullmq },
        (job) => {
          const at = performance.now();
          completed.push({ at, takenEpochMs: job.processedOn ?? 0 });
          onComplete(markerOf(job), at);
          return Promise.resolve();
        },
        { concurrency: 8 },
      );
      all.push({ profile: profile.name, worker, ...(lease.owned && { conn: lease.owned }), completed });
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

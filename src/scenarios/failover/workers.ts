import { Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { closeConnection, connect, type Connection } from '../../connect/connect.js';
import { appAuth, appSentinelAuth } from '../../connect/options.js';
import { authOptions, createCluster, createRedis } from '../../probe/redis-client.js';
import type { ProbeTarget } from '../../probe/target.js';
import type { WorkerResume } from './types.js';

/**
 * Whose connection settings a worker uses: `redis-arc` (connect/roles.ts: fast reconnects,
 * READONLY handling) or `defaults` (ioredis' defaults plus the `maxRetriesPerRequest: null`
 * BullMQ requires: a worker as most applications configure it).
 */
export type WorkerProfile = 'redis-arc' | 'defaults';

export interface TrialWorker {
  profile: WorkerProfile;
  worker: Worker;
  conn: Connection;
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

export function startWorkers(
  target: ProbeTarget,
  queueName: string,
  prefix: string,
  profiles: WorkerProfile[],
  onComplete: (jobId: string, at: number) => void,
): TrialWorkers {
  const all = profiles.map((profile): TrialWorker => {
    const conn = profile === 'redis-arc' ? connect(target, 'worker') : defaultsConnection(target);
    const completed: TrialWorker['completed'] = [];
    const worker = new Worker(
      queueName,
      async (job) => {
        const at = performance.now();
        completed.push({ at, takenEpochMs: job.processedOn ?? 0 });
        onComplete(String(job.id), at);
      },
      { connection: conn, prefix, concurrency: 8 },
    );
    worker.on('error', () => {});
    return { profile, worker, conn, completed };
  });
  return {
    all,
    allResumedSince: (epochMs) => all.every((w) => w.completed.some((c) => c.takenEpochMs >= epochMs)),
    resumes: (since, sinceEpochMs) =>
      all.map((w) => {
        const next = w.completed.find((c) => c.takenEpochMs >= sinceEpochMs);
        return { worker: w.profile, resumed: next !== undefined, resume_ms: next === undefined ? null : Math.round(next.at - since) };
      }),
    close: async (force) => {
      for (const w of all) await w.worker.close(force).catch(() => undefined);
      await Promise.all(all.map((w) => closeConnection(w.conn)));
    },
  };
}

function defaultsConnection(target: ProbeTarget): Connection {
  const base: RedisOptions = { ...authOptions(appAuth(target)), maxRetriesPerRequest: null };
  if (target.kind === 'cluster') {
    return createCluster(target.seeds, { redisOptions: base, ...(target.natMap && { natMap: target.natMap }) });
  }
  if (target.kind === 'standalone') return createRedis({ ...base, host: target.node.host, port: target.node.port });
  const s = appSentinelAuth(target);
  return createRedis({
    ...base,
    sentinels: target.sentinels.map((e) => ({ host: e.host, port: e.port })),
    name: target.masterName,
    sentinelPassword: s.password,
    ...(s.username && { sentinelUsername: s.username }),
    ...(target.tls && { enableTLSForSentinelMode: true, sentinelTLS: target.tls }),
    ...(target.natMap && { natMap: target.natMap }),
  });
}

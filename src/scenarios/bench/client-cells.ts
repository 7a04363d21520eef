import { Queue, type Worker } from 'bullmq';
import { closeConnection, type Connection } from '../../connect/connect.js';
import type { ClientProfile } from '../failover/profiles/types.js';
import { benchQueueName, payloadOf, removeQueue, type BenchContext } from './context.js';
import type { RunMeasurement } from './types.js';

const measured = (jobs: number, elapsedMs: number): RunMeasurement => ({ jobs, elapsedMs: Math.round(elapsedMs), jobsPerSec: Math.round((jobs / elapsedMs) * 1000) });
const owned = (c: unknown): Connection | undefined => (typeof (c as { quit?: unknown }).quit === 'function' ? (c as Connection) : undefined);

/**
 * `bench --client`: `add` / `add-concurrent` as an application adds, a bare `queue.add` on the
 * profile's BullMQ and producer connection, job ids as the profile picks them.
 */
export async function runClientAdds(ctx: BenchContext, profile: ClientProfile, jobs: number, inflight: number): Promise<RunMeasurement> {
  const queueName = benchQueueName('add');
  const connection = await profile.connection('producer', ctx.target);
  const queue = new profile.libs.bullmq.Queue(queueName, { connection: connection as Connection, prefix: ctx.prefix }) as unknown as Queue;
  queue.on('error', () => {});
  const payloads = Array.from({ length: jobs }, (_, i) => payloadOf(i, ctx.settings.payloadBytes));
  try {
    await queue.waitUntilReady();
    let next = 0;
    const t0 = performance.now();
    const lane = async () => {
      while (next < jobs) {
        const i = next++;
        await queue.add('fetch-content', payloads[i]!, { attempts: 3, ...(profile.jobIds === 'tool' && { jobId: `${queueName}-${i}` }) });
      }
    };
    await Promise.all(Array.from({ length: inflight }, lane));
    return measured(jobs, performance.now() - t0);
  } finally {
    await queue.close().catch(() => undefined);
    const c = owned(connection);
    if (c) await closeConnection(c);
    await removeQueue(ctx, queueName);
  }
}

/** `process` with the profile's BullMQ Worker and worker connection (the fill, through redis-arc's connection, is not timed). */
export async function runClientProcess(ctx: BenchContext, profile: ClientProfile, jobs: number, concurrency: number): Promise<RunMeasurement> {
  const queueName = benchQueueName('process');
  const fill = new Queue(queueName, { connection: ctx.producerConn, prefix: ctx.prefix });
  fill.on('error', () => {});
  let worker: Worker | undefined;
  let connection: unknown;
  try {
    for (let i = 0; i < jobs; i += 1000) {
      const n = Math.min(1000, jobs - i);
      await fill.addBulk(Array.from({ length: n }, (_, k) => ({ name: 'fetch-content', data: payloadOf(i + k, ctx.settings.payloadBytes) })));
    }
    connection = await profile.connection('worker', ctx.target);
    let done = 0;
    const t0 = performance.now();
    const finished = new Promise<number>((resolve) => {
      worker = new profile.libs.bullmq.Worker(queueName, async () => {}, { connection: connection as Connection, prefix: ctx.prefix, concurrency }) as Worker;
      worker.on('error', () => {});
      worker.on('completed', () => {
        if (++done === jobs) resolve(performance.now());
      });
    });
    return measured(jobs, (await finished) - t0);
  } finally {
    await worker?.close().catch(() => undefined);
    const c = owned(connection);
    if (c) await closeConnection(c);
    await fill.close().catch(() => undefined);
    await removeQueue(ctx, queueName);
  }
}

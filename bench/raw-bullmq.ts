/**
 * A plain BullMQ loop written without redis-arc: the yardstick for the tool's own harness.
 * It makes the same adds as the `direct` mode (named job, the route's options, a unique job id,
 * a payload of the same ~100 B JSON), through a Queue on its own ioredis connection. As in the
 * tool's runs, payloads are made and the connections are ready before the clock starts.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

export interface RawTarget {
  host: string;
  port: number;
  password?: string;
}

const connection = (t: RawTarget, worker = false) =>
  new Redis({ host: t.host, port: t.port, password: t.password, ...(worker ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1 }) });

const PAYLOAD_BYTES = 100;

/** The tool's payload shape, padded in its url to about PAYLOAD_BYTES of JSON. */
function data(i: number) {
  const base = { libraryItemId: `item-${i}`, userId: `user-${i % 97}`, url: 'https://example.com/', contentType: 'HTML' };
  return { ...base, url: `${base.url}${'x'.repeat(Math.max(0, PAYLOAD_BYTES - JSON.stringify(base).length))}` };
}

/** jobs/s of `jobs` done between `t0` and `end`. */
const perSec = (jobs: number, t0: number, end = performance.now()) => Math.round((jobs / (end - t0)) * 1000);

/** A Queue of its own on a connection of its own for one run, emptied and closed afterwards. */
async function withQueue(t: RawTarget, run: string, use: (queue: Queue, name: string) => Promise<number>): Promise<number> {
  const conn = connection(t);
  const name = `raw-bullmq-${run}-${Date.now()}`;
  const queue = new Queue(name, { connection: conn });
  try {
    return await use(queue, name);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    conn.disconnect();
  }
}

/** `jobs` fetch-content jobs through addBulk, `batch` at a time; `jobId` names job i when given. */
async function addInBatches(queue: Queue, jobs: number, batch: number, jobId?: (i: number) => string): Promise<void> {
  for (let i = 0; i < jobs; i += batch) {
    await queue.addBulk(
      Array.from({ length: Math.min(batch, jobs - i) }, (_, k) => ({
        name: 'fetch-content',
        data: data(i + k),
        ...(jobId && { opts: { attempts: 3, jobId: jobId(i + k) } }),
      })),
    );
  }
}

/** jobs/s of `jobs` adds with `inflight` awaited at a time. */
export async function rawAdds(t: RawTarget, jobs: number, inflight: number): Promise<number> {
  return withQueue(t, 'add', async (queue, name) => {
    const payloads = Array.from({ length: jobs }, (_, i) => data(i));
    await queue.waitUntilReady();
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: inflight }, async () => {
        while (next < jobs) {
          const i = next++;
          await queue.add('fetch-content', payloads[i]!, { attempts: 3, jobId: `${name}-${i}` });
        }
      }),
    );
    return perSec(jobs, t0);
  });
}

/** jobs/s of addBulk in batches. */
export async function rawAddBulk(t: RawTarget, jobs: number, batch: number): Promise<number> {
  return withQueue(t, 'bulk', async (queue, name) => {
    await queue.waitUntilReady();
    const t0 = performance.now();
    await addInBatches(queue, jobs, batch, (i) => `${name}-${i}`);
    return perSec(jobs, t0);
  });
}

/** jobs/s of one worker at `concurrency` draining a pre-filled queue. */
export async function rawProcess(t: RawTarget, jobs: number, concurrency: number): Promise<number> {
  return withQueue(t, 'process', async (queue, name) => {
    const wconn = connection(t, true);
    let worker: Worker | undefined;
    try {
      await addInBatches(queue, jobs, 1000);
      await wconn.ping();
      let done = 0;
      const t0 = performance.now();
      const end = await new Promise<number>((resolve) => {
        worker = new Worker(name, async () => {}, { connection: wconn, concurrency });
        worker.on('completed', () => ++done === jobs && resolve(performance.now()));
      });
      return perSec(jobs, t0, end);
    } finally {
      await worker?.close();
      wconn.disconnect();
    }
  });
}

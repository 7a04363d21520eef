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

/** jobs/s of `jobs` adds with `inflight` awaited at a time. */
export async function rawAdds(t: RawTarget, jobs: number, inflight: number): Promise<number> {
  const conn = connection(t);
  const name = `raw-bullmq-add-${Date.now()}`;
  const queue = new Queue(name, { connection: conn });
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
  const rate = (jobs / (performance.now() - t0)) * 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  conn.disconnect();
  return Math.round(rate);
}

/** jobs/s of addBulk in batches. */
export async function rawAddBulk(t: RawTarget, jobs: number, batch: number): Promise<number> {
  const conn = connection(t);
  const name = `raw-bullmq-bulk-${Date.now()}`;
  const queue = new Queue(name, { connection: conn });
  await queue.waitUntilReady();
  const t0 = performance.now();
  for (let i = 0; i < jobs; i += batch) {
    await queue.addBulk(Array.from({ length: Math.min(batch, jobs - i) }, (_, k) => ({ name: 'fetch-content', data: data(i + k), opts: { attempts: 3, jobId: `${name}-${i + k}` } })));
  }
  const rate = (jobs / (performance.now() - t0)) * 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  conn.disconnect();
  return Math.round(rate);
}

/** jobs/s of one worker at `concurrency` draining a pre-filled queue. */
export async function rawProcess(t: RawTarget, jobs: number, concurrency: number): Promise<number> {
  const conn = connection(t);
  const wconn = connection(t, true);
  const name = `raw-bullmq-process-${Date.now()}`;
  const queue = new Queue(name, { connection: conn });
  for (let i = 0; i < jobs; i += 1000) await queue.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: 'fetch-content', data: data(i + k) })));
  await wconn.ping();
  let done = 0;
  const t0 = performance.now();
  let worker: Worker | undefined;
  const end = await new Promise<number>((resolve) => {
    worker = new Worker(name, async () => {}, { connection: wconn, concurrency });
    worker.on('completed', () => ++done === jobs && resolve(performance.now()));
  });
  await worker!.close();
  await queue.obliterate({ force: true });
  await queue.close();
  conn.disconnect();
  wconn.disconnect();
  return Math.round((jobs / (end - t0)) * 1000);
}

import * as ownBullmq from 'bullmq';
import type * as BullMQModule from 'bullmq';
import type { ConnectionOptions, FlowProducer, Processor, Queue, QueueEvents, Worker, WorkerOptions } from 'bullmq';
import type { ClientConnection } from '../client/index.js';
import { closeConnection, type Connection } from './connect.js';

/**
 * The one way redis-arc opens BullMQ objects: a queue, a worker, queue events, a flow producer,
 * on redis-arc's BullMQ or an application's (`--app-dir`, resolved by src/profiles/libs.ts),
 * with the error sink attached once; removing a queue; closing within a bound; and what differs
 * between BullMQ versions (where an object keeps its connection).
 */

/** A BullMQ module: redis-arc's own or the application's, which has the same API. */
export type BullMQ = typeof BullMQModule;

/** Where a queue lives: its name, key prefix, the connection BullMQ is given, and whose BullMQ opens it (redis-arc's when absent). */
export interface QueueAt {
  name: string;
  prefix: string;
  connection: ConnectionOptions;
  bullmq?: BullMQ;
}

/**
 * BullMQ objects emit 'error' on every connection error, and an unheard 'error' crashes the
 * process. Scenarios learn of a failure from the call that failed (an add, a read), so the
 * events themselves are dropped here, once.
 */
const ignoreErrors = <T extends { on(event: 'error', listener: (err: Error) => void): unknown }>(o: T): T => {
  o.on('error', () => {});
  return o;
};

export function openQueue(at: QueueAt): Queue {
  return ignoreErrors(new (at.bullmq ?? ownBullmq).Queue(at.name, { connection: at.connection, prefix: at.prefix }));
}

export function openWorker(at: QueueAt, processor: Processor, opts: Omit<WorkerOptions, 'connection' | 'prefix'> = {}): Worker {
  return ignoreErrors(new (at.bullmq ?? ownBullmq).Worker(at.name, processor, { ...opts, connection: at.connection, prefix: at.prefix }));
}

export function openQueueEvents(at: QueueAt): QueueEvents {
  return ignoreErrors(new (at.bullmq ?? ownBullmq).QueueEvents(at.name, { connection: at.connection, prefix: at.prefix }));
}

export function openFlowProducer(at: Omit<QueueAt, 'name'>): FlowProducer {
  return ignoreErrors(new (at.bullmq ?? ownBullmq).FlowProducer({ connection: at.connection, prefix: at.prefix }));
}

/** Delete a queue and every job in it (BullMQ's obliterate, forced past active jobs); a failure rejects, after the queue is closed. */
export async function removeQueue(at: QueueAt): Promise<void> {
  // A Queue writes its `meta` key once its connection is ready; the one made to remove a queue
  // must not: that write could land after the obliterate and leave the key behind.
  const queue = ignoreErrors(new (at.bullmq ?? ownBullmq).Queue(at.name, { connection: at.connection, prefix: at.prefix, skipMetasUpdate: true }));
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}

/** Did `p` settle within `ms`? (Its failure counts as settled: the close is over either way.) */
export async function within(ms: number, p: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export const CLOSE_TIMEOUT_MS = 5000;

/** Close a queue whose connection may be stuck (it would never finish): bounded, then cut. */
export async function closeQueue(queue: Queue): Promise<void> {
  if (!(await within(CLOSE_TIMEOUT_MS, queue.close()))) await within(1000, queue.disconnect());
}

/** Close a worker (`force`: without waiting for its active jobs); one stuck in a graceful close is forced after a bound. */
export async function closeWorker(worker: Worker, force?: boolean, boundMs = CLOSE_TIMEOUT_MS): Promise<void> {
  if (!(await within(boundMs, worker.close(force)))) await within(boundMs, worker.close(true));
}

/** Is `c` a connection instance (redis-arc's ioredis or the application's), rather than options BullMQ opens its own connections with? */
export function isConnection(c: unknown): c is Connection {
  return typeof c === 'object' && c !== null && 'status' in c && typeof c.status === 'string' && 'quit' in c && typeof c.quit === 'function';
}

/**
 * What a profile gave BullMQ for a role, and who closes it: an instance is the caller's to
 * close (`owned`); options are BullMQ's, whose objects close the connections they opened.
 */
export interface Lease {
  connection: ConnectionOptions;
  owned?: Connection;
  close(): Promise<void>;
}

export function leaseOf(c: ClientConnection): Lease {
  // BullMQ hands options to ioredis as they are; its own type for them only lacks ioredis 6's `retryStrategy: null`.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- the one difference above, nothing narrower
  if (!isConnection(c)) return { connection: c as ConnectionOptions, close: () => Promise.resolve() };
  return { connection: c, owned: c, close: () => closeConnection(c) };
}

/** A connection lent by its holder, who closes it. */
export function borrowed(c: Connection): Lease {
  return { connection: c, close: () => Promise.resolve() };
}

/** The private places BullMQ keeps a queue's or worker's connections: on the object up to v5, on its `backend` in v6. */
interface ConnectionHolder {
  client?: Promise<unknown>;
  connection?: { _client?: { status?: unknown } };
  blockingConnection?: { _client?: { status?: unknown } };
}
const holderOf = (o: object): ConnectionHolder => {
  const backend: unknown = 'backend' in o ? o.backend : undefined;
  return typeof backend === 'object' && backend !== null ? backend : o;
};

/**
 * The ioredis client a queue sends its commands on (BullMQ 6 wraps it in a Proxy that forwards
 * every ioredis property, so it reads as the instance).
 */
export function queueClient(queue: Queue): Promise<Connection> {
  const client = holderOf(queue).client;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- BullMQ types it as its IRedisClient interface; it is the ioredis instance (proxied)
  return client ? (client as Promise<Connection>) : Promise.reject(new Error('no client on this BullMQ queue'));
}

/** The ioredis status of a worker's main or blocking connection, where this BullMQ version keeps it. */
export function workerConnectionStatus(worker: Worker, which: 'connection' | 'blockingConnection'): string | undefined {
  const status = holderOf(worker)[which]?._client?.status;
  return typeof status === 'string' ? status : undefined;
}

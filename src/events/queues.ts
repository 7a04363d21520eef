import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { openQueue } from '../connect/bullmq.js';
import { assertQueuePrefix, DEFAULT_CLUSTER_PREFIX, DEFAULT_PREFIX } from '../connect/queue-prefix.js';
import type { EventRoute, EventType } from './catalog.js';
import type { EmitObserver, ProducerOptions } from './producer.js';

/** Opens BullMQ queues for producers, with the prefix rule for clusters checked first. */
export class QueueSet {
  private readonly queues = new Map<string, Queue>();
  readonly prefix: string;

  constructor(private readonly opts: ProducerOptions) {
    this.prefix = opts.prefix ?? (opts.topologyKind === 'cluster' ? DEFAULT_CLUSTER_PREFIX : DEFAULT_PREFIX);
  }

  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      assertQueuePrefix(this.opts.topologyKind ?? 'standalone', name, this.prefix);
      // A queue's connection errors are the producer's to report (through failed adds), not a crash: openQueue drops the events.
      queue = openQueue({ name, prefix: this.prefix, connection: this.opts.connection });
      this.queues.set(name, queue);
    }
    return queue;
  }

  get size(): number {
    return this.queues.size;
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

export const newEventId = (): string => randomUUID();

/** Await an add and tell the observer how it went; a failure still rejects, for the caller. */
export async function observe(observer: EmitObserver | undefined, id: string, type: EventType, add: Promise<unknown>): Promise<void> {
  try {
    await add;
  } catch (err) {
    observer?.failed?.(id, type, err instanceof Error ? err : new Error(String(err)));
    throw err;
  }
  observer?.acked?.(id, type);
}

/** One `queue.add` for a route. */
export function addJob(queues: QueueSet, route: EventRoute, data: object, id: string): Promise<unknown> {
  return queues.get(route.queueName).add(route.jobName, data, { ...route.jobOptions, jobId: id });
}

import type { Queue } from 'bullmq';
import { closeQueue, leaseOf, openQueue, queueClient, type Lease } from '../connect/bullmq.js';
import type { EventPayload, EventType } from '../events/catalog.js';
import type { EmitOptions, EventProducer } from '../events/producer.js';
import { LOAD_JOB } from './load-route.js';
import type { ClientProfile, JobIds, LoadProducer, ProducerSetup } from './types.js';

/**
 * A producer the way an application writes one: a bare `queue.add` on the profile's BullMQ and
 * connection. Job ids are the load's (`unique`) or BullMQ's counter (`bullmq`); `acked` learns
 * which id each add got, since the load knows its adds by their marker (the id it chose).
 */
export class QueueAddProducer implements EventProducer {
  readonly mode = 'direct' as const;

  constructor(
    private readonly queue: Queue,
    private readonly jobIds: JobIds,
    private readonly lease: Lease,
    private readonly observer?: ProducerSetup['observer'],
  ) {}

  async emit<K extends EventType>(_type: K, payload: EventPayload<K>, opts: EmitOptions = {}): Promise<void> {
    const marker = opts.id ?? '';
    let jobId: string;
    try {
      const job = await this.queue.add(LOAD_JOB.jobName, payload, { ...LOAD_JOB.jobOptions, ...(this.jobIds === 'unique' && { jobId: marker }) });
      jobId = String(job.id);
    } catch (err) {
      this.observer?.failed(marker, err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    this.observer?.acked(marker, jobId);
  }

  async idle(): Promise<void> {}

  async close(): Promise<void> {
    await closeQueue(this.queue);
    // The connection the profile returned (none when it returned options: the queue closed its own).
    await this.lease.close();
  }
}

/** What a profile is before it says how it connects: its name, job ids and libraries. */
export type ProfileBase = Pick<ClientProfile, 'name' | 'jobIds' | 'libs' | 'connection'>;

/** An application's profile: its connections as it returns them, and a bare `queue.add` producer. */
export function queueAddProfile(base: ProfileBase): ClientProfile {
  const lease = async (role: Parameters<ClientProfile['connection']>[0], target: Parameters<ClientProfile['connection']>[1]) =>
    leaseOf(await base.connection(role, target));
  return {
    ...base,
    modes: ['direct'],
    lease,
    async producer(setup: ProducerSetup): Promise<LoadProducer> {
      const connection = await lease('producer', setup.target);
      const queue = openQueue({ name: setup.queueName, prefix: setup.prefix, connection: connection.connection, bullmq: base.libs.bullmq });
      return {
        producer: new QueueAddProducer(queue, base.jobIds, connection, setup.observer),
        client: () => queueClient(queue),
        ready: () => queue.waitUntilReady(),
      };
    },
  };
}

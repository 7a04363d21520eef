import type { Queue } from 'bullmq';
import type { EventPayload, EventType } from '../../events/catalog.js';
import type { EmitOptions, EventProducer } from '../../events/producer.js';
import type { ClientProfile } from './profiles/types.js';
import { within } from './workers.js';

/**
 * A producer the way an application writes one: a bare `queue.add` on the profile's BullMQ and
 * connection. Job ids are the load's (`tool`) or BullMQ's counter (`bullmq`); `acked` learns
 * which id each add got, since the load knows its adds by their marker (the id it chose).
 */
export class ProfileProducer implements EventProducer {
  readonly mode = 'direct' as const;

  constructor(
    private readonly queue: Queue,
    private readonly jobIds: ClientProfile['jobIds'],
    private readonly observer: { acked(marker: string, jobId: string): void; failed(marker: string, error: Error): void },
    /** Closes the connection the profile returned (none when it returned options: the queue closes its own). */
    private readonly closeConnection?: () => Promise<void>,
  ) {}

  async emit<K extends EventType>(_type: K, payload: EventPayload<K>, opts: EmitOptions = {}): Promise<void> {
    const marker = opts.id ?? '';
    let jobId: string;
    try {
      const job = await this.queue.add('fetch-content', payload, { attempts: 3, ...(this.jobIds === 'tool' && { jobId: marker }) });
      jobId = String(job.id);
    } catch (err) {
      this.observer.failed(marker, err as Error);
      throw err;
    }
    this.observer.acked(marker, jobId);
  }

  async idle(): Promise<void> {}

  async close(): Promise<void> {
    // A queue whose connection is stuck would never finish closing: bounded, then cut.
    if (!(await within(5000, this.queue.close()))) await within(1000, this.queue.disconnect());
    await this.closeConnection?.();
  }
}

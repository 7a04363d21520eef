import type { Queue } from 'bullmq';
import { closeConnection, type Connection } from '../../../connect/connect.js';
import { createProducer } from '../../../events/index.js';
import type { EventProducer } from '../../../events/producer.js';
import type { Target } from '../../../redis/target.js';
import { ProfileProducer } from '../profile-producer.js';
import type { ClientProfile } from '../profiles/types.js';
import type { TrialOptions } from './options.js';

export interface AddObserver {
  /** `via`: the connection the add went through, when known (which node acknowledged it). */
  acked(marker: string, jobId: string, via: Connection | undefined): void;
  failed(marker: string, error: Error): void;
}

/**
 * The trial's producer: redis-arc's event layer on the trial's producer connection, or the
 * profile's own bare `queue.add` on its BullMQ and connection.
 */
export async function trialProducer(
  profile: ClientProfile,
  o: Pick<TrialOptions, 'mode' | 'prefix' | 'target'>,
  queueName: string,
  producerConn: Connection,
  observer: AddObserver,
): Promise<EventProducer> {
  // Which node acknowledged an add: the connection the profile's adds go through (redis-arc's: producerConn).
  let ackVia: Connection | undefined = producerConn;
  const acked = (marker: string, jobId: string) => observer.acked(marker, jobId, ackVia);
  if (profile.native) {
    return createProducer(o.mode, {
      connection: producerConn,
      prefix: o.prefix,
      topologyKind: o.target.kind,
      routes: { 'content.save.requested': [{ queueName, jobName: 'fetch-content', jobOptions: { attempts: 3 } }], 'content.processing.completed': [] },
      observer: { acked: (id) => acked(id, id), failed: (id, _type, err) => observer.failed(id, err) },
    });
  }
  ackVia = undefined;
  const own = await profileProducer(profile, o.target, queueName, o.prefix, { acked, failed: (id, err) => observer.failed(id, err) });
  void own.client.then((c) => (ackVia = c)).catch(() => undefined);
  return own.producer;
}

/** A bare `queue.add` producer on the profile's BullMQ and producer connection (closed with it). */
async function profileProducer(
  profile: ClientProfile,
  target: Target,
  queueName: string,
  prefix: string,
  observer: ConstructorParameters<typeof ProfileProducer>[2],
): Promise<{ producer: EventProducer; client: Promise<Connection> }> {
  const connection = await profile.connection('producer', target);
  const queue = new profile.libs.bullmq.Queue(queueName, { connection: connection as Connection, prefix }) as Queue;
  queue.on('error', () => {});
  const owned = typeof (connection as { quit?: unknown }).quit === 'function' ? (connection as Connection) : undefined;
  const producer = new ProfileProducer(queue, profile.jobIds, observer, owned && (() => closeConnection(owned)));
  // Where the queue's connection is differs by BullMQ version (on the queue up to 5, on its `backend` in 6).
  const holder = queue as unknown as { client?: Promise<Connection>; backend?: { client?: Promise<Connection> } };
  return { producer, client: holder.backend?.client ?? holder.client ?? Promise.reject(new Error('no client')) };
}

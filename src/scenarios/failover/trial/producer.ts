import type { Connection } from '../../../connect/connect.js';
import type { EventProducer } from '../../../events/producer.js';
import type { ClientProfile } from '../../../profiles/types.js';
import type { TrialOptions } from './options.js';

export interface AddObserver {
  /** `via`: the connection the add went through, when known (which node acknowledged it). */
  acked(marker: string, jobId: string, via: Connection | undefined): void;
  failed(marker: string, error: Error): void;
}

/**
 * The trial's producer, as its profile makes it: redis-arc's the event layer's in `--mode` on the
 * trial's producer connection, the others a bare `queue.add` on their BullMQ and connection.
 */
export async function trialProducer(
  profile: ClientProfile,
  o: Pick<TrialOptions, 'mode' | 'prefix' | 'topology'>,
  queueName: string,
  producerConn: Connection,
  observer: AddObserver,
): Promise<EventProducer> {
  // Which node acknowledged an add: the client the profile's adds go through, once BullMQ has it.
  let ackVia: Connection | undefined;
  const made = await profile.producer({
    target: o.topology.target,
    queueName,
    prefix: o.prefix,
    mode: o.mode,
    own: producerConn,
    observer: { acked: (marker, jobId) => observer.acked(marker, jobId, ackVia), failed: (marker, err) => observer.failed(marker, err) },
  });
  void made
    .client()
    .then((c) => (ackVia = c))
    .catch(() => undefined);
  return made.producer;
}

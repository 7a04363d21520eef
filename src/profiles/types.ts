import type { ClientConnection, ClientDefinition, ClientRole } from '../client/index.js';
import type { BullMQ, Lease } from '../connect/bullmq.js';
import type { Connection } from '../connect/connect.js';
import type { EventProducer, Mode } from '../events/producer.js';
import type { Target } from '../redis/target.js';
import type * as IORedisModule from 'ioredis';

/** The BullMQ and ioredis a profile runs: redis-arc's own, or the application's (`--app-dir`). */
export interface ClientLibs {
  bullmq: BullMQ;
  /** What redis-arc builds with it: a Cluster instance for a cluster (BullMQ takes no cluster options). */
  ioredis: Pick<typeof IORedisModule, 'Redis' | 'Cluster'>;
  /** Where they were resolved from (`redis-arc`, or the --app-dir folder), and their versions (named in the report). */
  from: string;
  versions: { bullmq: string; ioredis: string };
}

/**
 * Who names the jobs, in the word of the public client module type (`redis-arc/client`):
 * `unique`: one unique id per add, chosen by the load (the same id twice is one job);
 * `bullmq`: BullMQ's counter.
 */
export type JobIds = NonNullable<ClientDefinition['jobIds']>;

/** What a load's producer is made with: the queue it adds to, and redis-arc's own producer connection, held by the caller. */
export interface ProducerSetup {
  target: Target;
  queueName: string;
  prefix: string;
  /** The event layer's mode (`direct` for a profile whose `modes` are only that). */
  mode: Mode;
  /**
   * redis-arc's producer connection, which the caller opened for its own reads (drain, read-back,
   * removal) and closes: redis-arc's profile adds through it too, the others ignore it.
   */
  own: Connection;
  /** Every add's outcome, by its marker (the id the load chose) and the job id it got. */
  observer?: { acked(marker: string, jobId: string): void; failed(marker: string, error: Error): void };
}

export interface LoadProducer {
  producer: EventProducer;
  /** The ioredis client its adds go through (which node acknowledged an add), once BullMQ has it. */
  client(): Promise<Connection>;
  /** Resolves when its connection is ready, so that a timed run does not time the connect. */
  ready(): Promise<void>;
}

/**
 * One way to connect BullMQ: a built-in (`defaults`, `bullmq-docs`, `redis-arc`) or the
 * application's own module (`--client FILE`). Trials and bench cells of different profiles
 * differ only here: the connections per role and how the load's jobs are added.
 */
export interface ClientProfile {
  /** `defaults`, `bullmq-docs`, `redis-arc`, or the module path as given. */
  name: string;
  jobIds: JobIds;
  libs: ClientLibs;
  /** The producer modes its adds can take: redis-arc's event layer has three; a bare `queue.add` is `direct`. */
  modes: readonly Mode[];
  /** On a sentinel topology its connections follow +switch-master with a subscriber of their own (what doctor reports). */
  followsSwitch?: true;
  /** What it hands BullMQ for `role`: options, or an instance (doctor reads this without connecting). */
  connection(role: ClientRole, target: Target): Promise<ClientConnection>;
  /** A connection for `role` to give BullMQ, with who closes it; `own`: redis-arc's connection for the role, lent by the caller. */
  lease(role: ClientRole, target: Target, own?: Connection): Promise<Lease>;
  /** The producer the load adds through. */
  producer(setup: ProducerSetup): Promise<LoadProducer>;
}

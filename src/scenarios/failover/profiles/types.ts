import type { ClientConnection, ClientRole } from '../../../client/index.js';
import type { Target } from '../../../redis/target.js';

/** The BullMQ and ioredis a profile runs: redis-arc's own, or the application's (`--app-dir`). */
export interface ClientLibs {
  bullmq: typeof import('bullmq');
  ioredis: typeof import('ioredis');
  /** Where they were resolved from, and their versions (named in the report). */
  from: 'redis-arc' | string;
  versions: { bullmq: string; ioredis: string };
}

/**
 * One way to connect BullMQ: a built-in (`defaults`, `bullmq-docs`, `redis-arc`) or the
 * application's own module (`--client FILE`). Trials of different profiles differ only here.
 */
export interface ClientProfile {
  /** `defaults`, `bullmq-docs`, `redis-arc`, or the module path as given. */
  name: string;
  /** `tool`: one unique id per add, given by the load (the same id twice is one job); `bullmq`: BullMQ's counter. */
  jobIds: 'tool' | 'bullmq';
  libs: ClientLibs;
  /** `redis-arc`: the trial uses src/connect (switch follower, fail-fast producer) and the event layer's producer. */
  native?: true;
  /** The connection or options for `role`; an instance returned here is closed by the trial. */
  connection(role: ClientRole, target: Target): Promise<ClientConnection>;
}

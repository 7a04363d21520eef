/**
 * `redis-arc/client`: the shape of a client module, the application's own connection settings
 * that `failover-test --client FILE`, `bench --client FILE` and `doctor --client FILE` run or read.
 *
 * ```js
 * // src/redis.mjs
 * import { defineClient } from 'redis-arc/client';
 * export default defineClient({
 *   connection: (role, a) => ({ sentinels: a.sentinels, name: a.name, password: a.password,
 *     ...(role === 'worker' ? { maxRetriesPerRequest: null } : { enableOfflineQueue: false }) }),
 * });
 * ```
 * Type-only imports: this module costs nothing at run time and never connects.
 */
import type { Cluster, Redis, RedisOptions } from 'ioredis';

/** `producer` adds jobs (a BullMQ Queue); `worker` takes them (a BullMQ Worker). */
export type ClientRole = 'producer' | 'worker';

export interface ClientEndpoint {
  host: string;
  port: number;
}

/** What every connection needs to log in: the application user when the topology has one, TLS when the nodes are TLS-only. */
export interface ClientLogin {
  username?: string;
  password?: string;
  tls?: RedisOptions['tls'];
}

/** The topology's addresses as the application would be given them. */
export type ClientAddresses =
  | ({ kind: 'standalone'; host: string; port: number } & ClientLogin)
  | ({ kind: 'sentinel'; sentinels: ClientEndpoint[]; name: string; sentinelUsername?: string; sentinelPassword?: string } & ClientLogin)
  | ({ kind: 'cluster'; nodes: ClientEndpoint[] } & ClientLogin);

/**
 * What a client module hands BullMQ for a role: ioredis options (BullMQ opens its own
 * connections with them), or an ioredis instance (a Cluster is required on a cluster).
 */
export type ClientConnection = RedisOptions | Redis | Cluster;

export interface ClientDefinition {
  connection(role: ClientRole, addresses: ClientAddresses): ClientConnection | Promise<ClientConnection>;
  /**
   * Who names the jobs: `bullmq` (the default: BullMQ numbers them from its counter, as most
   * applications let it) or `unique` (the application passes a unique jobId per add).
   */
  jobIds?: 'bullmq' | 'unique';
}

/** Checks a client module's shape in the editor; returns what it is given. */
export function defineClient(definition: ClientDefinition | ClientDefinition['connection']): ClientDefinition {
  return typeof definition === 'function' ? { connection: definition } : definition;
}

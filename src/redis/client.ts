import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Endpoint } from './endpoint.js';

/**
 * The one place redis-arc constructs ioredis clients (probes, failover watchers, the switch
 * follower, BullMQ's connections). Callers compose the options from the parts that own them:
 * auth and TLS (`authOptions`), the handshake, and their role's timeouts and retry policy.
 */

/** PEM text for TLS-only nodes (src/security/tls.ts). */
export interface TlsMaterial {
  ca: string;
  cert?: string;
  key?: string;
}

/** Who a connection logs in as, and over what. */
export interface ClientAuth {
  username?: string;
  password?: string;
  tls?: TlsMaterial;
}

export const authOptions = (auth: ClientAuth): RedisOptions => ({
  ...(auth.username && { username: auth.username }),
  password: auth.password,
  ...(auth.tls && { tls: auth.tls }),
});

/** RESP2 without CLIENT SETINFO: the plainest handshake, which every Redis version and Sentinel accept. */
export const PLAIN_HANDSHAKE: RedisOptions = { protocol: 2, disableClientInfo: true };

/**
 * A subscriber that must outlive a node's death (sentinel watchers, the switch follower):
 * reconnect with a back-off of at most 1 s, and no INFO ready check, which an ACL user on the
 * sentinels may not run and which a subscriber does not need.
 */
export const SUBSCRIBER_POLICY: RedisOptions = { enableReadyCheck: false, retryStrategy: (times) => Math.min(100 * times, 1000) };

/** Where a client's 'error' events go. They repeat what a failed command or connect() reports anyway. */
export type ErrorSink = (err: Error) => void;
const IGNORE: ErrorSink = () => {};

export const endpointOptions = (ep: Endpoint): RedisOptions => ({ host: ep.host, port: ep.port });

/** Every client gets an 'error' listener here, so ioredis never prints "Unhandled error event". */
export function createRedis(options: RedisOptions, onError: ErrorSink = IGNORE): Redis {
  const client = new Redis(options);
  client.on('error', onError);
  return client;
}

/** `ioredis`: whose Cluster class (an application's ioredis, `--app-dir`, for a client profile); redis-arc's by default. */
export function createCluster(
  seeds: Endpoint[],
  options: ClusterOptions,
  onError: ErrorSink = IGNORE,
  ioredis: { Cluster: typeof Cluster } = { Cluster },
): Cluster {
  const cluster = new ioredis.Cluster(
    seeds.map((s) => ({ host: s.host, port: s.port })),
    options,
  );
  cluster.on('error', onError);
  return cluster;
}

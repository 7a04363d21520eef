import type { ClusterOptions, RedisOptions } from 'ioredis';
import type { Endpoint } from '../redis/endpoint.js';
import { authOptions, type ClientAuth } from '../redis/client.js';
import type { Target } from '../redis/target.js';
import type { SwitchRedirects } from './switch-redirects.js';
import type { ClientRole } from '../client/index.js';
import { CONNECT_TIMEOUT_MS, PRODUCER_MAX_RETRIES_PER_REQUEST } from './roles.js';

/**
 * After a failover the old master may answer as a replica (READONLY) or a promoted replica may
 * still be loading (LOADING): reconnect, which re-resolves the master, and resend the command.
 */
const reconnectOnFailover = (err: Error): 2 | false => (/^(READONLY|LOADING)\b/.test(err.message) ? 2 : false);

export interface ConnectOptions {
  /**
   * Give up a command after this long. failover-test sets it so that an add to a hung master
   * ends as indeterminate; it is off otherwise, since the timer per command costs throughput.
   */
  commandTimeoutMs?: number;
}

/** Settings shared by every node connection of a role. */
function roleOptions(role: ClientRole, opts: ConnectOptions = {}): RedisOptions {
  return {
    connectTimeout: CONNECT_TIMEOUT_MS,
    reconnectOnError: reconnectOnFailover,
    // Reconnect quickly (at most 100 ms apart): every ms of back-off after the promotion is added to the write gap.
    retryStrategy: (times) => Math.min(10 * times, 100),
    ...(opts.commandTimeoutMs !== undefined && { commandTimeout: opts.commandTimeoutMs }),
    ...(role === 'producer'
      ? // Producer: a command waits for at most one reconnect, and none is queued while disconnected.
        { maxRetriesPerRequest: PRODUCER_MAX_RETRIES_PER_REQUEST, enableOfflineQueue: false }
      : // Worker: BullMQ requires null (retry forever) for its blocking connection, and throws otherwise.
        { maxRetriesPerRequest: null, enableOfflineQueue: true }),
  };
}

/** ioredis natMap for announced container addresses (docker bridge networking). */
function natMapOf(target: Target): Record<string, { host: string; port: number }> | undefined {
  return target.natMap && Object.keys(target.natMap).length ? target.natMap : undefined;
}

/**
 * Who BullMQ's connections log in as, and over what: the ACL user when the target has one
 * (`redis-arc init --acl`), else the admin password; TLS material when the nodes are TLS-only.
 */
export function appAuth(target: Target): ClientAuth {
  const who = target.app ? { username: target.app.username, password: target.app.password } : { password: target.password };
  return { ...who, ...(target.tls && { tls: target.tls }) };
}

/** The same for the sentinels BullMQ asks where the master is (the ACL user is defined on them too). */
export function appSentinelAuth(target: Extract<Target, { kind: 'sentinel' }>): ClientAuth {
  const who = target.app ? { username: target.app.username, password: target.app.password } : { password: target.sentinelPassword };
  return { ...who, ...(target.tls && { tls: target.tls }) };
}

/** Options for one Redis client (standalone or sentinel-managed master). */
export function redisOptions(
  target: Exclude<Target, { kind: 'cluster' }>,
  role: ClientRole,
  opts: ConnectOptions = {},
  redirects?: SwitchRedirects,
): RedisOptions {
  const base = { ...roleOptions(role, opts), ...authOptions(appAuth(target)) };
  if (target.kind === 'standalone') return { ...base, host: target.node.host, port: target.node.port };
  const natMap = natMapOf(target);
  // An address a sentinel hands out goes through the switch redirects (stale old master -> new one), then the docker map.
  const resolve = (key: string) => {
    const moved = redirects?.resolve(key);
    const announced = moved ? `${moved.host}:${moved.port}` : key;
    return natMap?.[announced] ?? moved ?? null;
  };
  return {
    ...base,
    sentinels: target.sentinels.map((s: Endpoint) => ({ host: s.host, port: s.port })),
    name: target.masterName,
    sentinelPassword: appSentinelAuth(target).password,
    ...(target.app && { sentinelUsername: target.app.username }),
    // TLS to the sentinels as well as to the master they name.
    ...(target.tls && { enableTLSForSentinelMode: true, sentinelTLS: target.tls }),
    // +switch-master is followed by SwitchRedirects (connect.ts), which leaves a master that
    // hangs rather than dies as soon as the sentinels promote another; ioredis' own
    // failoverDetector would reconnect again at every late announcement by another sentinel.
    failoverDetector: false,
    // A hung master never completes a graceful close, which ioredis otherwise waits out for 2 s.
    disconnectTimeout: 100,
    sentinelRetryStrategy: (times: number) => Math.min(100 * times, 1000),
    ...((natMap || redirects) && { natMap: resolve }),
    // Docker: sentinels learnt from sentinels would have unmapped container addresses.
    ...(natMap && { updateSentinels: false }),
  };
}

/** Options for an ioredis Cluster. */
export function clusterOptions(target: Extract<Target, { kind: 'cluster' }>, role: ClientRole, opts: ConnectOptions = {}): ClusterOptions {
  const { enableOfflineQueue, retryStrategy: _perNode, ...perNode } = roleOptions(role, opts);
  const natMap = natMapOf(target);
  return {
    redisOptions: { ...perNode, ...authOptions(appAuth(target)) },
    enableOfflineQueue,
    // Re-read the slot map soon after a MOVED storm or a node failure.
    slotsRefreshTimeout: 2000,
    slotsRefreshInterval: 5000,
    clusterRetryStrategy: (times) => Math.min(100 * times, 1000),
    ...(natMap && { natMap }),
  };
}

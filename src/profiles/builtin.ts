import type { ClusterOptions, RedisOptions } from 'ioredis';
import type { ClientAddresses, ClientConnection, ClientRole } from '../client/index.js';
import type { Target } from '../redis/target.js';
import { createCluster } from '../redis/client.js';
import { addressesOf } from './addresses.js';
import { queueAddProfile } from './queue-add-producer.js';
import { ownLibs } from './libs.js';
import { redisArcProfile } from './redis-arc.js';
import type { ClientLibs, ClientProfile } from './types.js';

export const BUILTIN_PROFILES = ['defaults', 'bullmq-docs', 'redis-arc'] as const;
export type BuiltinProfile = (typeof BUILTIN_PROFILES)[number];

/** Only what an application must give: addresses and login (ioredis and BullMQ defaults for everything else). */
function plainOptions(a: ClientAddresses, target: Target): RedisOptions {
  const login: RedisOptions = { ...(a.username && { username: a.username }), ...(a.password && { password: a.password }), ...(a.tls && { tls: a.tls }) };
  const natMap = target.natMap && Object.keys(target.natMap).length ? { natMap: target.natMap } : {};
  if (a.kind === 'standalone') return { host: a.host, port: a.port, ...login };
  if (a.kind === 'cluster') return { ...login, ...natMap };
  return {
    sentinels: a.sentinels,
    name: a.name,
    ...(a.sentinelUsername && { sentinelUsername: a.sentinelUsername }),
    ...(a.sentinelPassword && { sentinelPassword: a.sentinelPassword }),
    ...(a.tls && { enableTLSForSentinelMode: true, sentinelTLS: a.tls }),
    ...login,
    ...natMap,
  };
}

/** BullMQ takes options for one server, but only an ioredis Cluster instance (of the profile's ioredis) for a cluster. */
function build(libs: ClientLibs, a: ClientAddresses, target: Target, role: RedisOptions, cluster: Partial<ClusterOptions> = {}): ClientConnection {
  const options = { ...plainOptions(a, target), ...role };
  if (a.kind !== 'cluster') return options;
  const { enableOfflineQueue, natMap, ...perNode } = options;
  return createCluster(
    a.nodes,
    { redisOptions: perNode, ...(enableOfflineQueue !== undefined && { enableOfflineQueue }), ...(natMap && { natMap }), ...cluster },
    undefined,
    libs.ioredis,
  );
}

/** `defaults`: only addresses and login, as most applications start; workers get the maxRetriesPerRequest: null BullMQ requires. */
function defaultsProfile(libs: ClientLibs): ClientProfile {
  return queueAddProfile({
    name: 'defaults',
    jobIds: 'bullmq',
    libs,
    connection: (role, target) => Promise.resolve(build(libs, addressesOf(target), target, role === 'worker' ? { maxRetriesPerRequest: null } : {})),
  });
}

/**
 * What BullMQ's production guide prescribes, https://docs.bullmq.io/guide/going-to-production
 * ("Automatic reconnections"): Queue (producer) connections fail fast with
 * `enableOfflineQueue: false`, so the code that adds learns at once that Redis is away; Worker
 * connections retry forever (`maxRetriesPerRequest: null`, BullMQ requires it) and reconnect with
 * `retryStrategy: times => Math.max(Math.min(Math.exp(times), 20000), 1000)`.
 */
const docsRetry = (times: number) => Math.max(Math.min(Math.exp(times), 20_000), 1000);

function bullmqDocsProfile(libs: ClientLibs): ClientProfile {
  const roleOptions = (role: ClientRole): RedisOptions =>
    role === 'producer'
      ? { enableOfflineQueue: false, retryStrategy: docsRetry }
      : { maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: docsRetry };
  return queueAddProfile({
    name: 'bullmq-docs',
    jobIds: 'bullmq',
    libs,
    connection: (role, target) => Promise.resolve(build(libs, addressesOf(target), target, roleOptions(role), { clusterRetryStrategy: docsRetry })),
  });
}

export function builtinProfile(name: BuiltinProfile, libs: ClientLibs): ClientProfile {
  return name === 'defaults' ? defaultsProfile(libs) : name === 'bullmq-docs' ? bullmqDocsProfile(libs) : redisArcProfile(libs);
}

/** redis-arc's own profile on its own BullMQ: what runs when no `--client` is given. */
export const ownProfile = (): ClientProfile => redisArcProfile(ownLibs());

/**
 * Every default of redis-arc.yaml, in one place. Help text and `init` read these, so a default
 * is written once. Units are in the names (Ms = milliseconds).
 */
export const KINDS = ['standalone', 'sentinel', 'cluster'] as const;
export type Kind = (typeof KINDS)[number];

export const NETWORK_MODES = ['host', 'bridge'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

/**
 * What nodes announce to each other and to clients: addresses (127.0.0.1, or container
 * addresses under docker bridge), or stable names (Sentinel resolve/announce-hostnames,
 * cluster-announce-hostname), as on Kubernetes where a pod's address changes on every restart.
 */
export const ANNOUNCE_MODES = ['addresses', 'hostnames'] as const;
export type AnnounceMode = (typeof ANNOUNCE_MODES)[number];
export const DEFAULT_ANNOUNCE: AnnounceMode = 'addresses';

/**
 * Where the local runtime's nodes listen: all on 127.0.0.1 (`shared`), or each on its own
 * loopback address (`per-node`, src/topology/address.ts), which network faults need.
 */
export const ADDRESS_MODES = ['shared', 'per-node'] as const;
export type AddressMode = (typeof ADDRESS_MODES)[number];
export const DEFAULT_ADDRESSES: AddressMode = 'shared';

export const DEFAULT_NAME = 'arc';
export const DEFAULT_IMAGE = 'redis:7.2';
export const DEFAULT_NETWORK: NetworkMode = 'host';
export const DEFAULT_SUBNET = '172.28.0.0/24';
export const DEFAULT_PASSWORD_FILE = '.redis-arc.secret';
/** Password files and tls.dir must stay inside the spec's folder unless the spec says otherwise. */
export const DEFAULT_ALLOW_PATHS_OUTSIDE_PROJECT = false;

/**
 * The optional ACL user BullMQ connects as (`init --acl`): its own password file, and the key
 * patterns it may touch. BullMQ's default prefix is `bull`, and `{bull}` on a cluster.
 */
export const DEFAULT_ACL = {
  enabled: false,
  user: 'bullmq',
  passwordFile: '.redis-arc.bullmq.secret',
  keys: ['bull:*', '{bull}:*'],
};

/** TLS (`init --tls`): a generated CA and certificates in this folder beside the spec (0700, keys 0600). */
export const DEFAULT_TLS = {
  enabled: false,
  dir: '.redis-arc/tls',
};

/** Data ports start here; cluster nodes start at their own base so both kinds can run side by side. */
export const DEFAULT_PORT_BASE: Record<Kind, number> = { standalone: 6380, sentinel: 6380, cluster: 7000 };
/** Sentinels listen from here (one port each). */
export const DEFAULT_SENTINEL_PORT_BASE = 26380;
/** Redis Cluster's bus port is the data port plus this offset (Redis' own default). */
export const CLUSTER_BUS_PORT_OFFSET = 10000;
export const MIN_PORT = 1024;
export const MAX_PORT = 65535;

export const DEFAULT_PERSISTENCE = {
  appendonly: true,
  appendfsync: 'everysec' as const,
  maxmemory: '1gb',
  // BullMQ loses queue keys under any evicting policy; the seed analysis' `allkeys-lru` is the trap.
  maxmemoryPolicy: 'noeviction' as const,
};

/** The spec file's name in a project folder (`--spec`'s default). */
export const DEFAULT_SPEC_FILE = 'redis-arc.yaml';

/** Seed analysis: 3 sentinels, quorum 2, 2 replicas, down-after 5000, failover-timeout 10000. */
export const DEFAULT_SENTINEL = {
  masterName: 'mymaster',
  replicas: 2,
  sentinels: 3,
  quorum: 2,
  downAfterMs: 5000,
  failoverTimeoutMs: 10000,
  parallelSyncs: 1,
  minReplicasToWrite: 0,
  /** min-replicas-max-lag (seconds): how long a master cut off from its replicas keeps acknowledging writes when minReplicasToWrite > 0. */
  minReplicasMaxLagS: 10,
};

/** Seed analysis: 3 masters x 1 replica. Redis' own node-timeout (15 s) stalls workers too long. */
export const DEFAULT_CLUSTER = {
  masters: 3,
  replicasPerMaster: 1,
  nodeTimeoutMs: 5000,
};

export const MAXMEMORY_POLICIES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const;

export const APPENDFSYNC = ['always', 'everysec', 'no'] as const;

import { z } from 'zod';
import { DEFAULT_SERVER, isServerPath, SERVER_NAMES } from '../servers/catalogue.js';
import {
  ANNOUNCE_MODES,
  ADDRESS_MODES,
  APPENDFSYNC,
  DEFAULT_ACL,
  DEFAULT_ADDRESSES,
  DEFAULT_ALLOW_PATHS_OUTSIDE_PROJECT,
  DEFAULT_ANNOUNCE,
  DEFAULT_CLUSTER,
  DEFAULT_IMAGE,
  DEFAULT_NAME,
  DEFAULT_NETWORK,
  DEFAULT_PASSWORD_FILE,
  DEFAULT_PERSISTENCE,
  DEFAULT_SENTINEL,
  DEFAULT_SENTINEL_PORT_BASE,
  DEFAULT_SUBNET,
  DEFAULT_TLS,
  KINDS,
  MAXMEMORY_POLICIES,
  MAX_PORT,
  MIN_PORT,
  NETWORK_MODES,
} from './defaults.js';

/** The shape of redis-arc.yaml. Cross-field rules (quorum vs sentinels, port overlap) live in rules.ts. */
const port = z.int().min(MIN_PORT).max(MAX_PORT);
const ms = z.int().min(1).max(3_600_000);

export const persistenceSchema = z.strictObject({
  appendonly: z.boolean().default(DEFAULT_PERSISTENCE.appendonly),
  appendfsync: z.enum(APPENDFSYNC).default(DEFAULT_PERSISTENCE.appendfsync),
  maxmemory: z
    .union([z.string(), z.int().min(0)])
    .transform(String)
    .pipe(z.string().regex(/^\d+(b|k|kb|m|mb|g|gb)?$/i, 'expected a size like 512mb, 2gb or 0 (no limit)'))
    .default(DEFAULT_PERSISTENCE.maxmemory),
  maxmemoryPolicy: z.enum(MAXMEMORY_POLICIES).default(DEFAULT_PERSISTENCE.maxmemoryPolicy),
});

export const sentinelSchema = z.strictObject({
  masterName: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, dot, dash or underscore')
    .default(DEFAULT_SENTINEL.masterName),
  replicas: z.int().min(0).max(20).default(DEFAULT_SENTINEL.replicas),
  sentinels: z.int().min(1).max(15).default(DEFAULT_SENTINEL.sentinels),
  quorum: z.int().min(1).max(15).default(DEFAULT_SENTINEL.quorum),
  downAfterMs: ms.default(DEFAULT_SENTINEL.downAfterMs),
  failoverTimeoutMs: ms.default(DEFAULT_SENTINEL.failoverTimeoutMs),
  parallelSyncs: z.int().min(1).max(20).default(DEFAULT_SENTINEL.parallelSyncs),
  minReplicasToWrite: z.int().min(0).max(20).default(DEFAULT_SENTINEL.minReplicasToWrite),
  minReplicasMaxLagS: z.int().min(1).max(3600).default(DEFAULT_SENTINEL.minReplicasMaxLagS),
});

export const clusterSchema = z.strictObject({
  masters: z.int().min(1).max(100).default(DEFAULT_CLUSTER.masters),
  replicasPerMaster: z.int().min(0).max(10).default(DEFAULT_CLUSTER.replicasPerMaster),
  nodeTimeoutMs: ms.default(DEFAULT_CLUSTER.nodeTimeoutMs),
});

/** An ACL user name or key pattern: no spaces (one ACL rule each), nothing that would start another rule. */
export const aclSchema = z.strictObject({
  enabled: z.boolean().default(DEFAULT_ACL.enabled),
  user: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected letters, digits, dot, dash or underscore')
    .refine((u) => u !== 'default', "'default' is the admin user redis-arc's own probes use; choose another name")
    .default(DEFAULT_ACL.user),
  passwordFile: z.string().min(1).default(DEFAULT_ACL.passwordFile),
  keys: z
    .array(z.string().regex(/^[^\s~%&]+$/, "expected a key pattern such as 'bull:*' (no spaces, no leading ~)"))
    .min(1)
    .default(DEFAULT_ACL.keys),
});

export const specSchema = z.strictObject({
  kind: z.enum(KINDS),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected lowercase letters, digits, dash or underscore (a compose project name)')
    .default(DEFAULT_NAME),
  image: z.string().min(1).default(DEFAULT_IMAGE),
  // The server the local runtime runs (docs/servers.md): a catalogue name, or a path (with a slash) to a binary.
  server: z
    .string()
    .refine((s) => SERVER_NAMES.includes(s) || isServerPath(s), `expected one of ${SERVER_NAMES.join(', ')} or a path to a redis-server / valkey-server binary`)
    .default(DEFAULT_SERVER),
  docker: z
    .strictObject({
      network: z.enum(NETWORK_MODES).default(DEFAULT_NETWORK),
      subnet: z
        .string()
        .regex(/^\d{1,3}(\.\d{1,3}){3}\/(1[6-9]|2[0-8])$/, 'expected an IPv4 CIDR such as 172.28.0.0/24 (prefix 16-28)')
        .default(DEFAULT_SUBNET),
    })
    .prefault({}),
  // hostnames: nodes announce stable names (see docs/kubernetes.md); the local runtime maps them itself.
  announce: z.enum(ANNOUNCE_MODES).default(DEFAULT_ANNOUNCE),
  // Local runtime: one loopback address per node (network faults need it), or all on 127.0.0.1.
  network: z
    .strictObject({
      addresses: z.enum(ADDRESS_MODES).default(DEFAULT_ADDRESSES),
    })
    .prefault({}),
  ports: z
    .strictObject({
      // No default here: it depends on kind (see DEFAULT_PORT_BASE); filled in by load.ts.
      base: port.optional(),
      sentinelBase: port.default(DEFAULT_SENTINEL_PORT_BASE),
    })
    .prefault({}),
  auth: z
    .strictObject({
      enabled: z.boolean().default(true),
      passwordFile: z.string().min(1).default(DEFAULT_PASSWORD_FILE),
      acl: aclSchema.prefault({}),
    })
    .prefault({}),
  tls: z
    .strictObject({
      enabled: z.boolean().default(DEFAULT_TLS.enabled),
      dir: z.string().min(1).default(DEFAULT_TLS.dir),
    })
    .prefault({}),
  persistence: persistenceSchema.prefault({}),
  // Opt-in for secrets and certificates outside the spec's folder (see src/specfile/paths.ts).
  allowPathsOutsideProject: z.boolean().default(DEFAULT_ALLOW_PATHS_OUTSIDE_PROJECT),
  sentinel: sentinelSchema.optional(),
  cluster: clusterSchema.optional(),
});

export type RawSpec = z.infer<typeof specSchema>;
export type PersistenceSpec = z.infer<typeof persistenceSchema>;
export type SentinelSpec = z.infer<typeof sentinelSchema>;
export type ClusterSpec = z.infer<typeof clusterSchema>;
export type AclSpec = z.infer<typeof aclSchema>;

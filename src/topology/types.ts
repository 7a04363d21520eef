import type { AddressMode, AnnounceMode, Kind, NetworkMode } from '../specfile/defaults.js';
import type { PersistenceSpec } from '../specfile/spec.js';

export type Role = 'master' | 'replica' | 'sentinel';

/** One planned process / container. Ids are stable names: redis-1, sentinel-2, node-5. */
export interface NodePlan {
  id: string;
  role: Role;
  /** Where the host (probes, BullMQ clients) reaches it: 127.0.0.1, or the node's own loopback address (`network.addresses: per-node`). */
  host: string;
  port: number;
  /** Cluster bus port (cluster kind only). */
  busPort?: number;
  /**
   * What this node announces to its peers and clients: an address (container address under
   * docker bridge networking), or under `announce: hostnames` a stable name (src/topology/names.ts).
   */
  announceIp: string;
  /** Planned master of a replica (by node id). */
  replicaOf?: string;
  /** Cluster: the shard (0-based) this node belongs to; masters own that shard's slots. */
  shard?: number;
  /** Cluster masters: the slot range [first, last] they are planned to own. */
  slots?: [number, number];
}

export interface SentinelPlan {
  masterName: string;
  quorum: number;
  downAfterMs: number;
  failoverTimeoutMs: number;
  parallelSyncs: number;
  minReplicasToWrite: number;
  minReplicasMaxLagS: number;
}

export interface ClusterPlan {
  masters: number;
  replicasPerMaster: number;
  nodeTimeoutMs: number;
}

/** The resolved plan: computed once from a Spec, everything downstream uses it. */
export interface Topology {
  name: string;
  kind: Kind;
  image: string;
  network: NetworkMode;
  subnet: string;
  /** addresses, or hostnames: nodes announce names (and Sentinel resolves them). */
  announce: AnnounceMode;
  /** `per-node`: every node has its own loopback address (`host`), and its connections to peers leave from it. */
  addresses: AddressMode;
  auth: { enabled: boolean; passwordFile: string; acl: { enabled: boolean; user: string; passwordFile: string; keys: string[] } };
  /** TLS-only nodes (plain port closed); certificates live in `dir`, relative to the spec. */
  tls: { enabled: boolean; dir: string };
  persistence: PersistenceSpec;
  nodes: NodePlan[];
  sentinel?: SentinelPlan;
  cluster?: ClusterPlan;
}

export const dataNodes = (t: Topology): NodePlan[] => t.nodes.filter((n) => n.role !== 'sentinel');
export const sentinelNodes = (t: Topology): NodePlan[] => t.nodes.filter((n) => n.role === 'sentinel');
export const plannedMaster = (t: Topology): NodePlan | undefined => t.nodes.find((n) => n.role === 'master');

/** The first data node (the master of a sentinel or standalone topology): planTopology plans at least one for every kind. */
export function firstDataNode(t: Topology): NodePlan {
  const node = t.nodes.find((n) => n.role !== 'sentinel');
  if (!node) throw new Error(`topology ${t.name} has no data node; planTopology plans at least one`);
  return node;
}

/** A sentinel topology's settings; asking for them of another kind is a bug in the caller. */
export function sentinelPlan(t: Topology): SentinelPlan {
  if (!t.sentinel) throw new Error(`topology ${t.name} is ${t.kind}: only a sentinel topology has sentinel settings`);
  return t.sentinel;
}

/** A cluster topology's settings; asking for them of another kind is a bug in the caller. */
export function clusterPlan(t: Topology): ClusterPlan {
  if (!t.cluster) throw new Error(`topology ${t.name} is ${t.kind}: only a cluster topology has cluster settings`);
  return t.cluster;
}

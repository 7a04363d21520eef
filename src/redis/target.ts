import type { TlsMaterial } from './client.js';
import { dataNodes, sentinelNodes, type Topology } from '../topology/types.js';
import { formatEndpoint, type Endpoint } from './endpoint.js';

/** Optional knowledge about addresses that live state alone does not carry. */
export interface AddressHints {
  /**
   * Announced address (`ip:port` as Redis reports it) -> where the host reaches it. Needed under
   * docker bridge networking, where nodes announce container addresses; same shape as ioredis' natMap.
   */
  natMap?: Record<string, Endpoint>;
  /** Reachable `host:port` -> a name for messages (`redis-3`), when the topology is one we planned. */
  labels?: Record<string, string>;
}

/**
 * How a client logs in to a topology, whether redis-arc started it or was given its address: the
 * admin password (probes, faults and replication use it), TLS material (probes and BullMQ alike),
 * and the ACL user BullMQ connects as (src/connect).
 */
export interface Credentials {
  /** The admin (default user) password. */
  password?: string;
  tls?: TlsMaterial;
  app?: { username: string; password: string };
}

/** What redis-arc is pointed at (probes, faults, BullMQ connections). Everything else (master, replicas, peers) is discovered live. */
export type Target =
  | ({ kind: 'standalone'; node: Endpoint; password?: string } & AddressHints & Credentials)
  | ({
      kind: 'sentinel';
      sentinels: Endpoint[];
      masterName: string;
      password?: string;
      sentinelPassword?: string;
      expect?: { replicas: number; sentinels: number };
      /** The data nodes a planned topology has: probed directly when no sentinel answers. */
      dataNodes?: Endpoint[];
    } & AddressHints &
      Credentials)
  | ({
      kind: 'cluster';
      seeds: Endpoint[];
      password?: string;
      expect?: { masters: number; replicasPerMaster: number };
    } & AddressHints &
      Credentials);

/** A planned topology as a probe target; `expect` holds the planned counts. */
export function targetFromTopology(t: Topology, password?: string, credentials: Credentials = {}): Target {
  const data = dataNodes(t);
  const hints = { ...addressHintsOf(t), ...(credentials.tls && { tls: credentials.tls }), ...(credentials.app && { app: credentials.app }) };
  switch (t.kind) {
    case 'standalone': {
      const node = data[0];
      if (!node) throw new Error(`topology ${t.name} has no data node`);
      return { kind: 'standalone', node: endpointOf(node), password, ...hints };
    }
    case 'sentinel': {
      const sentinels = sentinelNodes(t);
      return {
        kind: 'sentinel',
        sentinels: sentinels.map(endpointOf),
        masterName: t.sentinel?.masterName ?? 'mymaster',
        // Rendered sentinels share the data nodes' password (templates/secrets/sentinel-auth.conf).
        password,
        sentinelPassword: password,
        expect: { replicas: data.length - 1, sentinels: sentinels.length },
        dataNodes: data.map(endpointOf),
        ...hints,
      };
    }
    case 'cluster':
      return {
        kind: 'cluster',
        seeds: data.map(endpointOf),
        password,
        ...(t.cluster && { expect: { masters: t.cluster.masters, replicasPerMaster: t.cluster.replicasPerMaster } }),
        ...hints,
      };
  }
}

const endpointOf = (n: { host: string; port: number }): Endpoint => ({ host: n.host, port: n.port });

function addressHintsOf(t: Topology): Required<AddressHints> {
  const natMap: Record<string, Endpoint> = {};
  const labels: Record<string, string> = {};
  for (const node of t.nodes) {
    labels[formatEndpoint(node)] = node.id;
    if (node.announceIp !== node.host) natMap[`${node.announceIp}:${node.port}`] = endpointOf(node);
  }
  return { natMap, labels };
}

/** The first address the user gave: a sentinel, a cluster seed, or the standalone node. */
export function firstEndpoint(target: Target): Endpoint | undefined {
  return target.kind === 'sentinel' ? target.sentinels[0] : target.kind === 'cluster' ? target.seeds[0] : target.node;
}

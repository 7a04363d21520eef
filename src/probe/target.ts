import type { ProbeClientOptions } from './client.js';
import type { TlsMaterial } from './redis-client.js';
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
 * How clients reach the nodes beyond the admin password: TLS material (probes and BullMQ alike),
 * and the ACL user BullMQ connects as (src/connect); probes always use the admin password.
 */
export interface Credentials {
  tls?: TlsMaterial;
  app?: { username: string; password: string };
}

/** What a probe is pointed at. Everything else (master, replicas, peers) is discovered live. */
export type ProbeTarget =
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
export function targetFromTopology(t: Topology, password?: string, credentials: Credentials = {}): ProbeTarget {
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

/** Probe-client options for `target`'s nodes: its TLS material when it has any, plus `extra`. */
export function probeClientOptions<T extends Partial<ProbeClientOptions>>(target: ProbeTarget, extra: T = {} as T): T & Pick<ProbeClientOptions, 'tls'> {
  return { ...extra, ...(target.tls && { tls: target.tls }) };
}

/** The first address the user gave: a sentinel, a cluster seed, or the standalone node. */
export function firstEndpoint(target: ProbeTarget): Endpoint | undefined {
  return target.kind === 'sentinel' ? target.sentinels[0] : target.kind === 'cluster' ? target.seeds[0] : target.node;
}

import { uniqueEndpoints, type Addresses } from './addresses.js';
import { readClusterView, type ClusterView } from './cluster.js';
import { formatEndpoint, type Endpoint } from '../redis/endpoint.js';
import type { HealthOptions } from './health-report.js';
import { probeNode, type Probed } from './node-probe.js';
import { readReplication, type ReplicationState } from './replication.js';

/** What one cluster node says about the cluster and about its own replication. */
export interface ClusterReading {
  view: ClusterView;
  replication: ReplicationState;
}

/**
 * Probe the seeds, then every node their CLUSTER NODES name (by announced address), until no
 * new address turns up. The result has one entry per node: a seed given under another name
 * (localhost vs 127.0.0.1) answers with a node id already seen and is dropped.
 */
export async function discoverCluster(
  seeds: Endpoint[],
  password: string | undefined,
  addresses: Addresses,
  opts: HealthOptions,
): Promise<Probed<ClusterReading>[]> {
  const read = (ep: Endpoint) =>
    // Both reads sent at once: one round trip per node, not two.
    probeNode(
      ep,
      password,
      async (c) => {
        const [view, replication] = await Promise.all([readClusterView(c), readReplication(c)]);
        return { view, replication };
      },
      opts.client,
    );
  const byAddress = new Map<string, Probed<ClusterReading>>();
  let pending = uniqueEndpoints(seeds);
  while (pending.length > 0) {
    const round = await Promise.all(pending.map(read));
    for (const p of round) byAddress.set(formatEndpoint(p.address), p);
    pending = uniqueEndpoints(round.flatMap((p) => (p.ok ? announcedAddresses(p.value.view, addresses) : []))).filter(
      (ep) => !byAddress.has(formatEndpoint(ep)),
    );
  }
  // Keep, per node id, the probe made at the node's own announced address.
  const byId = new Map<string, Probed<ClusterReading>>();
  const unread: Probed<ClusterReading>[] = [];
  for (const p of byAddress.values()) {
    const myself = p.ok ? p.value.view.myself : undefined;
    if (!myself) unread.push(p);
    else if (!byId.has(myself.id) || formatEndpoint(addresses.reach(myself.address)) === formatEndpoint(p.address)) byId.set(myself.id, p);
  }
  return [...byId.values(), ...unread];
}

function announcedAddresses(view: ClusterView, addresses: Addresses): Endpoint[] {
  return view.nodes
    .filter((n) => n.address.host !== '' && n.address.port > 0 && !n.flags.includes('noaddr') && !n.flags.includes('handshake'))
    .map((n) => addresses.reach(n.address));
}

import { CLUSTER_BUS_PORT_OFFSET } from '../specfile/defaults.js';
import type { Spec } from '../specfile/spec.js';
import { nodeCounts } from '../specfile/ports.js';
import { LOOPBACK, nodeAddress } from './address.js';
import { slotRanges } from './slots.js';
import { localHostname } from './names.js';
import type { NodePlan, Topology } from './types.js';

export { LOOPBACK } from './address.js';

/** Spec -> Topology: every node with its id, role, ports and the address it announces. */
export function planTopology(spec: Spec): Topology {
  const bridge = spec.docker.network === 'bridge';
  const addresses = bridge ? subnetHosts(spec.docker.subnet) : undefined;
  const hostnames = spec.announce === 'hostnames';
  // Per-node loopback addresses are the local runtime's; docker nodes keep 127.0.0.1 / container addresses.
  const host = (port: number) => (bridge ? LOOPBACK : nodeAddress(spec.network.addresses, port));
  // A node announces its name (hostname mode), its container address (bridge), or where it listens.
  const announce = (index: number, id: string, port: number) => (hostnames ? localHostname(spec.name, id) : addresses ? addresses(index) : host(port));
  const { data, sentinels } = nodeCounts(spec);
  const nodes: NodePlan[] = [];

  if (spec.kind === 'cluster') {
    const c = spec.cluster;
    if (!c) throw new Error(`spec ${spec.name}: kind cluster without its cluster section (parseSpec fills it in)`);
    const ranges = slotRanges(c.masters);
    for (let i = 0; i < data; i++) {
      const port = spec.ports.base + i;
      const isMaster = i < c.masters;
      // Replicas follow masters round-robin, so replica j of shard s is node masters + j*masters + s.
      const shard = isMaster ? i : (i - c.masters) % c.masters;
      const id = `node-${i + 1}`;
      nodes.push({
        id,
        role: isMaster ? 'master' : 'replica',
        host: host(port),
        port,
        busPort: port + CLUSTER_BUS_PORT_OFFSET,
        announceIp: announce(i, id, port),
        shard,
        ...(isMaster ? { slots: ranges[i] } : { replicaOf: `node-${shard + 1}` }),
      });
    }
  } else {
    for (let i = 0; i < data; i++) {
      const id = `redis-${i + 1}`;
      nodes.push({
        id,
        role: i === 0 ? 'master' : 'replica',
        host: host(spec.ports.base + i),
        port: spec.ports.base + i,
        announceIp: announce(i, id, spec.ports.base + i),
        ...(i === 0 ? {} : { replicaOf: 'redis-1' }),
      });
    }
    for (let i = 0; i < sentinels; i++) {
      const id = `sentinel-${i + 1}`;
      nodes.push({
        id,
        role: 'sentinel',
        host: host(spec.ports.sentinelBase + i),
        port: spec.ports.sentinelBase + i,
        announceIp: announce(data + i, id, spec.ports.sentinelBase + i),
      });
    }
  }

  const s = spec.sentinel;
  return {
    name: spec.name,
    kind: spec.kind,
    image: spec.image,
    network: spec.docker.network,
    subnet: spec.docker.subnet,
    announce: spec.announce,
    addresses: bridge ? 'shared' : spec.network.addresses,
    auth: { ...spec.auth, acl: { ...spec.auth.acl, keys: [...spec.auth.acl.keys] } },
    tls: { ...spec.tls },
    persistence: { ...spec.persistence },
    nodes,
    ...(s && {
      sentinel: {
        masterName: s.masterName,
        quorum: s.quorum,
        downAfterMs: s.downAfterMs,
        failoverTimeoutMs: s.failoverTimeoutMs,
        parallelSyncs: s.parallelSyncs,
        minReplicasToWrite: s.minReplicasToWrite,
        minReplicasMaxLagS: s.minReplicasMaxLagS,
      },
    }),
    ...(spec.cluster && { cluster: { ...spec.cluster } }),
  };
}

/** Fixed container addresses from the subnet: .10, .11, ... (fixed IPs, because a stopped container drops out of DNS). */
function subnetHosts(cidr: string): (index: number) => string {
  // The spec's schema checked the subnet is an IPv4 CIDR.
  const [ip = ''] = cidr.split('/');
  const [a = 0, b = 0, c = 0] = ip.split('.').map(Number);
  const base = ((a << 24) | (b << 16) | (c << 8)) >>> 0;
  return (index) => {
    const n = (base + 10 + index) >>> 0;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  };
}

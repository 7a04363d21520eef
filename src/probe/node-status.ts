import type { Addresses } from './addresses.js';
import { formatEndpoint, sameEndpoint, type Endpoint } from '../redis/endpoint.js';
import type { DataNodeStatus, Problems } from './health-report.js';
import type { Probed } from './node-probe.js';
import { replicaLag, type ConnectedReplica, type ReplicationState } from './replication.js';

/** A data node as both the probe and (for replicas) the master saw it. */
export interface ReplicaPair {
  address: Endpoint;
  replica: ReplicationState;
  /** The master it should follow, when that master could be read. */
  master: { address: Endpoint; state: ReplicationState } | undefined;
}

/** The master's `slaveN` line for this replica (the master reports announced addresses). */
export function seenByMaster(addresses: Addresses, master: ReplicationState, replica: Endpoint): ConnectedReplica | undefined {
  return master.replicas.find((r) => sameEndpoint(addresses.reach(r.address), replica));
}

/** A status row; for a replica whose master was read, `master` adds the lag columns. */
export function dataNodeStatus(addresses: Addresses, probed: Probed<ReplicationState>, master?: ReplicationState): DataNodeStatus {
  const id = addresses.label(probed.address);
  const base: DataNodeStatus = { ...(id && { name: id }), address: probed.address, reachable: probed.ok };
  if (!probed.ok) return { ...base, error: probed.error.detail };
  const r = probed.value;
  const lag = r.role === 'replica' && master ? replicaLag(master, seenByMaster(addresses, master, probed.address), r) : undefined;
  return {
    ...base,
    role: r.role,
    ...(r.master && { master: addresses.reach(r.master) }),
    ...(r.linkStatus && { link: r.linkStatus }),
    offset: r.offset,
    ...(lag && { lagBytes: lag.bytes }),
    ...(lag?.seconds !== undefined && { lagSeconds: lag.seconds }),
    ...(r.connectedClients !== undefined && { clients: r.connectedClients }),
    ...(r.usedMemory !== undefined && { memoryBytes: r.usedMemory }),
    ...(r.usedMemoryHuman !== undefined && { memoryHuman: r.usedMemoryHuman }),
  };
}

/** Every way a reachable replica can fall short of following its master closely. */
export function checkReplica(problems: Problems, addresses: Addresses, pair: ReplicaPair, maxLagSeconds: number): void {
  const name = addresses.name(pair.address);
  const { replica, master } = pair;
  if (replica.role !== 'replica') {
    problems.add(`${name}: reports role master, expected a replica${master ? ` of ${formatEndpoint(master.address)}` : ''}`);
    return;
  }
  if (replica.linkStatus !== 'up') problems.add(`${name}: master_link_status down`);
  const follows = replica.master && addresses.reach(replica.master);
  if (master && follows && !sameEndpoint(follows, master.address)) {
    problems.add(`${name}: replicates ${formatEndpoint(follows)}, not the master ${formatEndpoint(master.address)}`);
  }
  if (!master || replica.linkStatus !== 'up') return;
  const line = seenByMaster(addresses, master.state, pair.address);
  if (!line) {
    problems.add(`${name}: not listed among the master's connected replicas`);
    return;
  }
  if (line.state !== 'online') problems.add(`${name}: replication state ${line.state}`);
  const { seconds } = replicaLag(master.state, line, replica);
  if (seconds !== undefined && seconds > maxLagSeconds) problems.add(`${name}: ${seconds} s behind the master`);
}

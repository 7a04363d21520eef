/**
 * Live states for doctor's rules, built by hand as `readLive` would return them: a sentinel
 * topology (redis-1..3 on 6380-6382, sentinel-1..3 on 26380-26382), a 3x1 cluster (node-1..6
 * on 7000-7005) and a standalone node. Every state starts healthy; tests change one thing.
 */
import type { DataNodeReading, LiveState, SentinelReading } from '../../src/doctor/live-read.js';
import { addressesFrom } from '../../src/probe/addresses.js';
import type { ClusterInfo } from '../../src/probe/cluster.js';
import type { SlotRange } from '../../src/probe/cluster-nodes.js';
import type { Endpoint } from '../../src/redis/endpoint.js';
import type { DataNodeStatus, HealthReport, SentinelStatus } from '../../src/probe/health-report.js';
import type { Target } from '../../src/redis/target.js';

const HOST = '127.0.0.1';
export const ep = (port: number): Endpoint => ({ host: HOST, port });
export const at = (port: number): string => `${HOST}:${port}`;

const LABELS: Record<string, string> = {
  ...Object.fromEntries([6380, 6381, 6382].map((p, i) => [at(p), `redis-${i + 1}`])),
  ...Object.fromEntries([26380, 26381, 26382, 26383].map((p, i) => [at(p), `sentinel-${i + 1}`])),
  ...Object.fromEntries([7000, 7001, 7002, 7003, 7004, 7005].map((p, i) => [at(p), `node-${i + 1}`])),
};
/** How doctor names a node in findings: `redis-1 127.0.0.1:6380`. */
export const nameOf = (port: number): string => `${LABELS[at(port)]} ${at(port)}`;

/** CONFIG GET as a well-set node answers it. */
export const CONFIG: Record<string, string> = {
  'maxmemory-policy': 'noeviction',
  maxmemory: '1073741824',
  appendonly: 'yes',
  appendfsync: 'everysec',
  'min-replicas-to-write': '1',
  'min-replicas-max-lag': '10',
};
export const OFFSET = 5000;

export function master(port: number, replicaPorts: number[], config: Record<string, string> = CONFIG): DataNodeReading {
  return {
    address: ep(port),
    name: nameOf(port),
    status: { name: LABELS[at(port)], address: ep(port), reachable: true, role: 'master' },
    replication: {
      role: 'master',
      offset: OFFSET,
      connectedClients: 1,
      usedMemory: 1024,
      usedMemoryHuman: '1K',
      replicas: replicaPorts.map((p) => ({ address: ep(p), state: 'online', offset: OFFSET, lagSeconds: 0 })),
    },
    config: { ...config },
  };
}

export function replica(port: number, masterPort: number, config: Record<string, string> = CONFIG): DataNodeReading {
  return {
    address: ep(port),
    name: nameOf(port),
    status: { name: LABELS[at(port)], address: ep(port), reachable: true, role: 'replica', master: ep(masterPort), link: 'up' },
    replication: {
      role: 'replica',
      master: ep(masterPort),
      linkStatus: 'up',
      offset: OFFSET,
      lastIoSecondsAgo: 0,
      connectedClients: 1,
      usedMemory: 1024,
      usedMemoryHuman: '1K',
      replicas: [],
    },
    config: { ...config },
  };
}

/** A node that did not answer: the health probe's row only. */
export function unreachable(port: number, status: Partial<DataNodeStatus> = {}): DataNodeReading {
  return { address: ep(port), name: nameOf(port), status: { address: ep(port), reachable: false, error: `connect ECONNREFUSED ${at(port)}`, ...status } };
}

export function sentinel(port: number, status: Partial<SentinelStatus> = {}, downAfterMs = '5000'): SentinelReading {
  const s: SentinelStatus = {
    name: LABELS[at(port)],
    address: ep(port),
    reachable: true,
    master: ep(6380),
    masterFlags: ['master'],
    knownReplicas: 2,
    usableReplicas: 2,
    otherSentinels: 2,
    quorum: 2,
    ckquorum: { ok: true, message: 'OK 3 usable Sentinels. Quorum and failover authorization can be reached' },
    ...status,
  };
  return {
    address: ep(port),
    name: nameOf(port),
    status: s,
    ...(s.reachable && s.master && { master: { name: 'mymaster', 'down-after-milliseconds': downAfterMs } }),
  };
}

function health(kind: HealthReport['kind'], nodes: DataNodeReading[], sentinels: SentinelReading[], extra: Partial<HealthReport> = {}): HealthReport {
  return {
    kind,
    verdict: 'healthy',
    problems: [],
    checkedAt: '2025-01-01T12:00:00.000Z',
    nodes: nodes.map((n) => n.status),
    sentinels: sentinels.map((s) => s.status),
    ...extra,
  };
}

export const sentinelNodes = (): DataNodeReading[] => [master(6380, [6381, 6382]), replica(6381, 6380), replica(6382, 6380)];
export const sentinels = (ports = [26380, 26381, 26382]): SentinelReading[] => ports.map((p) => sentinel(p));

export function sentinelState(nodes = sentinelNodes(), watchers = sentinels(), masterAt = ep(6380)): LiveState {
  const target: Target = { kind: 'sentinel', sentinels: watchers.map((s) => s.address), masterName: 'mymaster', labels: LABELS };
  return { target, addresses: addressesFrom(target), health: health('sentinel', nodes, watchers, { master: masterAt }), nodes, sentinels: watchers };
}

export function standaloneState(node = master(6380, [], { ...CONFIG, 'min-replicas-to-write': '0' })): LiveState {
  const target: Target = { kind: 'standalone', node: ep(6380), labels: LABELS };
  return { target, addresses: addressesFrom(target), health: health('standalone', [node], [], { master: ep(6380) }), nodes: [node], sentinels: [] };
}

export const CLUSTER_INFO: ClusterInfo = {
  state: 'ok',
  slotsAssigned: 16384,
  slotsOk: 16384,
  slotsPfail: 0,
  slotsFail: 0,
  knownNodes: 6,
  size: 3,
  currentEpoch: 6,
};
/** Cluster nodes: min-replicas-to-write 0 (as redis-arc plans it) and a 5 s node timeout. */
export const CLUSTER_CONFIG: Record<string, string> = { ...CONFIG, 'min-replicas-to-write': '0', 'cluster-node-timeout': '5000' };
export const SLOTS: SlotRange[][] = [[[0, 5460]], [[5461, 10922]], [[10923, 16383]]];

export function clusterMaster(port: number, slots: SlotRange[], replicaPorts: number[], keys: string[] = []): DataNodeReading {
  const m = master(port, replicaPorts, CLUSTER_CONFIG);
  return {
    ...m,
    status: { ...m.status, flags: ['master'], slots, replicas: replicaPorts.map(ep) },
    cluster: { ...CLUSTER_INFO },
    scan: { keys, dbsize: keys.length, capped: false },
  };
}

export function clusterReplica(port: number, masterPort: number): DataNodeReading {
  const r = replica(port, masterPort, CLUSTER_CONFIG);
  return { ...r, status: { ...r.status, flags: ['slave'] }, cluster: { ...CLUSTER_INFO } };
}

export const clusterNodes = (keys: string[][] = [[], [], []]): DataNodeReading[] => [
  ...[7000, 7001, 7002].map((p, i) => clusterMaster(p, SLOTS[i]!, [p + 3], keys[i])),
  ...[7003, 7004, 7005].map((p) => clusterReplica(p, p - 3)),
];

export function clusterState(nodes = clusterNodes(), info: ClusterInfo = CLUSTER_INFO): LiveState {
  const target: Target = { kind: 'cluster', seeds: [ep(7000)], labels: LABELS };
  return { target, addresses: addressesFrom(target), health: health('cluster', nodes, [], { cluster: info }), nodes, sentinels: [] };
}

/** A copy of `node` with some CONFIG values changed. */
export const withConfig = (node: DataNodeReading, config: Record<string, string>): DataNodeReading => ({ ...node, config: { ...node.config, ...config } });

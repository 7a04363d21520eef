import { CLUSTER_SLOTS } from '../topology/slots.js';
import { addressesFrom, type Addresses } from './addresses.js';
import { discoverCluster, type ClusterReading } from './cluster-discovery.js';
import { slotMapSignature, type ClusterNodeEntry } from './cluster-nodes.js';
import { sameEndpoint } from '../redis/endpoint.js';
import { Problems, verdictOf, type DataNodeStatus, type HealthOptions, type HealthReport } from './health-report.js';
import type { Probed } from './node-probe.js';
import { checkReplica, dataNodeStatus } from './node-status.js';
import type { ReplicationState } from './replication.js';
import type { Target } from '../redis/target.js';

type ClusterTarget = Extract<Target, { kind: 'cluster' }>;
type Reading = Extract<Probed<ClusterReading>, { ok: true }>;

/** Flags on a CLUSTER NODES line that mean the node is not a settled, working member. */
const TROUBLE_FLAGS = ['fail', 'fail?', 'handshake', 'noaddr'];

/**
 * Cluster health from live state: every node the seeds lead to is read. Down when no node
 * answers or fewer than a majority of those that answer report cluster_state:ok; degraded when
 * anything else falls short.
 */
export async function checkClusterHealth(target: ClusterTarget, opts: HealthOptions): Promise<HealthReport> {
  const addresses = addressesFrom(target);
  const problems = new Problems();
  const probes = await discoverCluster(target.seeds, target.password, addresses, opts);
  for (const p of probes) if (!p.ok) problems.add(`${addresses.name(p.address)}: ${p.error.problem}`);
  const readings = probes.filter((p): p is Reading => p.ok);
  const reference = majorityView(readings);
  if (!reference) {
    problems.add('no cluster node answers');
    return {
      kind: 'cluster',
      verdict: 'down',
      problems: problems.lines(),
      checkedAt: new Date().toISOString(),
      nodes: statusesOf(addresses, probes, []),
      sentinels: [],
    };
  }

  const referenceMap = slotMapSignature(reference.value.view.nodes);
  for (const { address, value } of readings) {
    const name = addresses.name(address);
    const { info, nodes } = value.view;
    if (info.state !== 'ok') problems.add('cluster_state fail', name);
    if (info.slotsAssigned !== CLUSTER_SLOTS) problems.add(`${info.slotsAssigned} of ${CLUSTER_SLOTS} slots assigned`, name);
    else if (info.slotsOk !== CLUSTER_SLOTS)
      problems.add(`${info.slotsOk} of ${CLUSTER_SLOTS} slots ok (pfail ${info.slotsPfail}, fail ${info.slotsFail})`, name);
    if (slotMapSignature(nodes) !== referenceMap) problems.add(`${name}: its slot map differs from the majority's`);
    for (const entry of nodes) {
      const trouble = entry.flags.filter((f) => TROUBLE_FLAGS.includes(f));
      if (trouble.length > 0) problems.add(`${addresses.name(addresses.reach(entry.address))}: flagged ${trouble.join(',')}`, name);
    }
  }

  const nodes = reference.value.view.nodes;
  const masters = mastersBySlot(nodes);
  if (target.expect && masters.length !== target.expect.masters) {
    problems.add(`${masters.length} masters serve slots, expected ${target.expect.masters}`);
  }
  for (const master of masters) {
    const working = replicasOf(nodes, master).filter((r) => !r.fail && !r.pfail).length;
    if (target.expect && working < target.expect.replicasPerMaster) {
      problems.add(`${addresses.name(addresses.reach(master.address))}: ${working} of ${target.expect.replicasPerMaster} replicas`);
    }
  }
  for (const entry of nodes.filter((n) => n.role === 'replica')) {
    const reading = readingAt(addresses, readings, entry);
    const master = nodes.find((n) => n.id === entry.masterId);
    const masterReading = master && readingAt(addresses, readings, master);
    if (!reading) continue;
    checkReplica(
      problems,
      addresses,
      {
        address: reading.address,
        replica: reading.value.replication,
        master: masterReading && { address: masterReading.address, state: masterReading.value.replication },
      },
      opts.maxLagSeconds,
    );
  }

  // Mid-failover the promoted replica already says ok while the rest still say fail: count heads.
  const down = readings.filter((r) => r.value.view.info.state === 'ok').length * 2 <= readings.length;
  return {
    kind: 'cluster',
    verdict: verdictOf(down, problems.lines()),
    problems: problems.lines(),
    checkedAt: new Date().toISOString(),
    nodes: statusesOf(addresses, probes, nodes),
    sentinels: [],
    cluster: reference.value.view.info,
  };
}

/** A reading from the slot map most nodes hold (ties: the first seed's). */
function majorityView(readings: Reading[]): Reading | undefined {
  const groups = new Map<string, Reading[]>();
  for (const r of readings) {
    const key = slotMapSignature(r.value.view.nodes);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length)[0]?.[0];
}

const mastersBySlot = (nodes: ClusterNodeEntry[]): ClusterNodeEntry[] =>
  nodes.filter((n) => n.role === 'master' && n.slots.length > 0).sort((a, b) => (a.slots[0]?.[0] ?? 0) - (b.slots[0]?.[0] ?? 0));

const replicasOf = (nodes: ClusterNodeEntry[], master: ClusterNodeEntry): ClusterNodeEntry[] =>
  nodes.filter((n) => n.role === 'replica' && n.masterId === master.id);

const readingAt = (addresses: Addresses, readings: Reading[], entry: ClusterNodeEntry): Reading | undefined =>
  readings.find((r) => r.value.view.myself?.id === entry.id) ?? readings.find((r) => sameEndpoint(r.address, addresses.reach(entry.address)));

/** Rows in slot order: each master, then its replicas; then other known nodes; then unread seeds. */
function statusesOf(addresses: Addresses, probes: Probed<ClusterReading>[], nodes: ClusterNodeEntry[]): DataNodeStatus[] {
  const masters = mastersBySlot(nodes);
  const ordered = [...masters.flatMap((m) => [m, ...replicasOf(nodes, m)])];
  ordered.push(...nodes.filter((n) => !ordered.includes(n)));
  const replicationAt = (p: Probed<ClusterReading> | undefined) => (p?.ok ? p.value.replication : undefined);
  const probeAt = (entry: ClusterNodeEntry) => probes.find((p) => sameEndpoint(p.address, addresses.reach(entry.address)));
  const rows = ordered.map((entry): DataNodeStatus => {
    const probe = probeAt(entry);
    const master = nodes.find((n) => n.id === entry.masterId);
    const clusterColumns = {
      clusterId: entry.id,
      flags: entry.flags.filter((f) => f !== 'myself'),
      ...(masters.includes(entry) && {
        slots: entry.slots,
        replicas: replicasOf(nodes, entry).map((r) => addresses.reach(r.address)),
      }),
    };
    if (!probe) return { address: addresses.reach(entry.address), reachable: false, error: 'not probed', ...clusterColumns };
    return { ...dataNodeStatus(addresses, replicationOf(probe), replicationAt(master && probeAt(master))), ...clusterColumns };
  });
  const unlisted = probes.filter((p) => !rows.some((r) => sameEndpoint(r.address, p.address)));
  return [...rows, ...unlisted.map((p) => dataNodeStatus(addresses, replicationOf(p)))];
}

const replicationOf = (p: Probed<ClusterReading>): Probed<ReplicationState> => (p.ok ? { ok: true, address: p.address, value: p.value.replication } : p);

import { addressesFrom, uniqueEndpoints, type Addresses } from './addresses.js';
import { formatEndpoint, sameEndpoint, type Endpoint } from '../redis/endpoint.js';
import { Problems, verdictOf, type HealthOptions, type HealthReport, type SentinelStatus } from './health-report.js';
import { probeNode, type Probed } from './node-probe.js';
import { checkReplica, dataNodeStatus } from './node-status.js';
import { readReplication } from './replication.js';
import { isDownEntry, readSentinelView, type SentinelView } from './sentinel.js';
import type { Target } from '../redis/target.js';

type SentinelTarget = Extract<Target, { kind: 'sentinel' }>;

/**
 * Sentinel health from live state: the sentinels say who the master is, the master and the
 * sentinels say who the replicas are. Down when no sentinel answers or no reachable node is the
 * master they name; degraded when anything else falls short.
 */
export async function checkSentinelHealth(target: SentinelTarget, opts: HealthOptions): Promise<HealthReport> {
  const addresses = addressesFrom(target);
  const problems = new Problems('sentinels');
  const sentinels = await readSentinels(target, addresses, opts);
  const report = (down: boolean, rest: Partial<HealthReport> = {}): HealthReport => ({
    kind: 'sentinel',
    verdict: verdictOf(down, problems.lines()),
    problems: problems.lines(),
    checkedAt: new Date().toISOString(),
    nodes: [],
    ...rest,
    sentinels: sentinels.map((s) => sentinelStatus(addresses, s)),
  });
  for (const s of sentinels) if (!s.ok) problems.add(`${addresses.name(s.address)}: ${s.error.problem}`);
  const views = sentinels.filter((s): s is Extract<Probed<SentinelView>, { ok: true }> => s.ok);
  if (views.length === 0) {
    problems.add('no sentinel answers');
    // Without sentinels nothing names the master; the planned data nodes still say whether they run.
    const direct = await Promise.all((target.dataNodes ?? []).map((ep) => probeNode(ep, target.password, readReplication, opts.client)));
    return report(true, { nodes: direct.map((r) => dataNodeStatus(addresses, r)) });
  }

  const masterAddress = electMaster(views, addresses, problems, target.masterName);
  if (!masterAddress) return report(true);
  const masterProbe = await probeNode(masterAddress, target.password, readReplication, opts.client);
  const master = masterProbe.ok && masterProbe.value.role === 'master' ? { address: masterAddress, state: masterProbe.value } : undefined;
  if (!masterProbe.ok) problems.add(`master ${addresses.name(masterAddress)}: ${masterProbe.error.problem}`);
  else if (!master) problems.add(`${addresses.name(masterAddress)}: named master by the sentinels but reports role replica`);

  // Replicas: those connected to the master plus every one a sentinel remembers (a dead one included).
  const replicaAddresses = uniqueEndpoints([
    ...(masterProbe.ok ? masterProbe.value.replicas.map((r) => addresses.reach(r.address)) : []),
    ...views.flatMap((v) => v.value.replicas.map((r) => addresses.reach(r.address))),
  ]).filter((ep) => !sameEndpoint(ep, masterAddress));
  const replicas = await Promise.all(replicaAddresses.map((ep) => probeNode(ep, target.password, readReplication, opts.client)));
  for (const r of replicas) {
    if (!r.ok) problems.add(`${addresses.name(r.address)}: ${r.error.problem}`);
    else checkReplica(problems, addresses, { address: r.address, replica: r.value, master }, opts.maxLagSeconds);
  }

  const expectedSentinels = target.expect?.sentinels ?? sentinels.length;
  const expectedReplicas = target.expect?.replicas ?? master?.state.replicas.length ?? 0;
  for (const { address, value } of views)
    checkView(problems, addresses, addresses.name(address), value, { replicas: expectedReplicas, sentinels: expectedSentinels }, opts.peerPingMs);
  if (target.expect && replicaAddresses.length !== target.expect.replicas) {
    problems.add(`found ${replicaAddresses.length} replicas, expected ${target.expect.replicas}`);
  }
  if (target.expect && sentinels.length !== target.expect.sentinels) {
    problems.add(`found ${sentinels.length} sentinels, expected ${target.expect.sentinels}`);
  }

  return report(!master, {
    master: masterAddress,
    nodes: [dataNodeStatus(addresses, masterProbe), ...replicas.map((r) => dataNodeStatus(addresses, r, master?.state))],
  });
}

/** The given sentinels, then the peers they know that were not given (users may name just one). */
async function readSentinels(target: SentinelTarget, addresses: Addresses, opts: HealthOptions): Promise<Probed<SentinelView>[]> {
  const read = (ep: Endpoint) => probeNode(ep, target.sentinelPassword, (c) => readSentinelView(c, target.masterName), opts.client);
  const given = await Promise.all(uniqueEndpoints(target.sentinels).map(read));
  const peers = uniqueEndpoints(given.flatMap((s) => (s.ok ? s.value.sentinels.map((p) => addresses.reach(p.address)) : []))).filter(
    (ep) => !given.some((s) => sameEndpoint(s.address, ep)),
  );
  return [...given, ...(await Promise.all(peers.map(read)))];
}

/** The master most sentinels name; disagreement and ignorance are problems. */
function electMaster(views: { address: Endpoint; value: SentinelView }[], addresses: Addresses, problems: Problems, masterName: string): Endpoint | undefined {
  const votes = new Map<string, { address: Endpoint; by: string[] }>();
  for (const { address, value } of views) {
    if (!value.masterAddress) {
      problems.add(`${addresses.name(address)}: does not monitor a master named '${masterName}'`);
      continue;
    }
    const named = addresses.reach(value.masterAddress);
    const vote = votes.get(formatEndpoint(named)) ?? { address: named, by: [] };
    vote.by.push(addresses.name(address));
    votes.set(formatEndpoint(named), vote);
  }
  const ranked = [...votes.values()].sort((a, b) => b.by.length - a.by.length);
  if (ranked.length > 1) {
    problems.add(`sentinels disagree on the master: ${ranked.map((v) => `${formatEndpoint(v.address)} (${v.by.join(', ')})`).join(' vs ')}`);
  }
  if (ranked.length === 0) problems.add(`no sentinel knows a master named '${masterName}'`);
  return ranked[0]?.address;
}

/** One sentinel's view against the expected counts; the same finding from several sentinels is one line. */
function checkView(
  problems: Problems,
  addresses: Addresses,
  name: string,
  view: SentinelView,
  expected: { replicas: number; sentinels: number },
  peerPingMs: number | undefined,
): void {
  const { replicas: expectedReplicas, sentinels: expectedSentinels } = expected;
  const master = view.master;
  if (!master) return;
  const down = master.flags.filter((f) => f === 's_down' || f === 'o_down');
  if (down.length > 0) problems.add(`master flagged ${down.join(',')}`, name);
  if (master.flags.includes('failover_in_progress')) problems.add('failover in progress', name);
  const usable = view.replicas.filter((r) => !isDownEntry(r.flags)).length;
  if (usable < expectedReplicas) problems.add(`${usable} of ${expectedReplicas} replicas usable`, name);
  if (master.numOtherSentinels !== expectedSentinels - 1) {
    problems.add(`${master.numOtherSentinels} of ${expectedSentinels - 1} other sentinels known`, name);
  }
  if (!view.ckquorum.ok) problems.add(`CKQUORUM: ${view.ckquorum.message}`, name);
  // CKQUORUM counts a peer as usable until it has been silent for down-after-milliseconds, even
  // one this sentinel is not connected to (known from its conf, or its address unreachable): it
  // passes for a moment, then fails. A failover needs the peers' votes: each must be connected.
  // A start's wait also counts a PING left unanswered (peerPingMs), which shows at once. (The age
  // of the last PONG is no test: sentinels PING each other once a second, so it exceeds a short
  // down-after between two PINGs of a healthy peer.)
  for (const peer of view.sentinels) {
    const peerName = `peer ${addresses.name(addresses.reach(peer.address))}`;
    if (isDownEntry(peer.flags)) problems.add(`${peerName} not answering (${peer.flags.join(',')})`, name);
    else if (peerPingMs !== undefined && peer.pingPendingMs > peerPingMs) problems.add(`${peerName} has not answered a PING yet`, name);
  }
}

function sentinelStatus(addresses: Addresses, probed: Probed<SentinelView>): SentinelStatus {
  const id = addresses.label(probed.address);
  const base: SentinelStatus = { ...(id && { name: id }), address: probed.address, reachable: probed.ok };
  if (!probed.ok) return { ...base, error: probed.error.detail };
  const { masterAddress, master, replicas, ckquorum } = probed.value;
  return {
    ...base,
    ...(masterAddress && { master: addresses.reach(masterAddress) }),
    ...(master && {
      masterFlags: master.flags,
      knownReplicas: master.numSlaves,
      usableReplicas: replicas.filter((r) => !isDownEntry(r.flags)).length,
      otherSentinels: master.numOtherSentinels,
      quorum: master.quorum,
    }),
    ckquorum,
  };
}

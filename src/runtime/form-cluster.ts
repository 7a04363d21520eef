import type { Redis } from 'ioredis';
import { ArcError } from '../errors/index.js';
import { openProbeClient } from '../probe/client.js';
import { parseInfo } from '../probe/info.js';
import { retryUntil, SYSTEM_CLOCK } from '../wait/retry.js';
import { dataNodes, type NodePlan, type Topology } from '../topology/types.js';
import type { StartStep } from './runtime.js';

type Endpoint = { host: string; port: number };

/** How long formCluster itself waits for cluster_state:ok before leaving it to the caller's health wait. */
const STATE_WAIT_MS = 10_000;
/** Redis' CLUSTER_WRITABLE_DELAY: a master that starts in cluster_state:fail stays there this long. */
const WRITABLE_DELAY_MS = 2000;

/**
 * Form a Redis Cluster exactly as planned, the way `redis-cli --cluster create` does it but
 * with replicas attached to their planned masters: distinct config epochs, ADDSLOTSRANGE on
 * masters, MEET, then CLUSTER REPLICATE. Safe to run again on a formed or half-formed cluster.
 */
export async function formCluster(
  t: Topology,
  endpoint: (n: NodePlan) => Endpoint,
  password: string | undefined,
  opts: {
    timeoutMs?: number;
    onStep?: (s: StartStep) => void;
    tls?: { ca: string; cert?: string; key?: string };
    /** performance.now() before the nodes were spawned: no fresh master reports ok before this + 2 s. */
    startedAt?: number;
  } = {},
): Promise<void> {
  const nodes = dataNodes(t);
  const onStep = opts.onStep ?? (() => {});
  const deadline = SYSTEM_CLOCK.now() + (opts.timeoutMs ?? 30_000);
  const remaining = () => Math.max(0, deadline - SYSTEM_CLOCK.now());
  const clients = new Map<string, Redis>();
  try {
    for (const n of nodes) clients.set(n.id, await openProbeClient(endpoint(n), password, { commandTimeoutMs: 5000, ...(opts.tls && { tls: opts.tls }) }));
    const c = (n: NodePlan) => clients.get(n.id)!;
    const ids = new Map<string, string>();
    for (const n of nodes) ids.set(n.id, String(await c(n).call('CLUSTER', 'MYID')));

    onStep({ message: 'assigning slots to masters' });
    for (const [i, n] of nodes.entries()) {
      const info = parseInfo(String(await c(n).call('CLUSTER', 'INFO')));
      // A fresh node has epoch 0; distinct epochs avoid the collision round that slows convergence.
      if (info.cluster_current_epoch === '0' && info.cluster_known_nodes === '1') {
        await c(n).call('CLUSTER', 'SET-CONFIG-EPOCH', i + 1).catch(() => undefined);
      }
      if (n.slots && info.cluster_slots_assigned === '0') {
        await c(n).call('CLUSTER', 'ADDSLOTSRANGE', n.slots[0], n.slots[1]);
      }
    }

    onStep({ message: `introducing ${nodes.length} nodes (CLUSTER MEET)` });
    // Everyone meets the first node; a replica also meets its own master, so REPLICATE need not wait for gossip.
    // MEET takes an address: under hostnames the announced name is for clients, the node is at its host address.
    const meetAt = (peer: NodePlan) => (t.announce === 'hostnames' ? peer.host : peer.announceIp);
    const meet = (n: NodePlan, peer: NodePlan) => c(n).call('CLUSTER', 'MEET', meetAt(peer), peer.port, peer.busPort ?? peer.port + 10000);
    const first = nodes[0]!;
    for (const n of nodes.slice(1)) await meet(n, first);
    for (const n of nodes.filter((x) => x.replicaOf && x.replicaOf !== first.id)) await meet(n, nodes.find((m) => m.id === n.replicaOf)!);

    for (const n of nodes.filter((x) => x.replicaOf)) {
      const master = nodes.find((m) => m.id === n.replicaOf)!;
      const masterId = ids.get(master.id)!;
      onStep({ message: `attaching ${n.id} to ${master.id}` });
      // The replica must have learnt of its master through gossip before REPLICATE accepts the id.
      const replicate = () =>
        c(n)
          .call('CLUSTER', 'REPLICATE', masterId)
          .then(() => undefined)
          .catch((err: Error) => err);
      const r = await retryUntil(replicate, (reply) => !reply || !/Unknown node/i.test(reply.message), { timeoutMs: remaining(), intervalMs: 50 });
      const reply = r.ok ? r.value : r.last;
      if (reply && /Unknown node/i.test(reply.message)) throw new ArcError(`${n.id} did not learn of ${master.id} through gossip in time; check the cluster bus port ${master.busPort}`);
      if (reply) throw new ArcError(`${n.id}: CLUSTER REPLICATE ${master.id} failed: ${reply.message}`);
    }

    // A fresh master says cluster_state:ok only 2 s after its process started (Redis'
    // CLUSTER_WRITABLE_DELAY, checked on its 100 ms cron), so none can before startedAt + 2 s:
    // wait until just before that without asking, then ask every node on the connections already
    // open every 5 ms, so the caller's health check runs as soon as the last master flips rather
    // than on its own coarser poll. Not ok in time is left for that health check to report.
    onStep({ message: 'waiting for every node to report cluster_state:ok' });
    const ok = async () => (await Promise.all(nodes.map((n) => c(n).call('CLUSTER', 'INFO').then(String, () => '')))).every((i) => i.includes('cluster_state:ok'));
    if (!(await ok())) {
      const quietUntil = (opts.startedAt ?? 0) + WRITABLE_DELAY_MS - 50;
      if (quietUntil > SYSTEM_CLOCK.now()) await SYSTEM_CLOCK.sleep(Math.min(quietUntil - SYSTEM_CLOCK.now(), remaining()));
      await retryUntil(ok, Boolean, { timeoutMs: Math.min(remaining(), STATE_WAIT_MS), intervalMs: 5 });
    }
  } finally {
    for (const client of clients.values()) client.disconnect();
  }
}

/**
 * Whether some node has not joined the planned cluster yet: a run killed mid-formation leaves
 * running but lonely nodes, which `up` must form even though it starts nothing. A formed cluster,
 * failed over or not, is left alone (forming again would re-attach replicas to planned masters).
 */
export async function clusterNeedsForming(
  t: Topology,
  endpoint: (n: NodePlan) => Endpoint,
  password: string | undefined,
  tls?: { ca: string; cert?: string; key?: string },
): Promise<boolean> {
  const nodes = dataNodes(t);
  for (const n of nodes) {
    const client = await openProbeClient(endpoint(n), password, { commandTimeoutMs: 2000, ...(tls && { tls }) }).catch(() => undefined);
    if (!client) continue;
    try {
      const info = parseInfo(String(await client.call('CLUSTER', 'INFO')));
      if (Number(info.cluster_known_nodes) < nodes.length || info.cluster_slots_assigned !== '16384') return true;
    } catch {
      // Not answering now: waitUntilHealthy reports it.
    } finally {
      client.disconnect();
    }
  }
  return false;
}

import type { Redis } from 'ioredis';
import { ArcError } from '../errors/index.js';
import { openProbeClient, withClient } from '../probe/client.js';
import type { ProbePool } from '../probe/pool.js';
import { parseClusterNodes } from '../probe/cluster-nodes.js';
import { parseInfo } from '../probe/info.js';
import { retryUntil, SYSTEM_CLOCK } from '../wait/retry.js';
import { dataNodes, firstDataNode, type NodePlan, type Topology } from '../topology/types.js';
import type { StartStep } from './runtime.js';

type Endpoint = { host: string; port: number };

/** Redis' CLUSTER_WRITABLE_DELAY: a fresh master stays in cluster_state:fail this long after its first cluster cron. */
export const WRITABLE_DELAY_MS = 2000;

/**
 * Form a Redis Cluster exactly as planned, the way `redis-cli --cluster create` does it but
 * with replicas attached to their planned masters: distinct config epochs, ADDSLOTSRANGE on
 * masters, MEET, then CLUSTER REPLICATE. Safe to run again on a formed or half-formed cluster.
 * Returns once the replicas are attached; the caller waits for cluster_state:ok.
 */
export async function formCluster(
  t: Topology,
  endpoint: (n: NodePlan) => Endpoint,
  password: string | undefined,
  opts: {
    /** What is left of the start's boot timeout (boot.ts passes it). */
    timeoutMs: number;
    onStep?: (s: StartStep) => void;
    tls?: { ca: string; cert?: string; key?: string };
  },
): Promise<void> {
  const nodes = dataNodes(t);
  const onStep = opts.onStep ?? (() => {});
  const deadline = SYSTEM_CLOCK.now() + opts.timeoutMs;
  const remaining = () => Math.max(0, deadline - SYSTEM_CLOCK.now());
  const clients = new Map<string, Redis>();
  try {
    for (const n of nodes) clients.set(n.id, await openProbeClient(endpoint(n), password, { commandTimeoutMs: 5000, ...(opts.tls && { tls: opts.tls }) }));
    const c = (n: NodePlan): Redis => {
      const client = clients.get(n.id);
      if (!client) throw new Error(`formCluster: no client was opened for ${n.id}`);
      return client;
    };
    const masterOf = (replica: NodePlan): NodePlan => {
      const master = nodes.find((m) => m.id === replica.replicaOf);
      if (!master) throw new Error(`${replica.id} replicates ${replica.replicaOf}, which is not a data node of ${t.name}`);
      return master;
    };
    const ids = new Map<string, string>();
    for (const n of nodes) ids.set(n.id, String(await c(n).call('CLUSTER', 'MYID')));

    onStep({ message: 'assigning slots to masters' });
    for (const [i, n] of nodes.entries()) {
      const info = parseInfo(String(await c(n).call('CLUSTER', 'INFO')));
      // A fresh node has epoch 0; distinct epochs avoid the collision round that slows convergence.
      if (info.cluster_current_epoch === '0' && info.cluster_known_nodes === '1') {
        await c(n)
          .call('CLUSTER', 'SET-CONFIG-EPOCH', i + 1)
          .catch(() => undefined);
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
    // Gossip spreads who is in the cluster, not a node's slots or whose replica it is: a node takes
    // those only from a message of that node itself, sent once they know each other, which may
    // come as late as node-timeout/2 (2.5 s at 5000 ms). Until then a node missing a master's
    // slots says cluster_state:fail, and a replica missing from the views is not counted. A MEET
    // gets such messages across within two cluster crons (~0.2 s), so every node meets every
    // master, and each replica, once attached, every node. Those extra MEETs are best effort: one
    // sent while the peer's own handshake to this node is under way is refused, and not needed.
    const tell = (n: NodePlan, peer: NodePlan) => meet(n, peer).catch(() => undefined);
    const first = firstDataNode(t);
    const masters = nodes.filter((x) => x.slots);
    const replicas = nodes.filter((x) => x.replicaOf);
    for (const n of nodes.slice(1)) await meet(n, first);
    for (const n of replicas.filter((x) => x.replicaOf !== first.id)) await meet(n, masterOf(n));
    for (const m of masters.slice(1)) for (const n of nodes.filter((x) => x !== m && x.replicaOf !== m.id)) await tell(n, m);

    for (const n of replicas) {
      const master = masterOf(n);
      const masterId = ids.get(master.id);
      if (masterId === undefined) throw new Error(`formCluster: CLUSTER MYID of ${master.id} was not read`);
      onStep({ message: `attaching ${n.id} to ${master.id}` });
      // The replica must know its master (the MEET above) before REPLICATE accepts the id.
      const replicate = () =>
        c(n)
          .call('CLUSTER', 'REPLICATE', masterId)
          .then(() => undefined)
          .catch((err: Error) => err);
      const r = await retryUntil(replicate, (reply) => !reply || !/Unknown node/i.test(reply.message), { timeoutMs: remaining(), intervalMs: 50 });
      const reply = r.ok ? r.value : r.last;
      if (reply && /Unknown node/i.test(reply.message))
        throw new ArcError(`${n.id} did not learn of ${master.id} through gossip in time; check the cluster bus port ${master.busPort}`);
      if (reply) throw new ArcError(`${n.id}: CLUSTER REPLICATE ${master.id} failed: ${reply.message}`);
    }
    for (const n of replicas) for (const peer of nodes.filter((x) => x !== n)) await tell(n, peer);
  } finally {
    for (const client of clients.values()) client.disconnect();
  }
}

/**
 * Whether some node has not joined the planned cluster yet: a run killed mid-formation leaves
 * running but lonely nodes, or planned replicas that were never attached (empty masters), which
 * `up` must form even though it starts nothing. A formed cluster, failed over or not, is left
 * alone (forming again would re-attach replicas to planned masters).
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
      // A failed-over cluster has no empty master: a promoted replica took its master's slots.
      if (n.replicaOf && (await emptyMaster(client))) return true;
    } catch {
      // Not answering now: waitUntilHealthy reports it.
    } finally {
      client.disconnect();
    }
  }
  return false;
}

/**
 * Wait until every data node of a cluster formed here says cluster_state:ok: asked once at once
 * (which also opens the pool's connections), then not before `notBefore` (no fresh master flips
 * sooner), then every millisecond, each node until it says ok, over the pool's connections.
 *
 * A master is also asked to re-check its state each time. Redis re-checks on its 100 ms cluster
 * cron, whose ticks run late by ~0.6 ms each, so left alone a fresh master flips ~12 ms after its
 * 2 s. `CLUSTER SETSLOT <slot> STABLE` on a slot of its own that is neither importing nor
 * migrating (as every slot of a cluster just formed) changes nothing, but makes the node
 * re-check its state before it replies: the master flips within a millisecond of the 2 s.
 * False when they did not in time; the caller's health check says why.
 */
export async function waitClusterStateOk(
  t: Topology,
  endpoint: (n: NodePlan) => Endpoint,
  password: string | undefined,
  opts: { pool: ProbePool; notBefore: number; timeoutMs: number; tls?: { ca: string; cert?: string; key?: string }; signal?: AbortSignal },
): Promise<boolean> {
  const deadline = SYSTEM_CLOCK.now() + opts.timeoutMs;
  const client = { pool: opts.pool, ...(opts.tls && { tls: opts.tls }) };
  const unpoked = new Set<string>();
  const says = (n: NodePlan) =>
    withClient(
      endpoint(n),
      password,
      async (c) => {
        // A login that may not run it (NOPERM) leaves the master to its cron.
        if (n.slots && !unpoked.has(n.id)) await c.call('CLUSTER', 'SETSLOT', n.slots[0], 'STABLE').catch(() => unpoked.add(n.id));
        return String(await c.call('CLUSTER', 'INFO')).includes('cluster_state:ok');
      },
      client,
    ).catch(() => false);
  let waiting = dataNodes(t);
  const poll = async () => {
    const ok = await Promise.all(waiting.map(says));
    waiting = waiting.filter((_, i) => !ok[i]);
    return waiting.length === 0;
  };
  if (await poll()) return true;
  const quietMs = Math.min(opts.notBefore, deadline) - SYSTEM_CLOCK.now();
  if (quietMs > 0) await SYSTEM_CLOCK.sleep(quietMs, opts.signal);
  const signal = opts.signal && { signal: opts.signal };
  return (await retryUntil(poll, Boolean, { timeoutMs: Math.max(0, deadline - SYSTEM_CLOCK.now()), intervalMs: 1, ...signal })).ok;
}

/** The node is a master that serves no slot, by its own CLUSTER NODES line. */
async function emptyMaster(client: Redis): Promise<boolean> {
  const myself = parseClusterNodes(String(await client.call('CLUSTER', 'NODES'))).find((e) => e.myself);
  return myself?.role === 'master' && myself.slots.length === 0;
}

import { createHash } from 'node:crypto';
import type { NodePlan, Topology } from '../topology/types.js';
import { clusterPlan, dataNodes, firstDataNode, plannedMaster, sentinelNodes } from '../topology/types.js';

/** Where a node's files live, and what it binds to: the only difference between docker and local confs. */
export interface ConfPlacement {
  bind: string;
  /** Redis 7 `bind-source-addr`: the address outgoing connections to peers leave from (per-node addresses). */
  bindSourceAddr?: string;
  dir: string;
  logfile: string;
  pidfile?: string;
  /** Path of the 0600 auth include, when auth is on. */
  authInclude?: string;
  /** Certificate files, when TLS is on (the node then listens on TLS only). */
  tls?: { certFile: string; keyFile: string; caFile: string };
}

export const CONTAINER_CONF_DIR = '/usr/local/etc/redis';

export function dockerPlacement(t: Topology): ConfPlacement {
  return {
    // Under bridge networking the node must listen on the container's interface; the host port is published on 127.0.0.1 only.
    bind: t.network === 'bridge' ? '0.0.0.0' : '127.0.0.1',
    dir: '/data',
    logfile: '',
    authInclude: t.auth.enabled ? `${CONTAINER_CONF_DIR}/auth.conf` : undefined,
    // The compose file must mount the TLS folder here (src/security/tls.ts names the files).
    tls: t.tls.enabled
      ? { certFile: `${CONTAINER_CONF_DIR}/tls/redis.crt`, keyFile: `${CONTAINER_CONF_DIR}/tls/redis.key`, caFile: `${CONTAINER_CONF_DIR}/tls/ca.crt` }
      : undefined,
  };
}

/** The view one redis.conf / sentinel.conf template is rendered with. */
export function nodeConfView(t: Topology, node: NodePlan, placement: ConfPlacement): Record<string, unknown> {
  const master = node.replicaOf ? t.nodes.find((n) => n.id === node.replicaOf) : undefined;
  const master0 = plannedMaster(t);
  return {
    ...placement,
    // Without a password, protected mode refuses every client not bound through 127.0.0.1 / ::1:
    // the bridge network's peers, and under per-node addresses every peer and client.
    protectedMode: t.auth.enabled || placement.bind === '127.0.0.1' ? 'yes' : 'no',
    name: t.name,
    id: node.id,
    role: node.role,
    port: node.port,
    busPort: node.busPort,
    announceIp: node.announceIp,
    hostnames: t.announce === 'hostnames',
    appendonly: t.persistence.appendonly ? 'yes' : 'no',
    appendfsync: t.persistence.appendfsync,
    maxmemory: t.persistence.maxmemory,
    maxmemoryPolicy: t.persistence.maxmemoryPolicy,
    // Cluster replicas attach with CLUSTER REPLICATE, not replicaof.
    replicaOf: master && t.kind !== 'cluster' ? { host: master.announceIp, port: master.port } : undefined,
    master: master0 ? { host: master0.announceIp, port: master0.port } : undefined,
    ...t.sentinel,
    ...t.cluster,
    ...(node.role === 'sentinel' && sentinelSeed(t, node)),
  };
}

/**
 * A sentinel learns its replicas from the master's INFO (every 10 s) and its peers from hello
 * messages (every 2 s). Seeding both, as Sentinel itself writes them on a config rewrite, lets a
 * fresh topology be healthy within a second instead of after the first INFO round.
 */
function sentinelSeed(t: Topology, self: NodePlan) {
  return {
    myid: sentinelId(t, self),
    knownReplicas: dataNodes(t)
      .filter((n) => n.role === 'replica')
      .map((n) => ({ host: n.announceIp, port: n.port })),
    knownSentinels: sentinelNodes(t)
      .filter((n) => n.id !== self.id)
      .map((n) => ({ host: n.announceIp, port: n.port, id: sentinelId(t, n) })),
  };
}

/**
 * Stable per topology and sentinel (so renders are reproducible), distinct between sentinels.
 * Under hostnames it leaves the name and port out, so the same sentinel has the same id wherever
 * it runs (locally and on Kubernetes).
 */
function sentinelId(t: Topology, n: NodePlan): string {
  const key = t.announce === 'hostnames' ? `${t.name}/${n.id}` : `${t.name}/${n.id}/${n.announceIp}:${n.port}`;
  return createHash('sha1').update(key).digest('hex');
}

/** The view docker-compose.yml templates are rendered with. */
export function composeView(t: Topology): Record<string, unknown> {
  const authEnabled = t.auth.enabled;
  const service = (n: NodePlan) => ({
    id: n.id,
    port: n.port,
    announceIp: n.announceIp,
    publish: [n.port],
    healthcheck: JSON.stringify(healthcheck(t, n)),
  });
  return {
    name: t.name,
    kind: t.kind,
    image: t.image,
    subnet: t.subnet,
    gateway: t.network === 'bridge' ? gatewayOf(t.subnet) : undefined,
    host: t.network === 'host',
    bridge: t.network === 'bridge',
    auth: authEnabled,
    nodes: t.nodes.map(service),
    dataNodes: dataNodes(t).map(service),
    sentinels: sentinelNodes(t).map(service),
    clusterInitScript: t.kind === 'cluster' ? clusterInitScript(t) : undefined,
  };
}

/** The bridge network's gateway (the host): the subnet's first address. */
export function gatewayOf(cidr: string): string {
  const [ip = ''] = cidr.split('/');
  const o = ip.split('.').map(Number);
  return [o[0], o[1], o[2], (o[3] ?? 0) + 1].join('.');
}

/** Health is Redis state, not container state: a cluster node is healthy once cluster_state is ok. */
function healthcheck(t: Topology, n: NodePlan): string[] {
  const cli = `redis-cli -p ${n.port}`;
  if (t.kind === 'cluster') return ['CMD-SHELL', `${cli} cluster info | grep -q cluster_state:ok`];
  return ['CMD', 'redis-cli', '-p', String(n.port), 'ping'];
}

function clusterInitScript(t: Topology): string {
  const nodes = dataNodes(t);
  const addr = (n: NodePlan) => `${n.announceIp}:${n.port}`;
  const first = firstDataNode(t);
  const waits = nodes.map((n) => `until redis-cli -h ${n.announceIp} -p ${n.port} ping >/dev/null 2>&1; do sleep 0.5; done`);
  const create =
    `redis-cli -h ${first.announceIp} -p ${first.port} cluster info | grep -q cluster_state:ok || ` +
    `redis-cli --cluster create ${nodes.map(addr).join(' ')} --cluster-replicas ${clusterPlan(t).replicasPerMaster} --cluster-yes`;
  return [...waits, create].join('; ');
}

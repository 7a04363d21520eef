import { formatEndpoint, sameEndpoint, type Endpoint } from '../probe/endpoint.js';
import { countSlots, formatSlotRanges, type SlotRange } from '../probe/cluster-nodes.js';
import { seenByMaster } from '../probe/node-status.js';
import { replicaLag } from '../probe/replication.js';
import { CLUSTER_SLOTS } from '../topology/slots.js';
import type { Finding, Severity } from './finding.js';
import type { DataNodeReading, LiveState } from './live-read.js';
import { queuesInKeys, type QueueKeys } from './live-queues.js';
import { MIN_SAFE_DETECTION_MS } from './spec-rules.js';

/** Above this, a dead master stalls every queue on it for longer than a worker's stalled-job check (30 s) tolerates well. */
export const MAX_DETECTION_MS = 10_000;
/** A replica further behind than this would lose that much of the queue in a failover. */
export const MAX_LAG_BYTES = 1024 * 1024;
export const MAX_LAG_SECONDS = 10;

export interface LiveRuleOptions {
  /** Checking a redis-arc project: fixes name the spec key too. */
  project: boolean;
}

type Draft = Omit<Finding, 'source' | 'nodes' | 'specKey'> & { nodes?: string[]; specKey?: string };

/** Everything doctor concludes from one live reading. Same finding on several nodes = one finding listing them. */
export function checkLive(state: LiveState, opts: LiveRuleOptions): { findings: Finding[]; queues: QueueKeys[] } {
  const drafts: Draft[] = [];
  for (const node of state.nodes) drafts.push(...nodeRules(state, node));
  drafts.push(...driftRule(state, drafts));
  if (state.target.kind === 'sentinel') drafts.push(...sentinelRules(state));
  let queues: QueueKeys[] = [];
  if (state.target.kind === 'cluster') {
    queues = queuesInKeys(state.nodes.flatMap((n) => (n.scan ? [{ node: n.name, keys: n.scan.keys }] : [])));
    drafts.push(...clusterRules(state, queues));
  }
  return { findings: merge(drafts).map((d) => toFinding(d, opts)), queues };
}

function toFinding(d: Draft, opts: LiveRuleOptions): Finding {
  const { specKey, severity, rule, ...rest } = d;
  return { source: 'live', severity, rule, ...rest, ...(opts.project && specKey && { specKey }) };
}

/** Drafts that differ only in their node become one finding naming every node. */
function merge(drafts: Draft[]): Draft[] {
  const byKey = new Map<string, Draft>();
  for (const d of drafts) {
    const key = JSON.stringify([d.severity, d.rule, d.path, d.observed, d.message, d.fix]);
    const seen = byKey.get(key);
    if (seen) seen.nodes = [...(seen.nodes ?? []), ...(d.nodes ?? [])];
    else byKey.set(key, { ...d, ...(d.nodes && { nodes: [...d.nodes] }) });
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...byKey.values()].sort((a, b) => order[a.severity] - order[b.severity]);
}

const isMaster = (state: LiveState, n: DataNodeReading): boolean =>
  n.replication ? n.replication.role === 'master' : n.status.role === 'master' || Boolean(n.status.flags?.includes('master')) || (state.health.master !== undefined && sameEndpoint(state.health.master, n.status.address));

const persist = 'then CONFIG REWRITE so a restart keeps it';

/** `unreachable (connect ECONNREFUSED)`: the address is in `nodes` already, and without it equal failures merge. */
const unreachable = (detail: string | undefined, address: Endpoint): string => `unreachable (${(detail ?? 'no reply').split(` ${formatEndpoint(address)}`).join('')})`;

function nodeRules(state: LiveState, node: DataNodeReading): Draft[] {
  const at = [node.name];
  if (!node.status.reachable) {
    const master = isMaster(state, node);
    return [
      {
        severity: master ? 'error' : 'warning',
        rule: 'node-unreachable',
        path: 'connection',
        nodes: at,
        observed: unreachable(node.status.error, node.status.address),
        message: master
          ? 'a master that does not answer: every queue it holds is stalled until a failover'
          : 'a replica that does not answer: one copy fewer to fail over to',
        fix: 'start it (redis-arc up, in a project), or check its address and firewall',
      },
    ];
  }
  const out: Draft[] = [];
  const config = node.config;
  if (!config) {
    out.push({
      // A warning, not info: the checks that matter most did not run, so doctor cannot call the node ready.
      severity: 'warning',
      rule: 'config-unreadable',
      path: 'CONFIG GET',
      nodes: at,
      observed: node.configError ?? 'no reply',
      message: 'CONFIG is renamed, disabled or not permitted: maxmemory-policy, appendonly and min-replicas-to-write were not checked on it',
      fix: "check them in the provider's console, or grant the doctor user +config|get",
    });
  } else {
    const policy = config['maxmemory-policy'];
    if (policy !== undefined && policy !== 'noeviction') {
      out.push({
        severity: 'error',
        rule: 'maxmemory-policy',
        path: 'maxmemory-policy',
        nodes: at,
        observed: policy,
        message: `${policy} evicts keys when memory is full: BullMQ silently loses jobs and queue metadata`,
        fix: `CONFIG SET maxmemory-policy noeviction, ${persist}`,
        specKey: 'persistence.maxmemoryPolicy',
      });
    }
    if (config.appendonly === 'no') {
      out.push({
        severity: 'warning',
        rule: 'appendonly',
        path: 'appendonly',
        nodes: at,
        observed: 'no',
        message: 'appendonly is off: a restarted node comes back with the jobs of its last snapshot only',
        fix: `CONFIG SET appendonly yes, ${persist}`,
        specKey: 'persistence.appendonly',
      });
    } else if (config.appendonly === 'yes' && config.appendfsync === 'no') {
      out.push({
        severity: 'warning',
        rule: 'appendfsync',
        path: 'appendfsync',
        nodes: at,
        observed: 'no',
        message: 'appendfsync no leaves flushing to the OS: a crash can lose ~30 s of jobs',
        fix: `CONFIG SET appendfsync everysec, ${persist}`,
        specKey: 'persistence.appendfsync',
      });
    }
    if (config.maxmemory === '0') {
      out.push({
        severity: 'warning',
        rule: 'maxmemory',
        path: 'maxmemory',
        nodes: at,
        observed: '0 (no limit)',
        message: 'no maxmemory: a queue backlog grows until the OS kills Redis',
        fix: `CONFIG SET maxmemory <what the host can spare, e.g. 2gb>, ${persist}`,
        specKey: 'persistence.maxmemory',
      });
    }
    const timeout = Number(config['cluster-node-timeout']);
    if (config['cluster-node-timeout'] !== undefined && Number.isFinite(timeout)) out.push(...detectionRule('node-timeout', 'cluster-node-timeout', timeout, at));
    if (isMaster(state, node)) out.push(...minReplicasRule(state, node, config));
  }
  out.push(...replicaRules(state, node));
  return out;
}

/** cluster-node-timeout / down-after-milliseconds: too low flaps, too high stalls queues. */
function detectionRule(rule: string, setting: string, ms: number, nodes: string[] | undefined): Draft[] {
  const isCluster = setting === 'cluster-node-timeout';
  const base = { rule, path: setting, ...(nodes && { nodes }), observed: `${ms} ms`, specKey: isCluster ? 'cluster.nodeTimeoutMs' : 'sentinel.downAfterMs' };
  const set = isCluster ? 'CONFIG SET cluster-node-timeout 5000 on every node' : 'SENTINEL SET <master> down-after-milliseconds 5000 on every sentinel';
  if (ms < MIN_SAFE_DETECTION_MS) {
    return [
      {
        severity: 'warning',
        ...base,
        message: `a master busy for ${ms} ms (fork, slow disk, a burst of large jobs) is failed over: failovers flap and workers reconnect for nothing`,
        fix: `${set} (at least ${MIN_SAFE_DETECTION_MS})`,
      },
    ];
  }
  if (ms > MAX_DETECTION_MS) {
    return [
      {
        severity: 'warning',
        ...base,
        message: `a dead master is noticed only after ${ms / 1000} s: every add and every worker on its queues stalls that long before the failover even starts`,
        fix: `${set} (at most ${MAX_DETECTION_MS})`,
      },
    ];
  }
  return [];
}

/** How many replicas this master is supposed to have, from what the sentinels or the cluster know. */
function knownReplicas(state: LiveState, master: DataNodeReading): number {
  const connected = master.replication?.replicas.length ?? 0;
  if (state.target.kind === 'sentinel') return Math.max(connected, ...state.health.sentinels.map((s) => s.knownReplicas ?? 0));
  if (state.target.kind === 'cluster') return Math.max(connected, master.status.replicas?.length ?? 0);
  return connected;
}

function minReplicasRule(state: LiveState, node: DataNodeReading, config: Record<string, string>): Draft[] {
  const min = Number(config['min-replicas-to-write'] ?? 0);
  const maxLag = Number(config['min-replicas-max-lag'] ?? 10);
  const replicas = node.replication?.replicas ?? [];
  const good = replicas.filter((r) => r.state === 'online' && (r.lagSeconds ?? 0) <= maxLag).length;
  const known = knownReplicas(state, node);
  const base = {
    rule: 'min-replicas-to-write',
    path: 'min-replicas-to-write',
    nodes: [node.name],
    ...(state.target.kind === 'sentinel' && { specKey: 'sentinel.minReplicasToWrite' }),
  };
  if (min > 0 && good < min) {
    return [
      {
        ...base,
        severity: 'error',
        observed: `${min}, with ${good} replica${good === 1 ? '' : 's'} in sync (lag <= ${maxLag} s)`,
        message: 'the master refuses writes now (NOREPLICAS): every BullMQ add and every job a worker moves fails',
        fix: `bring the replicas back, or CONFIG SET min-replicas-to-write ${good}`,
      },
    ];
  }
  if (min > 0 && min >= known) {
    return [
      {
        ...base,
        severity: 'warning',
        observed: `${min}, with ${known} replica${known === 1 ? '' : 's'}`,
        message: 'every replica is required: one replica restart or resync stops every add with NOREPLICAS',
        fix: known > 1 ? `CONFIG SET min-replicas-to-write ${known - 1}, ${persist}` : 'add a replica, or CONFIG SET min-replicas-to-write 0',
      },
    ];
  }
  if (min === 0 && known > 0) {
    return [
      {
        ...base,
        severity: 'info',
        observed: '0',
        message: 'a hard master failure loses the jobs acknowledged since the last replication; `redis-arc failover-test` measures how many',
        fix: `CONFIG SET min-replicas-to-write 1, ${persist}: it bounds that window (adds fail while no replica is connected)`,
      },
    ];
  }
  return [];
}

function replicaRules(state: LiveState, node: DataNodeReading): Draft[] {
  const r = node.replication;
  if (!r || r.role !== 'replica') return [];
  const io = r.lastIoSecondsAgo;
  if (r.linkStatus !== 'up') {
    return [
      {
        severity: 'error',
        rule: 'replica-link',
        path: 'master_link_status',
        nodes: [node.name],
        observed: `down (master_last_io_seconds_ago ${io ?? '-'})`,
        message: 'this replica receives no new jobs: a failover to it loses them, and it does not count for min-replicas-to-write',
        fix: "read the replica's log: masterauth, the master's address, or a full sync that keeps failing (repl-backlog-size, client-output-buffer-limit replica)",
      },
    ];
  }
  const followed = r.master && state.addresses.reach(r.master);
  const master = followed && state.nodes.find((n) => sameEndpoint(n.address, followed) && n.replication?.role === 'master');
  if (!master?.replication) return [];
  const lag = replicaLag(master.replication, seenByMaster(state.addresses, master.replication, node.address), r);
  if (lag.bytes <= MAX_LAG_BYTES && (lag.seconds ?? 0) <= MAX_LAG_SECONDS) return [];
  return [
    {
      severity: 'warning',
      rule: 'replica-lag',
      path: 'INFO replication',
      nodes: [node.name],
      observed: `${lag.bytes} bytes behind ${master.name} (offset ${r.offset} vs ${master.replication.offset}), lag ${lag.seconds ?? '-'} s, master_last_io_seconds_ago ${io ?? '-'}`,
      message: 'a failover now loses the jobs in that gap, and a lagging replica does not count for min-replicas-to-write',
      fix: "check the replica's network and disk; if it keeps resyncing, raise repl-backlog-size",
    },
  ];
}

/** Settings that differ between data nodes: a failover promotes a replica that behaves differently. */
const DRIFT: [setting: string, rule: string][] = [
  ['maxmemory-policy', 'maxmemory-policy'],
  ['appendonly', 'appendonly'],
  ['maxmemory', 'maxmemory'],
  ['min-replicas-to-write', 'min-replicas-to-write'],
  ['cluster-node-timeout', 'node-timeout'],
];

function driftRule(state: LiveState, drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const [setting, rule] of DRIFT) {
    // A setting already reported as wrong on some node needs no second finding.
    if (drafts.some((d) => d.rule === rule && d.severity !== 'info')) continue;
    const values = new Map<string, string[]>();
    for (const n of state.nodes) {
      const v = n.config?.[setting];
      if (v !== undefined) values.set(v, [...(values.get(v) ?? []), n.name]);
    }
    if (values.size < 2) continue;
    out.push({
      severity: 'warning',
      rule: 'config-drift',
      path: setting,
      nodes: [...values.values()].flat(),
      observed: [...values].map(([v, names]) => `${v} on ${names.join(', ')}`).join('; '),
      message: 'the data nodes disagree: a failover promotes a replica that runs with a different setting',
      fix: `CONFIG SET ${setting} to one value on every node, ${persist}`,
    });
  }
  return out;
}

function sentinelRules(state: LiveState): Draft[] {
  if (state.target.kind !== 'sentinel') return [];
  const masterName = state.target.masterName;
  const out: Draft[] = [];
  const reachable = state.sentinels.filter((s) => s.status.reachable);
  const total = Math.max(state.sentinels.length, ...reachable.map((s) => (s.status.otherSentinels ?? 0) + 1));
  const majority = Math.floor(total / 2) + 1;
  for (const s of state.sentinels) {
    const at = [s.name];
    const st = s.status;
    if (!st.reachable) {
      const enough = reachable.length >= majority;
      out.push({
        severity: enough ? 'warning' : 'error',
        rule: 'sentinel-unreachable',
        path: 'connection',
        nodes: at,
        observed: unreachable(st.error, st.address),
        message: enough
          ? `one vote fewer: a failover needs ${majority} of the ${total} sentinels`
          : `only ${reachable.length} of ${total} sentinels answer, a failover needs ${majority}: a master failure is an outage`,
        fix: 'start it, or check its address and firewall',
      });
      continue;
    }
    if (!st.master) {
      out.push({
        severity: 'error',
        rule: 'sentinel-master',
        path: 'SENTINEL GET-MASTER-ADDR-BY-NAME',
        nodes: at,
        observed: `no master named '${masterName}'`,
        message: 'this sentinel does not monitor the master: clients asking it get no address',
        fix: `check --master-name, or SENTINEL MONITOR ${masterName} <ip> <port> <quorum> on it`,
      });
      continue;
    }
    const down = (st.masterFlags ?? []).filter((f) => f === 's_down' || f === 'o_down');
    if (down.length > 0) {
      out.push({
        severity: 'error',
        rule: 'master-down',
        path: 'SENTINEL MASTER',
        nodes: at,
        observed: `flags ${st.masterFlags?.join(',')}`,
        message: 'the sentinels consider the master down: adds fail until a replica is promoted',
        fix: 'watch the failover (redis-arc status --watch); if none starts, check CKQUORUM and the replicas',
      });
    }
    if (st.ckquorum && !st.ckquorum.ok) {
      out.push({
        severity: 'error',
        rule: 'sentinel-ckquorum',
        path: 'SENTINEL CKQUORUM',
        nodes: at,
        observed: st.ckquorum.message,
        message: 'not enough sentinels reachable to authorize a failover: a master failure becomes an outage',
        fix: 'start the missing sentinels, and check that they see each other (announce-ip, firewall, sentinel auth)',
      });
    }
    if (st.otherSentinels !== undefined && st.otherSentinels < total - 1) {
      out.push({
        severity: 'warning',
        rule: 'sentinel-peers',
        path: 'SENTINEL MASTER num-other-sentinels',
        nodes: at,
        observed: `knows ${st.otherSentinels} of ${total - 1} other sentinels`,
        message: 'a sentinel that does not see its peers cannot count their votes',
        fix: 'check that sentinels reach each other (announce-ip, firewall); SENTINEL RESET <master> on it re-discovers peers',
      });
    }
    if (st.knownReplicas === 0) {
      out.push({
        severity: 'error',
        rule: 'sentinel-replicas',
        path: 'SENTINEL MASTER num-slaves',
        nodes: at,
        observed: '0 replicas known',
        message: 'nothing to promote: a master failure is an outage',
        fix: 'start replicas (REPLICAOF <master> on each), 2 is usual',
        specKey: 'sentinel.replicas',
      });
    } else if (st.knownReplicas !== undefined && st.usableReplicas !== undefined && st.usableReplicas < st.knownReplicas) {
      out.push({
        severity: 'warning',
        rule: 'sentinel-replicas',
        path: 'SENTINEL REPLICAS',
        nodes: at,
        observed: `${st.usableReplicas} of ${st.knownReplicas} replicas usable`,
        message: 'replicas it considers down cannot be promoted',
        fix: `bring them back; a replica removed for good is forgotten with SENTINEL RESET ${masterName}`,
      });
    }
    if (st.quorum !== undefined && st.quorum < majority) {
      out.push({
        severity: 'warning',
        rule: 'sentinel-quorum',
        path: 'SENTINEL MASTER quorum',
        nodes: at,
        observed: `quorum ${st.quorum} of ${total} sentinels`,
        message: 'not a majority: a minority of sentinels can declare the master down (the failover itself still needs a majority)',
        fix: `SENTINEL SET ${masterName} quorum ${majority}`,
        specKey: 'sentinel.quorum',
      });
    }
    const downAfter = Number(s.master?.['down-after-milliseconds']);
    if (s.master?.['down-after-milliseconds'] !== undefined && Number.isFinite(downAfter)) {
      out.push(...detectionRule('down-after', 'down-after-milliseconds', downAfter, at).map((d) => ({ ...d, fix: d.fix.replace('<master>', masterName) })));
    }
  }
  const masters = new Map<string, string[]>();
  for (const s of reachable) {
    const named = s.status.master && formatEndpoint(s.status.master);
    if (named) masters.set(named, [...(masters.get(named) ?? []), s.name]);
  }
  if (masters.size > 1) {
    out.push({
      severity: 'error',
      rule: 'sentinel-master',
      path: 'SENTINEL GET-MASTER-ADDR-BY-NAME',
      nodes: reachable.map((s) => s.name),
      observed: [...masters].map(([m, by]) => `${m} (${by.join(', ')})`).join(' vs '),
      message: 'the sentinels disagree on the master: clients asking different sentinels write to different masters',
      fix: `compare SENTINEL MASTER ${masterName} on each; a sentinel cut off from its peers needs SENTINEL RESET ${masterName}`,
    });
  }
  if (reachable.length === 0) return out;
  if (total < 3) {
    out.push({
      severity: total === 1 ? 'error' : 'warning',
      rule: 'sentinel-count',
      path: 'SENTINEL SENTINELS',
      observed: `${total} sentinel${total === 1 ? '' : 's'}`,
      message: 'losing one leaves no majority to authorize a failover',
      fix: 'run 3 sentinels, on separate hosts in production',
      specKey: 'sentinel.sentinels',
    });
  } else if (total % 2 === 0) {
    out.push({
      severity: 'warning',
      rule: 'sentinel-count',
      path: 'SENTINEL SENTINELS',
      observed: `${total} sentinels`,
      message: `an even count tolerates no more failures than ${total - 1}, with one more process to run`,
      fix: `run ${total - 1} or ${total + 1} sentinels`,
      specKey: 'sentinel.sentinels',
    });
  }
  return out;
}

function clusterRules(state: LiveState, queues: QueueKeys[]): Draft[] {
  const out: Draft[] = [];
  const failing = state.nodes.filter((n) => n.cluster && n.cluster.state !== 'ok');
  if (failing.length > 0) {
    out.push({
      severity: 'error',
      rule: 'cluster-state',
      path: 'CLUSTER INFO cluster_state',
      nodes: failing.map((n) => n.name),
      observed: 'fail',
      message: 'these nodes refuse commands: queues whose slots they serve stall',
      fix: 'redis-cli --cluster check <node>; start failed masters or run redis-cli --cluster fix <node>',
    });
  }
  const masters = state.nodes.filter((n) => n.status.slots?.length && (n.status.role === 'master' || n.status.flags?.includes('master')));
  const uncovered = masters.length > 0 ? uncoveredSlots(masters.flatMap((m) => m.status.slots ?? [])) : [];
  const missing = countSlots(uncovered);
  if (missing > 0) {
    out.push({
      severity: 'error',
      rule: 'cluster-slots',
      path: 'CLUSTER NODES slots',
      observed: `${missing} of ${CLUSTER_SLOTS} slots not assigned: ${formatSlotRanges(uncovered.slice(0, 5))}${uncovered.length > 5 ? ', ...' : ''}`,
      message: 'keys in unassigned slots cannot be read or written: queues hashed there fail with CLUSTERDOWN',
      fix: 'redis-cli --cluster fix <node> assigns them',
    });
  } else if (state.health.cluster && state.health.cluster.slotsOk < CLUSTER_SLOTS) {
    const c = state.health.cluster;
    out.push({
      severity: 'error',
      rule: 'cluster-slots',
      path: 'CLUSTER INFO cluster_slots_ok',
      observed: `${c.slotsOk} of ${CLUSTER_SLOTS} ok (pfail ${c.slotsPfail}, fail ${c.slotsFail})`,
      message: 'slots served by a failing master: queues hashed there stall until its replica takes over',
      fix: 'redis-arc status shows which master; start it or let a replica take over (CLUSTER FAILOVER)',
    });
  }
  if (masters.length > 0 && masters.length < 3) {
    out.push({
      severity: 'error',
      rule: 'cluster-masters',
      path: 'CLUSTER INFO cluster_size',
      observed: `${masters.length} master${masters.length === 1 ? '' : 's'} serve slots`,
      message: 'failover needs a majority of masters to agree, so fewer than 3 cannot fail over',
      fix: 'add masters (redis-cli --cluster add-node, then rebalance) to reach 3',
      specKey: 'cluster.masters',
    });
  }
  for (const m of masters) {
    const replicas = (m.status.replicas ?? []).map((a) => state.nodes.find((n) => sameEndpoint(n.status.address, a)));
    const working = replicas.filter((r) => r?.replication?.role === 'replica' && r.replication.linkStatus === 'up').length;
    if (working > 0) continue;
    out.push({
      severity: 'warning',
      rule: 'cluster-replicas',
      path: 'CLUSTER NODES',
      nodes: [m.name],
      observed: replicas.length === 0 ? 'no replica' : `${replicas.length} replica${replicas.length === 1 ? '' : 's'}, none in sync`,
      message: `if it fails, its slots (${formatSlotRanges(m.status.slots ?? [])}) and every queue hashed there go offline: there is nothing to promote`,
      fix: 'add a replica: redis-cli --cluster add-node <new> <this> --cluster-slave',
      specKey: 'cluster.replicasPerMaster',
    });
  }
  for (const q of queues.filter((q) => !q.tagged)) {
    out.push({
      severity: 'error',
      rule: 'cluster-hash-tags',
      path: `queue '${q.name}' (prefix '${q.prefix}')`,
      nodes: q.nodes,
      observed: `${q.keys} keys in ${q.slots} slot${q.slots === 1 ? '' : 's'} on ${q.nodes.length} master${q.nodes.length === 1 ? '' : 's'}, e.g. ${q.examples.map((e) => `${e.key} (slot ${e.slot})`).join(', ')}`,
      message: "the queue's prefix has no {hash tag}, so its keys spread over slots: BullMQ's multi-key Lua scripts fail with CROSSSLOT, and adds and workers on it fail",
      fix: `create the queue with { prefix: '{bull}' } (or a hash-tagged name such as '{${q.name}}'), then drain or delete the old '${q.prefix}:${q.name}:*' keys`,
    });
  }
  const capped = state.nodes.filter((n) => n.scan?.capped);
  for (const n of capped) {
    out.push({
      severity: 'info',
      rule: 'key-scan',
      path: 'SCAN',
      nodes: [n.name],
      observed: `stopped after ${n.scan!.keys.length} of ${n.scan!.dbsize} keys`,
      message: 'un-tagged queues whose keys lie beyond that point were not seen',
      fix: 'raise --scan-limit to scan further',
    });
  }
  return out;
}

function uncoveredSlots(ranges: SlotRange[]): SlotRange[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const gaps: SlotRange[] = [];
  let next = 0;
  for (const [a, b] of sorted) {
    if (a > next) gaps.push([next, a - 1]);
    next = Math.max(next, b + 1);
  }
  if (next < CLUSTER_SLOTS) gaps.push([next, CLUSTER_SLOTS - 1]);
  return gaps;
}

import type { Redis } from 'ioredis';
import { addressesFrom, type Addresses } from '../probe/addresses.js';
import { clusterInfoFrom, type ClusterInfo } from '../probe/cluster.js';
import type { Endpoint } from '../redis/endpoint.js';
import { checkHealth } from '../probe/health.js';
import type { DataNodeStatus, HealthReport, SentinelStatus } from '../probe/health-report.js';
import { pairsToRecord, parseInfo, parseInfoFields } from '../probe/info.js';
import { probeNode } from '../probe/node-probe.js';
import { classify } from '../probe/probe-error.js';
import { readReplication, type ReplicationState } from '../probe/replication.js';
import { type Target } from '../redis/target.js';
import { probeClientOptions } from '../probe/client.js';
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from './live-options.js';
import { errorLine } from '../errors/thrown.js';

/** The settings doctor reads from every data node (one CONFIG GET each: Redis < 7 takes one name). */
const CONFIG_KEYS = [
  'maxmemory-policy',
  'maxmemory',
  'appendonly',
  'appendfsync',
  'min-replicas-to-write',
  'min-replicas-max-lag',
  'replica-announce-ip',
] as const;
const CLUSTER_CONFIG_KEYS = ['cluster-node-timeout', 'cluster-announce-hostname', 'cluster-preferred-endpoint-type'] as const;
/** Sentinel's own settings doctor reads (SENTINEL CONFIG GET, Redis 6.2+), one name per call. */
const SENTINEL_CONFIG_KEYS = ['resolve-hostnames', 'announce-hostnames'] as const;

/** What SCAN saw on one cluster master. */
export interface KeyScan {
  keys: string[];
  /** DBSIZE when the scan started. */
  dbsize: number;
  /** True when the limit stopped the scan before the cursor came back to 0. */
  capped: boolean;
}

/** One data node as doctor read it. */
export interface DataNodeReading {
  address: Endpoint;
  /** `redis-1 127.0.0.1:6380`, or the address. */
  name: string;
  /** From the health report: status row (role, flags, slots, replicas), also for unreachable nodes. */
  status: DataNodeStatus;
  replication?: ReplicationState;
  /** CONFIG GET values; absent when CONFIG is renamed, disabled or not permitted (see configError). */
  config?: Record<string, string>;
  configError?: string;
  cluster?: ClusterInfo;
  scan?: KeyScan;
  /** Scanned cluster masters: EVAL + EVALSHA calls since the node started (INFO commandstats); BullMQ does its work in Lua scripts. */
  scriptCalls?: number;
}

export interface SentinelReading {
  address: Endpoint;
  name: string;
  status: SentinelStatus;
  /** SENTINEL MASTER <name> fields (down-after-milliseconds, failover-timeout, ...). */
  master?: Record<string, string>;
  /** SENTINEL CONFIG GET values that answered (resolve-hostnames, announce-hostnames). */
  config?: Record<string, string>;
}

export interface LiveState {
  target: Target;
  addresses: Addresses;
  health: HealthReport;
  nodes: DataNodeReading[];
  sentinels: SentinelReading[];
}

/**
 * Read a live topology for doctor: the health probe discovers it (the same path as `status`),
 * then every reachable data node is read once more for its settings, and on a cluster every
 * master's keyspace is scanned (bounded). A wrong password throws a ProbeError ('auth').
 */
export async function readLive(target: Target, scan: ScanOptions = DEFAULT_SCAN_OPTIONS): Promise<LiveState> {
  const addresses = addressesFrom(target);
  const health = await checkHealth(target);
  const client = probeClientOptions(target);
  const nodes = await Promise.all(
    health.nodes.map(async (status): Promise<DataNodeReading> => {
      const address = status.address;
      const reading: DataNodeReading = { address, name: addresses.name(address), status };
      if (!status.reachable) return reading;
      const scanIt = target.kind === 'cluster' && status.role === 'master' && Boolean(status.slots?.length) && scan.limitPerMaster > 0;
      const probed = await probeNode(address, target.password, (c) => readNode(c, target.kind === 'cluster', scanIt ? scan : undefined), client);
      // Reachable a moment ago, gone now: the status row says why.
      if (!probed.ok) return { ...reading, status: { ...status, reachable: false, error: probed.error.detail } };
      return { ...reading, ...probed.value };
    }),
  );
  const sentinels =
    target.kind === 'sentinel'
      ? await Promise.all(
          health.sentinels.map(async (status): Promise<SentinelReading> => {
            const address = status.address;
            const reading: SentinelReading = { address, name: addresses.name(address), status };
            if (!status.reachable || !status.master) return reading;
            const probed = await probeNode(
              address,
              target.sentinelPassword,
              async (c) => ({ master: pairsToRecord(await c.call('SENTINEL', 'MASTER', target.masterName)), config: await readSentinelConfig(c) }),
              client,
            );
            return probed.ok ? { ...reading, ...probed.value } : reading;
          }),
        )
      : [];
  return { target, addresses, health, nodes, sentinels };
}

type NodeRead = Pick<DataNodeReading, 'replication' | 'config' | 'configError' | 'cluster' | 'scan' | 'scriptCalls'>;

async function readNode(c: Redis, cluster: boolean, scan: ScanOptions | undefined): Promise<NodeRead> {
  const replication = await readReplication(c);
  const read: NodeRead = { replication };
  try {
    read.config = await readConfig(c, cluster ? [...CONFIG_KEYS, ...CLUSTER_CONFIG_KEYS] : [...CONFIG_KEYS]);
  } catch (err) {
    if (classify(err) === 'unreachable') throw err;
    // Managed Redis often renames CONFIG; an ACL user may lack +config. Both are findings, not failures.
    read.configError = errorLine(err);
  }
  if (cluster) read.cluster = clusterInfoFrom(parseInfo(String(await c.call('CLUSTER', 'INFO'))));
  if (scan) {
    read.scan = await scanKeys(c, scan);
    const calls = await scriptCalls(c);
    if (calls !== undefined) read.scriptCalls = calls;
  }
  return read;
}

/** A sentinel that predates SENTINEL CONFIG, or an ACL user without it, just leaves the value out. */
async function readSentinelConfig(c: Redis): Promise<Record<string, string>> {
  const replies = await Promise.all(SENTINEL_CONFIG_KEYS.map((k) => c.call('SENTINEL', 'CONFIG', 'GET', k).then(pairsToRecord, () => ({}))));
  return merged(replies);
}

async function readConfig(c: Redis, keys: readonly string[]): Promise<Record<string, string>> {
  const replies = await Promise.all(keys.map((k) => c.call('CONFIG', 'GET', k).then(pairsToRecord)));
  return merged(replies);
}

/** One record of several CONFIG GET replies (a later name wins, as Object.assign would). */
const merged = (replies: Record<string, string>[]): Record<string, string> => Object.fromEntries(replies.flatMap((r) => Object.entries(r)));

/** EVAL + EVALSHA calls from INFO commandstats (`cmdstat_evalsha:calls=N,...`); undefined when INFO is not permitted. */
async function scriptCalls(c: Redis): Promise<number | undefined> {
  const stats = await c.call('INFO', 'commandstats').then(String, (err: unknown) => {
    if (classify(err) === 'unreachable') throw err;
    return undefined;
  });
  if (stats === undefined) return undefined;
  const info = parseInfo(stats);
  return ['cmdstat_eval', 'cmdstat_evalsha'].reduce((n, k) => n + Number(parseInfoFields(info[k] ?? '').calls ?? 0), 0);
}

/** SCAN the whole keyspace of one node, up to about `limitPerMaster` keys (COUNT is a hint: a batch may be larger). */
async function scanKeys(c: Redis, opts: ScanOptions): Promise<KeyScan> {
  const dbsize = Number(await c.call('DBSIZE'));
  const keys: string[] = [];
  let cursor = '0';
  do {
    const count = Math.max(1, Math.min(opts.count, opts.limitPerMaster - keys.length));
    const [next, batch] = await c.scan(cursor, 'COUNT', count);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0' && keys.length < opts.limitPerMaster);
  return { keys, dbsize, capped: cursor !== '0' };
}

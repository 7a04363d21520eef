import type { ProbeConnection } from './client.js';
import type { Endpoint } from '../redis/endpoint.js';
import { infoNumber, infoSeries, infoString, parseInfo, parseInfoFields, type Info } from './info.js';

export type DataRole = 'master' | 'replica';

/** One `slaveN:` line of a master's INFO: a replica as the master sees it. */
export interface ConnectedReplica {
  /** As the master reports it (the replica's announced address). */
  address: Endpoint;
  /** online, wait_bgsave, send_bulk, ... */
  state: string;
  offset: number;
  /** Seconds since the replica's last REPLCONF ACK (sent every second while healthy). */
  lagSeconds: number | undefined;
}

/** A data node's replication, client and memory state, from one INFO. */
export interface ReplicationState {
  role: DataRole;
  /** Replicas: the master they follow, as configured on them (an announced address). */
  master?: Endpoint;
  /** Replicas: master_link_status. */
  linkStatus?: 'up' | 'down';
  /** master_repl_offset on a master, slave_repl_offset on a replica. */
  offset: number;
  /** Replicas: seconds since the last byte from the master (-1 while the link is down). */
  lastIoSecondsAgo?: number;
  connectedClients: number | undefined;
  usedMemory: number | undefined;
  usedMemoryHuman: string | undefined;
  /** Masters: replicas connected right now. */
  replicas: ConnectedReplica[];
}

export async function readReplication(conn: ProbeConnection): Promise<ReplicationState> {
  // Plain INFO (default sections): multi-section INFO needs Redis 7, and attached setups may be older.
  return replicationFromInfo(parseInfo(String(await conn.call('INFO'))));
}

export function replicationFromInfo(info: Info): ReplicationState {
  const role: DataRole = infoString(info, 'role') === 'slave' ? 'replica' : 'master';
  const common = {
    connectedClients: infoNumber(info, 'connected_clients'),
    usedMemory: infoNumber(info, 'used_memory'),
    usedMemoryHuman: infoString(info, 'used_memory_human'),
  };
  if (role === 'master') {
    return { role, offset: infoNumber(info, 'master_repl_offset') ?? 0, replicas: connectedReplicas(info), ...common };
  }
  const host = infoString(info, 'master_host');
  const port = infoNumber(info, 'master_port');
  return {
    role,
    ...(host !== undefined && port !== undefined && { master: { host, port } }),
    linkStatus: infoString(info, 'master_link_status') === 'up' ? 'up' : 'down',
    offset: infoNumber(info, 'slave_repl_offset') ?? 0,
    lastIoSecondsAgo: infoNumber(info, 'master_last_io_seconds_ago'),
    // A replica can have replicas of its own (chained replication).
    replicas: connectedReplicas(info),
    ...common,
  };
}

function connectedReplicas(info: Info): ConnectedReplica[] {
  return infoSeries(info, 'slave').flatMap((line) => {
    const f = parseInfoFields(line);
    const port = Number(f.port);
    if (!f.ip || !Number.isInteger(port)) return [];
    const lag = Number(f.lag);
    return [{ address: { host: f.ip, port }, state: f.state ?? 'unknown', offset: Number(f.offset ?? 0), lagSeconds: Number.isFinite(lag) ? lag : undefined }];
  });
}

/**
 * How far a replica trails its master. Bytes: offset difference (the two INFOs are not atomic,
 * so a replica read later can look ahead; that reads as 0). Seconds: the master's `lag=` for it
 * when the master lists it, else the replica's own master_last_io_seconds_ago.
 */
export function replicaLag(
  master: ReplicationState,
  seenByMaster: ConnectedReplica | undefined,
  replica: ReplicationState,
): { bytes: number; seconds: number | undefined } {
  return {
    bytes: Math.max(0, master.offset - replica.offset),
    seconds: seenByMaster?.lagSeconds ?? (replica.lastIoSecondsAgo !== undefined && replica.lastIoSecondsAgo >= 0 ? replica.lastIoSecondsAgo : undefined),
  };
}

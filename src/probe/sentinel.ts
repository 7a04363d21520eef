import type { ProbeConnection } from './client.js';
import type { Endpoint } from '../redis/endpoint.js';
import { pairsToRecord } from './info.js';
import { classify } from './probe-error.js';
import { errorMessage } from '../errors/thrown.js';

/** `SENTINEL MASTER <name>`: the monitored master as this sentinel sees it. */
export interface SentinelMasterState {
  address: Endpoint;
  /** e.g. ['master'], ['master', 's_down'], ['master', 'o_down', 'failover_in_progress']. */
  flags: string[];
  /** Every replica the sentinel knows, including ones it considers down. */
  numSlaves: number;
  numOtherSentinels: number;
  quorum: number;
}

/** One entry of `SENTINEL REPLICAS <name>`. */
export interface SentinelReplicaEntry {
  address: Endpoint;
  flags: string[];
  /** Sentinel says `ok` / `err` here (INFO says `up` / `down`), refreshed by its INFO every 10 s. */
  masterLinkStatus: string | undefined;
}

/** One entry of `SENTINEL SENTINELS <name>`: a peer sentinel. */
export interface SentinelPeer {
  address: Endpoint;
  flags: string[];
  /** How long this sentinel's PING to the peer has been waiting for its answer (`last-ping-sent`; 0: none waiting). */
  pingPendingMs: number;
}

/** Everything one sentinel says about one master name. */
export interface SentinelView {
  /** `SENTINEL GET-MASTER-ADDR-BY-NAME`; undefined when the sentinel does not monitor the name. */
  masterAddress: Endpoint | undefined;
  master: SentinelMasterState | undefined;
  replicas: SentinelReplicaEntry[];
  sentinels: SentinelPeer[];
  ckquorum: { ok: boolean; message: string };
}

/** Flags that mean a sentinel no longer counts the instance as usable. */
export const DOWN_FLAGS = ['s_down', 'o_down', 'disconnected'];
export const isDownEntry = (flags: string[]): boolean => flags.some((f) => DOWN_FLAGS.includes(f));

export async function readSentinelView(conn: ProbeConnection, masterName: string): Promise<SentinelView> {
  const masterAddress = toEndpoint(await conn.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', masterName));
  if (!masterAddress) {
    return { masterAddress, master: undefined, replicas: [], sentinels: [], ckquorum: { ok: false, message: `no master named ${masterName}` } };
  }
  const [master, replicas, sentinels, ckquorum] = await Promise.all([
    conn.call('SENTINEL', 'MASTER', masterName).then(pairsToRecord),
    conn.call('SENTINEL', 'REPLICAS', masterName).then(entries),
    conn.call('SENTINEL', 'SENTINELS', masterName).then(entries),
    checkQuorum(conn, masterName),
  ]);
  return {
    masterAddress,
    master: {
      address: { host: master.ip ?? masterAddress.host, port: Number(master.port ?? masterAddress.port) },
      flags: flagList(master.flags),
      numSlaves: Number(master['num-slaves'] ?? 0),
      numOtherSentinels: Number(master['num-other-sentinels'] ?? 0),
      quorum: Number(master.quorum ?? 0),
    },
    replicas: replicas.map((r) => ({ address: addressOf(r), flags: flagList(r.flags), masterLinkStatus: r['master-link-status'] })),
    sentinels: sentinels.map((s) => ({ address: addressOf(s), flags: flagList(s.flags), pingPendingMs: Number(s['last-ping-sent'] ?? 0) })),
    ckquorum,
  };
}

/** CKQUORUM answers a failed check with an error reply; that is a result here, not a failure. */
async function checkQuorum(conn: ProbeConnection, masterName: string): Promise<SentinelView['ckquorum']> {
  try {
    return { ok: true, message: String(await conn.call('SENTINEL', 'CKQUORUM', masterName)) };
  } catch (err) {
    if (classify(err) !== 'other') throw err;
    return { ok: false, message: errorMessage(err) };
  }
}

function toEndpoint(reply: unknown): Endpoint | undefined {
  if (!Array.isArray(reply) || reply.length < 2) return undefined;
  return { host: String(reply[0]), port: Number(reply[1]) };
}

const entries = (reply: unknown): Record<string, string>[] => (Array.isArray(reply) ? reply.map(pairsToRecord) : []);
const addressOf = (r: Record<string, string>): Endpoint => ({ host: r.ip ?? '', port: Number(r.port ?? 0) });
const flagList = (flags: string | undefined): string[] => (flags ? flags.split(',') : []);

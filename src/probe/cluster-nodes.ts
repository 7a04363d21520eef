import type { Endpoint } from '../redis/endpoint.js';
import type { SlotRange } from '../topology/slots.js';

export type { SlotRange };

/** `[slot->-id]` (this node is migrating the slot to id) or `[slot-<-id]` (importing it from id). */
export interface SlotMigration {
  slot: number;
  direction: 'migrating' | 'importing';
  peerId: string;
}

/** One line of `CLUSTER NODES`. */
export interface ClusterNodeEntry {
  id: string;
  /** The announced address: what clients and probes use to reach the node. Empty host for `noaddr`. */
  address: Endpoint;
  busPort: number;
  /** Redis 7 appends `,hostname` when cluster-announce-hostname is set. */
  hostname?: string;
  /** Raw flags: myself, master, slave, fail, fail? (pfail), handshake, noaddr, nofailover, noflags. */
  flags: string[];
  myself: boolean;
  role: 'master' | 'replica' | 'unknown';
  fail: boolean;
  pfail: boolean;
  /** Replicas: the id of their master. */
  masterId?: string;
  configEpoch: number;
  linkState: 'connected' | 'disconnected';
  slots: SlotRange[];
  migrations: SlotMigration[];
}

export function parseClusterNodes(text: string): ClusterNodeEntry[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(parseClusterNodeLine);
}

export function parseClusterNodeLine(line: string): ClusterNodeEntry {
  const [id = '', addr = '', flagText = '', master = '-', , , epoch = '0', link = '', ...slotFields] = line.split(' ');
  const [hostPort = '', hostname] = addr.split(',');
  const [dataAddr = '', bus = '0'] = hostPort.split('@');
  const colon = dataAddr.lastIndexOf(':');
  const flags = flagText.split(',');
  const slots: SlotRange[] = [];
  const migrations: SlotMigration[] = [];
  for (const field of slotFields) {
    const [, slot, arrow, peerId] = /^\[(\d+)-([<>])-([0-9a-f]+)\]$/.exec(field) ?? [];
    if (peerId !== undefined) {
      migrations.push({ slot: Number(slot), direction: arrow === '>' ? 'migrating' : 'importing', peerId });
      continue;
    }
    const range = /^(\d+)(?:-(\d+))?$/.exec(field);
    if (range) slots.push([Number(range[1]), Number(range[2] ?? range[1])]);
  }
  return {
    id,
    address: { host: dataAddr.slice(0, Math.max(colon, 0)), port: Number(dataAddr.slice(colon + 1)) || 0 },
    busPort: Number(bus) || 0,
    ...(hostname ? { hostname } : {}),
    flags,
    myself: flags.includes('myself'),
    role: flags.includes('master') ? 'master' : flags.includes('slave') ? 'replica' : 'unknown',
    fail: flags.includes('fail'),
    pfail: flags.includes('fail?'),
    ...(master !== '-' ? { masterId: master } : {}),
    configEpoch: Number(epoch) || 0,
    linkState: link === 'connected' ? 'connected' : 'disconnected',
    slots,
    migrations,
  };
}

/** `0-5460,10923` style text for tables and messages. */
export const formatSlotRanges = (ranges: SlotRange[]): string => ranges.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(',');

export const countSlots = (ranges: SlotRange[]): number => ranges.reduce((n, [a, b]) => n + b - a + 1, 0);

/**
 * The slot map one node believes in, as comparable text: `first-last=masterId` sorted by slot.
 * Two nodes agree on ownership exactly when their strings are equal.
 */
export function slotMapSignature(nodes: ClusterNodeEntry[]): string {
  return nodes
    .filter((n) => n.role === 'master')
    .flatMap((n) => n.slots.map(([a, b]) => ({ a, text: `${a}-${b}=${n.id}` })))
    .sort((x, y) => x.a - y.a)
    .map((s) => s.text)
    .join(' ');
}

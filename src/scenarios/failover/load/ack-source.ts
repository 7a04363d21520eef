import { Cluster } from 'ioredis';
import { remoteOf, type Connection } from '../../../connect/connect.js';
import { keySlot } from '../../../topology/key-slot.js';
import type { AddRecord } from './records.js';
import type { AddAccounting } from '../types.js';

/**
 * Which node an add acknowledged just now went through: the address of the producer's connection
 * at ack time (for a sentinel client, the master ioredis is connected to; for a cluster client, the
 * node it maps the queue's slot to). Undefined when the connection cannot tell.
 */
export function ackSource(conn: Connection, prefix: string): string | undefined {
  if (conn instanceof Cluster) return conn.slots[keySlot(prefix)]?.[0];
  const on = remoteOf(conn);
  return on && `${on.host}:${on.port}`;
}

/**
 * Acked adds per acknowledging node, how many of them were lost, and for a network fault the same
 * for the side cut off with the node hit. `name` turns an address into a node id (planned topologies).
 */
export function ackedBySide(
  records: AddRecord[],
  lost: (id: string) => boolean,
  name: (address: string) => string,
  cutOff?: { nodes: string[]; from: number; to: number },
): Pick<AddAccounting, 'byNode' | 'cutOff'> {
  const byNode = new Map<string, { acked: number; lost: number }>();
  const side = { acked: 0, lost: 0 };
  for (const r of records) {
    if (r.outcome !== 'ok') continue;
    const node = r.ackedBy ? name(r.ackedBy) : 'unknown';
    const row = byNode.get(node) ?? { acked: 0, lost: 0 };
    const isLost = lost(r.id);
    row.acked++;
    if (isLost) row.lost++;
    byNode.set(node, row);
    // Acknowledged by the cut-off side while the cut lasted: the split-brain writes.
    if (cutOff && cutOff.nodes.includes(node) && r.settledAt !== undefined && r.settledAt >= cutOff.from && r.settledAt <= cutOff.to) {
      side.acked++;
      if (isLost) side.lost++;
    }
  }
  const rows = [...byNode].map(([node, c]) => ({ node, ...c })).sort((a, b) => a.node.localeCompare(b.node));
  return { byNode: rows, ...(cutOff && { cutOff: { nodes: cutOff.nodes, ...side } }) };
}

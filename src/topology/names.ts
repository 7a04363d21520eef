import type { NodePlan } from './types.js';

/** Loopback: where every node redis-arc starts on this machine listens. */
export const LOOPBACK = '127.0.0.1';

/**
 * The stable name a local node announces under `announce: hostnames`: `<id>.<topology>.internal`
 * (`.internal` is reserved for private names, so it never collides with a real domain).
 */
export function localHostname(topologyName: string, nodeId: string): string {
  return `${nodeId}.${topologyName}.internal`;
}

/**
 * Where a local node (and so its name) is reached. The ONE mapping from a node to its address:
 * every node is on 127.0.0.1 (ports differ) until each gets its own loopback address.
 */
export function localAddress(_node: Pick<NodePlan, 'id'>): string {
  return LOOPBACK;
}

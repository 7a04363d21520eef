import type { AddressMode } from '../specfile/defaults.js';

export const LOOPBACK = '127.0.0.1';

/**
 * The loopback address a node of the local runtime listens on, binds its outgoing connections
 * to, and announces. `per-node`: 127.1.<port high byte>.<port low byte>, so the address is a
 * function of the node's port: two nodes (of any projects) share an address only when they would
 * share a port, which the preflight already refuses. It is never 127.0.0.1, where clients come
 * from, so network faults can tell node-to-node traffic from client traffic by address alone.
 * The one place the choice is made (a hostname mode builds on it).
 */
export function nodeAddress(mode: AddressMode, port: number): string {
  if (mode === 'shared') return LOOPBACK;
  return `127.1.${port >> 8}.${port & 255}`;
}

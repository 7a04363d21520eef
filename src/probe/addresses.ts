import { formatEndpoint, type Endpoint } from '../redis/endpoint.js';
import type { AddressHints } from '../redis/target.js';

/** Turns addresses Redis reports into ones the host can reach, and names them for messages. */
export interface Addresses {
  /** An announced address (from INFO, SENTINEL or CLUSTER NODES) as the host reaches it. */
  reach(announced: Endpoint): Endpoint;
  /** The planned node id for a reachable address, when known. */
  label(ep: Endpoint): string | undefined;
  /** `redis-3 127.0.0.1:6382`, or just the address for nodes redis-arc did not plan. */
  name(ep: Endpoint): string;
}

export function addressesFrom(hints: AddressHints): Addresses {
  const reach = (announced: Endpoint): Endpoint => hints.natMap?.[`${announced.host}:${announced.port}`] ?? announced;
  const label = (ep: Endpoint): string | undefined => hints.labels?.[formatEndpoint(ep)];
  return {
    reach,
    label,
    name: (ep) => {
      const id = label(ep);
      return id ? `${id} ${formatEndpoint(ep)}` : formatEndpoint(ep);
    },
  };
}

/** Unique endpoints, first occurrence wins. */
export function uniqueEndpoints(eps: Endpoint[]): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const ep of eps) if (!seen.has(formatEndpoint(ep))) seen.set(formatEndpoint(ep), ep);
  return [...seen.values()];
}

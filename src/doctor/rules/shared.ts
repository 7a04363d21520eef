import { formatEndpoint, sameEndpoint, type Endpoint } from '../../redis/endpoint.js';
import type { DataNodeReading, LiveState, SentinelReading } from '../live-read.js';

/** The tail of a CONFIG SET fix: without it a restart undoes the change. */
export const PERSIST = 'then CONFIG REWRITE so a restart keeps it';

/** `2 sentinels`, `1 master`. */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Votes (sentinels or masters) that make a majority of `n`. */
export const majorityOf = (n: number): number => Math.floor(n / 2) + 1;

/** `unreachable (connect ECONNREFUSED)`: the address is in `nodes` already, and without it equal failures merge. */
export const unreachable = (detail: string | undefined, address: Endpoint): string =>
  `unreachable (${(detail ?? 'no reply').split(` ${formatEndpoint(address)}`).join('')})`;

export const isMaster = (state: LiveState, n: DataNodeReading): boolean =>
  n.replication
    ? n.replication.role === 'master'
    : n.status.role === 'master' ||
      Boolean(n.status.flags?.includes('master')) ||
      (state.health.master !== undefined && sameEndpoint(state.health.master, n.status.address));

/** A sentinel that answered and names a master: the one its other checks can read. */
export const watching = (s: SentinelReading): boolean => s.status.reachable && Boolean(s.status.master);

/** Cluster masters serving slots, as the cluster's own view lists them (reachable or not). */
export const slotMasters = (state: LiveState): DataNodeReading[] =>
  state.nodes.filter((n) => n.status.slots?.length && (n.status.role === 'master' || n.status.flags?.includes('master')));

/**
 * What `--fault` accepts: one file each in this folder (`faults/<id>.ts`), listed in `index.ts`,
 * whose catalogue the compiler holds to exactly these ids and `command`. Kept apart from the
 * catalogue so that `--help`, which shows the choices, imports no client library.
 */
export const FAULTS = [
  'kill',
  'pause',
  'sentinel-failover',
  'cluster-failover',
  'cluster-failover-force',
  'cluster-failover-takeover',
  'connections',
  'debug-sleep',
  'partition',
  'isolate',
  'hang-clients',
] as const;
/** `command` is the user's own fault (`--fault-cmd`), run through a shell at t0. */
export type Fault = (typeof FAULTS)[number] | 'command';
/** Network faults: nftables rules of the project's own table, removed after `--fault-ms` (src/network). */
export type NetworkFaultId = 'partition' | 'isolate' | 'hang-clients';

import { type FAULTS } from '../faults/names.js';

/**
 * What `failover-test` does when no flag says otherwise; `demo` runs exactly this. Cheap to import
 * (no ioredis, no BullMQ): the command's --help shows these values.
 */
export const DEFAULT_FAILOVER = {
  fault: 'kill' as (typeof FAULTS)[number],
  trials: 1,
  mode: 'direct' as const,
  /** Adds offered per second during the trial. */
  rate: 100,
  /** Load before the fault, so the producer and worker are in their steady state at t0. */
  warmupMs: 2000,
  /** Load after both paths recovered, so late completions are counted. */
  settleMs: 2000,
  /** pause fault: how long the node stays stopped. */
  pauseMs: 5000,
  maxRecoveryMs: 60_000,
  /** How long to wait for the topology to be healthy again after the node hit is back. */
  healTimeoutMs: 60_000,
};

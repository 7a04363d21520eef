/**
 * What `compare` runs when no flag says otherwise. Cheap to import (no ioredis, no BullMQ): the
 * command's --help shows these values.
 */
export const COMPARE_KINDS = ['sentinel', 'cluster', 'standalone'] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];

export const DEFAULT_COMPARE = {
  topologies: ['sentinel', 'cluster'] as CompareKind[],
  /** Sentinel down-after-milliseconds = Cluster cluster-node-timeout: the seed analysis' own 5000. */
  downAfterMs: 5000,
  /** Failover trials per fault and topology (min / median / max over them). */
  trials: 3,
  /** Queues for the multi-queue throughput runs. */
  queues: 3,
  /** Failover trials: adds offered per second, load before the fault and after recovery. */
  failover: { rate: 100, warmupMs: 2000, settleMs: 2000 },
  /** add→completed latency at a fixed offered rate. */
  latency: { rate: 200, durationS: 5 },
  /** Add throughput: jobs per queue per run, adds in flight per queue, measured runs (median). */
  throughput: { jobs: 2000, inflight: 64, runs: 3 },
  /** Ports of their own, so compare does not collide with a project on the usual ones. */
  ports: {
    sentinel: { portBase: 6420, sentinelPortBase: 26420 },
    cluster: { portBase: 7200 },
    standalone: { portBase: 6440 },
  } as Record<CompareKind, { portBase: number; sentinelPortBase?: number }>,
};

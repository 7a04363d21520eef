/**
 * What `compare` runs when no flag says otherwise. Cheap to import (no ioredis, no BullMQ): the
 * command's --help shows these values.
 */
export const COMPARE_KINDS = ['sentinel', 'cluster', 'standalone'] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];

const DEFAULT_TOPOLOGIES: CompareKind[] = ['sentinel', 'cluster'];

export const DEFAULT_COMPARE = {
  topologies: DEFAULT_TOPOLOGIES,
  /** Sentinel down-after-milliseconds = Cluster cluster-node-timeout: the seed analysis' own 5000. */
  downAfterMs: 5000,
  /** Failover trials per fault and topology (min / median / max over them). */
  trials: 3,
  /** Queues for the multi-queue throughput runs. */
  queues: 3,
  /** Failover trials: adds offered per second, load before the fault and after recovery. */
  failover: { rate: 100, warmupMs: 2000, settleMs: 2000 },
  /** add→completed latency at a fixed offered rate; the run with the median p50 of `runs` stands for it. */
  latency: { rate: 200, durationS: 5, runs: 3 },
  /** Add throughput: jobs per queue per run, adds in flight per queue, measured runs (median). */
  throughput: { jobs: 2000, inflight: 64, runs: 3 },
  /** First port of compare's block of 50, its own so it does not collide with a project on the usual ones. */
  portBase: 6420,
};

/** Block size `--port-base` reserves: sentinel at +0 (sentinels +10), cluster at +20, standalone at +40. */
export const COMPARE_PORT_SPAN = 50;

/** Where each kind runs in compare's block: data ports, and a sentinel's own; cluster bus ports are data + 10000. */
export function comparePorts(base: number): Record<CompareKind, { portBase: number; sentinelPortBase?: number }> {
  return { sentinel: { portBase: base, sentinelPortBase: base + 10 }, cluster: { portBase: base + 20 }, standalone: { portBase: base + 40 } };
}

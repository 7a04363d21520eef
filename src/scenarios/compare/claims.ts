/**
 * The seed analysis' claims that `compare` measures, quoted as written. Source:
 * docs/seed/ARC-012-event-management-and-redis.md (2025-10-05), sections "Comparison Table",
 * "Recommendation: Redis Sentinel" and "BullMQ + Cluster"; line numbers are that file's.
 */
/** How a row names the analysis: ARC-012 is its id; `:609` is a line of the file above. */
export const SEED = 'ARC-012';

export const CLAIMS = {
  failoverSentinel: { claim: 'Failover Time (Sentinel): 5-10 seconds', source: `${SEED}:609 Comparison Table` },
  failoverCluster: { claim: 'Failover Time (Cluster): 5-10 seconds per shard', source: `${SEED}:609 Comparison Table` },
  fasterFailover: { claim: 'Sentinel: Faster Failover: All nodes know each other, quicker recovery', source: `${SEED}:628 Recommendation` },
  lowerLatency: { claim: 'Sentinel: Lower Latency: No cross-shard redirects', source: `${SEED}:629 Recommendation` },
  writeScaling: { claim: 'Write Scaling: Sentinel ❌ Single master, Cluster ✅ Multiple masters', source: `${SEED}:606 Comparison Table` },
  defeatsPurpose: {
    claim: 'Cluster + BullMQ: All queue data on one shard (defeats purpose of clustering)',
    source: `${SEED}:592,596 BullMQ + Cluster`,
  },
  processes: { claim: 'Sentinel: 3 sentinels + 1 master + 2 replicas (6 total)', source: `${SEED}:626 Recommendation` },
  complexity: { claim: 'Complexity: Sentinel ⭐⭐ Low, Cluster ⭐⭐⭐⭐⭐ High', source: `${SEED}:610 Comparison Table` },
  setup: { claim: 'Setup Difficulty: Sentinel ⭐⭐ Easy, Cluster ⭐⭐⭐⭐ Hard', source: `${SEED}:613 Comparison Table` },
} as const;

/** The failover window the analysis states, and the down-after-milliseconds its sample config uses (lines 423, 659). */
export const SEED_FAILOVER_MS = { min: 5000, max: 10_000 };
export const SEED_DOWN_AFTER_MS = 5000;

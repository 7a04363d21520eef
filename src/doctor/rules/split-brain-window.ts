import type { Rule } from './rule.js';

const SPEC_KEY = 'sentinel.minReplicasMaxLagS';

/**
 * Measured by bench/partition.ts (bench/results/2026-11-29-partition.json; a unit test keeps these
 * equal to its medians): the master of a sentinel 1+2+3 partitioned from its replicas and sentinels
 * for `cutMs`, a client on 127.0.0.1 writing to it at `rate`/s and staying on it.
 */
export const MEASURED = {
  file: 'bench/results/2026-11-29-partition.json',
  cutMs: 10_000,
  rate: 200,
  /** min-replicas-to-write 0: writes acknowledged while cut off, and how many of them were lost after the heal. */
  without: { acked: 2019, lost: 2008 },
  /** min-replicas-to-write 1, min-replicas-max-lag 10 (the default): refused only once the cut had lasted 10 s. */
  lag10: { acked: 2011, lost: 2007, refused: 3 },
  /** min-replicas-to-write 1, min-replicas-max-lag 2: the last ack came this long after the cut; the rest of the cut was refused. */
  lag2: { acked: 491, lost: 484, refused: 1525, lastAckMs: 2451 },
} as const;

/** One line with the measured effect, for this rule and min-replicas-to-write's. */
export function measuredEffect(): string {
  const m = MEASURED;
  return (
    `measured on a ${m.cutMs / 1000} s partition of the master (bench/partition.ts): ${m.without.lost} of ${m.without.acked} writes it acknowledged were lost without min-replicas-to-write, ` +
    `${m.lag10.lost} with it at max-lag 10 s, ${m.lag2.lost} at max-lag 2 s (it stopped acknowledging ${(m.lag2.lastAckMs / 1000).toFixed(1)} s after the cut and refused ${m.lag2.refused} writes instead)`
  );
}

/**
 * min-replicas-to-write only refuses writes once no replica has acknowledged for
 * min-replicas-max-lag seconds: a partition shorter than that is not bounded at all.
 */
export const splitBrainWindow: Rule = {
  id: 'split-brain-window',
  spec: ({ sentinel: s }) =>
    s && s.replicas > 0 && s.minReplicasToWrite > 0 && s.minReplicasMaxLagS > 2
      ? {
          severity: 'info',
          path: SPEC_KEY,
          message: `a master cut off from its replicas keeps acknowledging writes for up to ${s.minReplicasMaxLagS} s before min-replicas-to-write refuses them, and they are lost when Sentinel demotes it; ${measuredEffect()}`,
          fix: `set ${SPEC_KEY}: 2 (adds then fail after 2 s without a replica's acknowledgement)`,
        }
      : undefined,
};

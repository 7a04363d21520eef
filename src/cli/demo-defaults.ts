/**
 * The topology `demo` starts: its own ports, so it does not collide with a project on the usual
 * ones, and 1 s failure detection, so its failover takes seconds. Cheap to import: --help shows it.
 */
export const DEFAULT_DEMO = {
  kind: 'sentinel' as 'sentinel' | 'cluster',
  ports: { sentinel: { portBase: 6390, sentinelPortBase: 26390 }, cluster: { portBase: 7100 } },
  /** sentinel: down-after-milliseconds; cluster: cluster-node-timeout. */
  detectMs: 1000,
};

interface DemoDefaults {
  kind: 'sentinel' | 'cluster';
  ports: { sentinel: { portBase: number; sentinelPortBase: number }; cluster: { portBase: number } };
  /** sentinel: down-after-milliseconds; cluster: cluster-node-timeout. */
  detectMs: number;
}

/**
 * The topology `demo` starts: its own ports, so it does not collide with a project on the usual
 * ones, and 1 s failure detection, so its failover takes seconds. Cheap to import: --help shows it.
 */
export const DEFAULT_DEMO: DemoDefaults = {
  kind: 'sentinel',
  ports: { sentinel: { portBase: 6390, sentinelPortBase: 26390 }, cluster: { portBase: 7100 } },
  detectMs: 1000,
};

import type { ClusterSpec, PersistenceSpec, RawSpec, SentinelSpec } from './schema.js';

/** A validated redis-arc.yaml with every default filled in. Downstream code takes a Topology instead. */
export interface Spec extends Omit<RawSpec, 'ports' | 'sentinel' | 'cluster'> {
  ports: { base: number; sentinelBase: number };
  /** Present exactly when kind is sentinel. */
  sentinel?: SentinelSpec;
  /** Present exactly when kind is cluster. */
  cluster?: ClusterSpec;
}

export type { ClusterSpec, PersistenceSpec, SentinelSpec };

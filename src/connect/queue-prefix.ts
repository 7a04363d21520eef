import { ArcError } from '../errors/index.js';
import type { Kind as TopologyKind } from '../specfile/defaults.js';

/** BullMQ's own default prefix. */
export const DEFAULT_PREFIX = 'bull';
/** On a cluster every key of a queue must hash to one slot: `{bull}` puts them there. */
export const DEFAULT_CLUSTER_PREFIX = '{bull}';

export function defaultPrefix(kind: TopologyKind): string {
  return kind === 'cluster' ? DEFAULT_CLUSTER_PREFIX : DEFAULT_PREFIX;
}

/** Does the key prefix carry a non-empty hash tag (`{...}`) that Redis Cluster hashes on? */
export function hasHashTag(prefix: string): boolean {
  const open = prefix.indexOf('{');
  if (open < 0) return false;
  const close = prefix.indexOf('}', open + 1);
  return close > open + 1;
}

/** Refuse a queue that would fail on a cluster, before BullMQ's scripts fail with CROSSSLOT. */
export function assertQueuePrefix(kind: TopologyKind, queueName: string, prefix: string): void {
  if (kind === 'cluster' && !hasHashTag(prefix)) {
    throw new ArcError(
      `queue '${queueName}' with prefix '${prefix}' cannot run on a Redis Cluster: its keys would spread over slots and BullMQ's scripts fail with CROSSSLOT; use a hash-tagged prefix such as '${DEFAULT_CLUSTER_PREFIX}'`,
    );
  }
}

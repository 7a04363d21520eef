import { announceHostnames } from './announce-hostnames.js';
import { appendfsync } from './appendfsync.js';
import { appendonly } from './appendonly.js';
import { auth } from './auth.js';
import { clientClusterRedirections } from './client-cluster-redirections.js';
import { clientKind } from './client-kind.js';
import { clientFollowSwitch } from './client-follow-switch.js';
import { clientOfflineQueue } from './client-offline-queue.js';
import { clientWorkerRetries } from './client-worker-retries.js';
import { clusterHashTags } from './cluster-hash-tags.js';
import { clusterMasters } from './cluster-masters.js';
import { clusterReplicas } from './cluster-replicas.js';
import { clusterSharedTag } from './cluster-shared-tag.js';
import { clusterSlots } from './cluster-slots.js';
import { clusterState } from './cluster-state.js';
import { configDrift } from './config-drift.js';
import { configUnreadable } from './config-unreadable.js';
import { downAfter } from './down-after.js';
import { keyScan } from './key-scan.js';
import { masterDown } from './master-down.js';
import { maxmemory } from './maxmemory.js';
import { maxmemoryPolicy } from './maxmemory-policy.js';
import { minReplicasToWrite } from './min-replicas-to-write.js';
import { nodeTimeout } from './node-timeout.js';
import { nodeUnreachable } from './node-unreachable.js';
import { replicaLag } from './replica-lag.js';
import { replicaLink } from './replica-link.js';
import type { Rule } from './rule.js';
import { sentinelCkquorum } from './sentinel-ckquorum.js';
import { sentinelCount } from './sentinel-count.js';
import { sentinelMaster } from './sentinel-master.js';
import { sentinelPeers } from './sentinel-peers.js';
import { sentinelQuorum } from './sentinel-quorum.js';
import { sentinelReplicas } from './sentinel-replicas.js';
import { sentinelUnreachable } from './sentinel-unreachable.js';
import { splitBrainWindow } from './split-brain-window.js';

/**
 * Every doctor rule, one file each (file name = rule id). This order is the order of the
 * findings: of the spec checks, and within each step of the live checks (per data node, across
 * data nodes, per sentinel, across sentinels, cluster) before they are sorted by severity.
 * Moving a rule reorders doctor's output; test/unit/doctor-rules.test.ts pins some of it.
 */
export const RULES: readonly Rule[] = [
  nodeUnreachable,
  configUnreadable,
  maxmemoryPolicy,
  appendonly,
  appendfsync,
  maxmemory,
  auth,
  sentinelUnreachable,
  sentinelMaster,
  masterDown,
  sentinelCkquorum,
  sentinelPeers,
  sentinelReplicas,
  sentinelCount,
  sentinelQuorum,
  downAfter,
  clusterState,
  clusterSlots,
  clusterMasters,
  clusterReplicas,
  nodeTimeout,
  minReplicasToWrite,
  splitBrainWindow,
  replicaLink,
  replicaLag,
  configDrift,
  announceHostnames,
  clusterHashTags,
  clusterSharedTag,
  keyScan,
  clientKind,
  clientWorkerRetries,
  clientOfflineQueue,
  clientFollowSwitch,
  clientClusterRedirections,
];

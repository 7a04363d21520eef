/** The probe layer: reads live state over the Redis protocol only (local, docker or attached). */
export { openProbeClient, withClient, DEFAULT_PROBE_CLIENT_OPTIONS, type ProbeClientOptions, type ProbeConnection } from './client.js';
export { readClusterView, clusterInfoFrom, type ClusterInfo, type ClusterView } from './cluster.js';
export { parseClusterNodes, formatSlotRanges, slotMapSignature, type ClusterNodeEntry, type SlotRange, type SlotMigration } from './cluster-nodes.js';
export { parseEndpoint, parseEndpoints, formatEndpoint, sameEndpoint, type Endpoint } from './endpoint.js';
export { checkHealth } from './health.js';
export { DEFAULT_HEALTH_OPTIONS, type DataNodeStatus, type HealthOptions, type HealthReport, type SentinelStatus, type Verdict } from './health-report.js';
export { parseInfo, infoNumber, infoString, type Info } from './info.js';
export { ProbeError, type ProbeFailure } from './probe-error.js';
export { readReplication, replicationFromInfo, replicaLag, type ReplicationState, type ConnectedReplica } from './replication.js';
export { readSentinelView, type SentinelView, type SentinelMasterState, type SentinelReplicaEntry, type SentinelPeer } from './sentinel.js';
export { targetFromTopology, type ProbeTarget, type AddressHints } from './target.js';
export { retryUntil, waitUntilHealthy, NotHealthyError, SYSTEM_CLOCK, DEFAULT_WAIT_INTERVAL_MS, type Clock, type RetryOptions, type RetryResult, type WaitOptions } from './wait.js';

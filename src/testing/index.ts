/**
 * `redis-arc/testing`: Sentinel, Cluster and standalone topologies that live as long as a test,
 * with faults. Free ports, auth on, a temporary folder, and a reaper that stops everything when
 * the test process dies.
 *
 * ```ts
 * await using topo = await sentinel({ replicas: 2, sentinels: 3 }).start();
 * const worker = new Worker('emails', handler, { connection: topo.connection('worker') });
 * const trial = await topo.fail('kill'); // once a replica is promoted: trial.promoteMs
 * await topo.heal();
 * ```
 */
export { cluster, sentinel, standalone } from './topology.js';
export type { ClusterConnectionOptions, ConnectionOptionsOf, TestNode, TestTopology } from './topology.js';
export type { ClusterTopologyOptions, CommonOptions, SentinelOptions } from './options.js';
export type { FailOptions, FailResult, TestFault } from './fail.js';
export type { PortRange, PortSearchRange } from './ports.js';
export { runWorkloads } from './workloads.js';
export type { WorkloadOptions, WorkloadRun } from './workloads.js';
export type { Moments, WorkloadProblem, WorkloadReport } from '../scenarios/workloads/types.js';
export type { ClientRole } from '../client/index.js';
export type { Connection } from '../connect/connect.js';
export type { HealthReport } from '../probe/health.js';

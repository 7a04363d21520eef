import type { FailoverResult, MetricSummary, TrialResult } from '../failover/types.js';
import type { Percentiles } from '../bench/types.js';
import type { CompareEnvironment } from '../environment.js';
import type { CompareKind } from './defaults.js';
import type { CompareDecision } from './decision.js';

/** Add throughput of one arrangement of queues, median over runs. */
export interface Throughput {
  queues: number;
  /** The key prefix of each queue (its hash tag decides the slot on a cluster). */
  prefixes: string[];
  /** Cluster: the master each queue's slot lands on, by planned node id; one entry per queue. */
  masters?: string[];
  /** Cluster: the slot of each queue. */
  slots?: number[];
  /** Acknowledged adds per second over all queues together, median over runs. */
  jobsPerSec: number;
  runs: number[];
}

export interface Resources {
  /** Processes whose working folder is the topology's folder (redis-server, redis-sentinel). */
  processes: number;
  /** TCP ports the topology listens on: data, sentinel and cluster bus ports. */
  ports: number;
  /** Sum of VmRSS over those processes, in KiB: after boot, and after the work. */
  rssKiB: { idle: number; afterWork: number };
  /** init + boot until healthy, and stop + removal of the folder, in ms. */
  setupMs: number;
  teardownMs: number;
}

/**
 * A failover-test result as compare keeps it: what compare reads are the summaries and each
 * trial's metrics, so a saved one may leave out the trials' timelines and events
 * (bench/compare-topologies.ts does, to keep the file small).
 */
export type CompareFailover = Omit<FailoverResult, 'trials'> & { trials: CompareTrial[] };
export type CompareTrial = Omit<TrialResult, 'events' | 'timeline'> & Partial<Pick<TrialResult, 'events' | 'timeline'>>;

/** Everything measured on one topology. */
export interface TopologyMeasurement {
  kind: CompareKind;
  /** Data masters serving writes. */
  masters: number;
  /** Fault name → result; absent on standalone (nothing to fail over to). */
  failover: { crash?: CompareFailover; graceful?: CompareFailover };
  /** The run with the median p50 (percentiles do not average); `p50s`: every run's. */
  latency: { rate: number; durationS: number; runs: number; p50: number; p99: number; max: number; p50s: number[] } | { error: string };
  throughput: { one: Throughput; shared: Throughput; spread?: Throughput };
  resources: Resources;
}

export type { CompareEnvironment };

export type VerdictKind = 'holds' | 'does not hold' | 'depends' | 'not measured';

/** One claim of the analysis next to its measurement. */
export interface CompareRow {
  area: 'failover' | 'latency' | 'throughput' | 'resources';
  claim: string;
  /** Where in the analysis the claim is written. */
  source: string;
  measured: string;
  verdict: VerdictKind;
  /** Why the verdict: for `depends`, what it depends on. */
  why: string;
}

export interface CompareSettings {
  topologies: CompareKind[];
  downAfterMs: number;
  trials: number;
  queues: number;
  failover: { rate: number; warmupMs: number; settleMs: number };
  latency: { rate: number; durationS: number; runs: number };
  throughput: { jobs: number; inflight: number; runs: number };
}

export interface CompareResult {
  schemaVersion: 1;
  /** What this result is: `redis-arc report` reads it back by it. */
  result: 'compare';
  environment: CompareEnvironment;
  settings: CompareSettings;
  measurements: TopologyMeasurement[];
  rows: CompareRow[];
  /** Sentinel vs cluster figure by figure (absent unless both ran). */
  decision?: CompareDecision;
}

export type { MetricSummary, Percentiles };

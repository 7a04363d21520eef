import type { Mode } from '../../events/producer.js';
import type { RunEnvironment } from '../environment.js';
import type { ProfileSummary } from './profile-summaries.js';
import type { CommandRun } from '../faults/fault.js';
import type { Fault } from '../faults/names.js';
import type { TimelineEvent } from '../watch/raw-event.js';
import type { WorkloadReport } from '../workloads/types.js';
import type { WorkloadSummary } from './workload-summaries.js';

/** A worker after a `connections` fault: did it run a job it took after the kill, and when (ms after the kill). */
export interface WorkerResume {
  /** The client profile whose worker this is: `redis-arc`, `defaults`, `bullmq-docs` or a --client module. */
  worker: string;
  resumed: boolean;
  resume_ms: number | null;
}

/** Counts per 100 ms bucket from the start of load; bucket i covers [startMs + i*100, +100). */
export interface TimelineSeries {
  bucketMs: number;
  /** atMs of the first bucket's start (negative: load started before t0). */
  startMs: number;
  acks: number[];
  failures: number[];
  completions: number[];
}

/** The metrics of DESIGN.md's failover table, for one trial. Times are ms after t0; null: never observed. */
export interface FailoverMetrics {
  detect_ms: number | null;
  promote_ms: number | null;
  write_gap_ms: number | null;
  /** Length of the longest interval after t0 without an acknowledged add. */
  write_outage_ms: number | null;
  consume_gap_ms: number | null;
  consume_outage_ms: number | null;
  bus_dropped?: number;
  /** Where the write outage went (METRICS.md "Outage breakdown"); null parts were not observed. */
  outage?: OutageBreakdown;
}

/** The write gap split into the topology's part and the client's part. */
export interface OutageBreakdown {
  /** t0 until the first +sdown / +odown (Sentinel) or node flagged fail (Cluster). */
  detection_ms: number | null;
  /** From that detection until the first +switch-master / promoted. */
  election_ms: number | null;
  /** From the promotion until this client's first acknowledged add at or after it. */
  follow_ms: number | null;
}

/** What became of every add (Jepsen's set test). */
export interface AddAccounting {
  issued: number;
  acked: number;
  failed: number;
  indeterminate: number;
  /** Acked, yet not in Redis and never processed, after settling. */
  lost: number;
  lostIds: string[];
  /** Indeterminate, yet present (processed or in Redis). */
  recovered: number;
  /** Processed to completion more than once. */
  duplicated: number;
  duplicatedIds: string[];
  /** Failed adds that nevertheless exist: an anomaly (the add was reported failed but took effect). */
  failedButPresent: number;
  /** Job ids Redis returned for more than one acknowledged add (BullMQ's id counter went back, e.g. after a failover). */
  reissued: number;
  reissuedIds: string[];
  /** Acknowledged adds whose job record now holds another add's data. */
  overwritten: number;
  overwrittenIds: string[];
  /** The errors failed and indeterminate adds got, by message, most frequent first (at most 5). */
  errors: { message: string; count: number }[];
  /** Acked adds by the node that acknowledged them (the address of the producer's connection at ack time), and how many of those were lost. */
  byNode?: { node: string; acked: number; lost: number }[];
  /** Acknowledged adds whose job record is gone from the final master after the heal, processed or not (a demoted master's writes). */
  gone?: number;
  goneIds?: string[];
  /** Network faults: the side cut off with the node hit (split brain), its acked adds, and how many of them were lost after the heal. */
  cutOff?: { nodes: string[]; acked: number; lost: number };
}

export type Verdict =
  | 'ok'
  /** Writes recovered, the worker never did. */
  | 'consumer-stuck'
  /** Writes never recovered within the trial. */
  | 'writes-stuck'
  /** The topology did not become healthy again after healing. */
  | 'not-healed';

export interface TrialResult {
  trial: number;
  fault: Fault;
  mode: Mode;
  /** The node hit, and its role when hit. */
  target: { id: string; address: string; role: string };
  /** Wall-clock epoch ms of t0. */
  t0EpochMs: number;
  rate: number;
  metrics: FailoverMetrics;
  adds: AddAccounting;
  verdict: Verdict;
  /** Human lines: why the verdict, which connection is stuck, what would reduce loss. */
  notes: string[];
  events: TimelineEvent[];
  timeline: TimelineSeries;
  healedMs: number | null;
  /** What the fault did, in a line (`killed 5 client connections`), when there is more to say than its name. */
  faultDetail?: string;
  /** A fault that ends by itself (pause, debug-sleep, network faults): when it ended, ms after t0 (before the heal when it ran its --fault-ms). */
  faultEndedMs?: number;
  /** `--fault-cmd` / `--heal-cmd`: how the user's commands ran. */
  faultCommand?: CommandRun;
  healCommand?: CommandRun;
  /** `connections`: each worker's resumption. */
  workers?: WorkerResume[];
  /** The client profile the trial ran, and the BullMQ and ioredis versions that ran it. */
  client?: TrialClient;
  /** `--workload`: each workload's figures and broken invariants in this trial. */
  workloads?: WorkloadReport[];
}

export interface TrialClient {
  /** `defaults`, `bullmq-docs`, `redis-arc`, or the --client module path as given. */
  profile: string;
  bullmq: string;
  ioredis: string;
  /** `tool`: one unique id per add (profiles' `unique`, mapped in trial/result.ts: the JSON keeps its word); `bullmq`: BullMQ's counter (adds accounted by the marker in their data). */
  jobIds: 'tool' | 'bullmq';
}

export interface MetricSummary {
  min: number | null;
  median: number | null;
  max: number | null;
}

export interface FailoverResult {
  schemaVersion: 1;
  /** What this result is (`redis-arc report` reads it back by it); `kind` is the topology's. */
  result: 'failover';
  kind: 'standalone' | 'sentinel' | 'cluster';
  fault: Fault;
  mode: Mode;
  rate: number;
  /** Node, Redis version, cores; absent in results saved before it was recorded. */
  environment?: RunEnvironment;
  trials: TrialResult[];
  /** min / median / max over trials for each numeric metric and for lost. */
  summary: Record<'detect_ms' | 'promote_ms' | 'write_gap_ms' | 'consume_gap_ms' | 'lost', MetricSummary>;
  thresholds: { maxWriteGapMs?: number; maxLost?: number };
  /** Threshold breaches, one line each; non-empty means exit 1. */
  breaches: string[];
  /** `--client`: per profile, its trials summarized side by side (each trial names its profile in `client`). */
  profiles?: ProfileSummary[];
  /** `--workload`: per workload and profile, its figures over the trials. */
  workloads?: WorkloadSummary[];
}

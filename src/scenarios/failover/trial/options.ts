import type { Connection } from '../../../connect/connect.js';
import type { Mode } from '../../../events/producer.js';
import type { RunningTopology } from '../../../project/running.js';
import type { Fault } from '../../faults/names.js';
import type { ClientProfile } from '../../../profiles/types.js';
import type { Workload, WorkloadSettings } from '../../workloads/types.js';

/** The part of a running topology a trial reads; runtime and project are absent when attached by address. */
export type TrialTopology = Pick<RunningTopology, 'target' | 'runtime' | 'project'>;

export interface TrialOptions {
  /** What the trial runs on: its target, the runtime that acts on its nodes and the project (network faults' nftables table), as the caller opened or started it. */
  topology: TrialTopology;
  fault: Fault;
  mode: Mode;
  rate: number;
  prefix: string;
  node?: string;
  warmupMs: number;
  settleMs: number;
  pauseMs: number;
  /** Give up waiting for promotion and recovery after this long (from t0). */
  maxRecoveryMs: number;
  healTimeoutMs: number;
  /** `command` fault: the user's shell commands (placeholders {node} {host} {port} {role}). */
  faultCmd?: string;
  healCmd?: string;
  /** `--partition 'a,b|c,d'`: the sides of a partition fault. */
  partition?: string;
  signal?: AbortSignal;
  /** Whose connections and BullMQ the trial runs (src/profiles); redis-arc's when absent. */
  profile?: ClientProfile;
  /** Several profiles side by side: progress lines name the profile. */
  profileInProgress?: boolean;
  /** BullMQ features run beside the plain load on the trial's profile, each checked after the heal (`--workload`). */
  workloads?: readonly Workload[];
  workloadSettings?: WorkloadSettings;
  onProgress?(message: string): void;
  /** Tests only: called with every acknowledged add (its job id), and the queue it went to (on redis-arc's connection). */
  onAck?(id: string, queue: { name: string; prefix: string; connection: Connection }): void;
}

/** A progress line of trial n. */
export type Say = (message: string) => void;

import type { ServerIdentity } from '../../servers/identity.js';
import type { Job } from 'bullmq';
import type { Connection } from '../../connect/connect.js';
import type { Mode } from '../../events/producer.js';
import type { Target } from '../../redis/target.js';
import type { Workload, WorkloadReport, WorkloadSettings } from '../workloads/types.js';

export interface SmokeHooks {
  /** After every event was enqueued, before the worker starts: tests tamper with the queue here. */
  afterEnqueue?(ctx: { queueName: string; prefix: string; connection: Connection; ids: string[] }): Promise<void>;
  /** After the processor recorded a completion; throwing makes BullMQ retry the job. */
  afterProcess?(job: Job): void | Promise<void>;
}

export interface SmokeOptions {
  target: Target;
  modes: Mode[];
  jobs: number;
  timeoutMs: number;
  /** Queue key prefix; default `bull`, or `{bull}` on a cluster. */
  prefix?: string;
  hooks?: SmokeHooks;
  /** `--workload`: BullMQ features run after the modes, with no fault: every invariant must hold. */
  workloads?: readonly Workload[];
  workloadSettings?: WorkloadSettings;
  onProgress?(message: string): void;
  /** Ctrl-C: stop enqueueing and consuming, still remove the queue, run no further mode. */
  signal?: AbortSignal;
}

/** The facts of one mode's run; everything the terminal shows is here, for --json. */
export interface SmokeModeResult {
  mode: Mode;
  queue: string;
  prefix: string;
  enqueued: number;
  /** Adds Redis acknowledged (for the bus: forwards that succeeded). */
  acked: number;
  failedAdds: number;
  /** Distinct events whose processor ran to completion. */
  processed: number;
  /** Event ids processed more than once. */
  duplicates: string[];
  /** Event ids acknowledged but never processed. */
  missing: string[];
  /** Event ids whose job data differed from what was emitted. */
  corrupted: string[];
  /** Jobs still in the queue after the run. */
  leftover: { waiting: number; active: number; delayed: number; failed: number };
  /** Keys of the smoke queue still in Redis after cleanup. */
  keysLeft: number;
  /** Bus mode: forwards that failed after emit returned. */
  busDropped?: number;
  timedOut: boolean;
  /** Stopped by Ctrl-C before every job could be accounted for. */
  interrupted?: boolean;
  elapsedMs: number;
  ok: boolean;
  problems: string[];
}

export interface SmokeResult {
  kind: Target['kind'];
  jobs: number;
  results: SmokeModeResult[];
  /** `--workload`: each workload's figures and broken invariants. */
  workloads?: WorkloadReport[];
  /** Which server answered (INFO server), read before the first mode. */
  server?: ServerIdentity;
  ok: boolean;
}

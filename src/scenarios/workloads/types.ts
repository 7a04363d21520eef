import type { ClientProfile } from '../../profiles/types.js';
import type { Target } from '../../redis/target.js';

/**
 * A workload: one BullMQ feature a team uses (a job scheduler, delayed jobs, flows, long jobs,
 * queue events), run beside a trial's plain load on the trial's profile, and checked afterwards
 * against the invariants it states. Each workload is a file of this folder (or a user's module
 * through `defineWorkload`); `index.ts` is the catalogue.
 */
export interface Workload {
  /** `scheduler`, `delayed`, …, or a module's path as given. */
  name: string;
  /** One line: what it adds, what it checks (help and docs). */
  summary: string;
  start(setup: WorkloadSetup): Promise<RunningWorkload>;
}

/** What a workload runs on. */
export interface WorkloadSetup {
  target: Target;
  /** The trial's key prefix (hash-tagged on a cluster: every queue of every workload shares its slot). */
  prefix: string;
  /** Whose connections and BullMQ it runs (`profile.libs.bullmq`, `profile.lease(role, target)`). */
  profile: ClientProfile;
  /** Unique per trial and workload: its queue names start with it, so that nothing else is touched. */
  queuePrefix: string;
  settings: WorkloadSettings;
  /** Ctrl-C / SIGTERM: once aborted, closing does not wait for the jobs its workers hold. */
  signal?: AbortSignal;
}

export interface WorkloadSettings {
  /** `long`: how long each job runs (ms). */
  longMs: number;
}

export const DEFAULT_WORKLOAD_SETTINGS: WorkloadSettings = { longMs: 2000 };

/** When the trial's moments happened (epoch ms); all absent in smoke, where no fault runs. */
export interface Moments {
  t0EpochMs?: number;
  promotedEpochMs?: number;
  healedEpochMs?: number;
}

export interface RunningWorkload {
  /** Stop adding (at the heal): what was added goes on running. Bounded: an add still hanging is left unacknowledged. */
  stopAdding(): Promise<void>;
  /** Wait, at most `timeoutMs`, until everything acknowledged has had its chance to run (due, processed, drained). */
  settle(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Read the final master and say what held and what did not. */
  check(moments: Moments): Promise<WorkloadReport>;
  /** Close its BullMQ objects and connections and delete its queues; bounded, never throws. */
  close(): Promise<void>;
}

/**
 * What a broken invariant is:
 * `lost`: acknowledged work that never happened (counted against `--max-lost`);
 * `stuck`: something that stopped and did not come back (a scheduler gone, a worker that stopped
 * fetching, nothing measured at all): always a breach;
 * `duplicated`: work done twice; `late`: done, but late; `error`: errors the workers logged.
 */
export type ProblemKind = 'lost' | 'stuck' | 'duplicated' | 'late' | 'error';

export interface WorkloadProblem {
  kind: ProblemKind;
  count: number;
  /** One line naming the workload: `flow: 46 parents never completed (children lost on the demoted master)`. */
  line: string;
  /** A few ids to look up. */
  examples?: string[];
}

export interface WorkloadReport {
  workload: string;
  /** The workload's figures (docs/METRICS.md "Workloads"); null: never observed. */
  figures: Record<string, number | null>;
  /** Every invariant that did not hold; empty when all held. */
  problems: WorkloadProblem[];
  /** Lines that inform without judging. */
  notes: string[];
}

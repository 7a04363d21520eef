import { randomBytes } from 'node:crypto';
import { defaultPrefix } from '../connect/queue-prefix.js';
import { ownProfile } from '../profiles/builtin.js';
import { resolveProfiles } from '../profiles/resolve.js';
import { workloadSettleMs } from '../scenarios/failover/trial/workloads.js';
import { startWorkloads } from '../scenarios/workloads/group.js';
import { resolveWorkloads } from '../scenarios/workloads/resolve.js';
import { DEFAULT_WORKLOAD_SETTINGS, type Moments, type WorkloadReport } from '../scenarios/workloads/types.js';
import type { TestTopology } from './topology.js';

export interface WorkloadOptions {
  /** Queue key prefix (default BullMQ's; `{bull}` on a cluster, where every workload's queues share its slot). */
  prefix?: string;
  /** Whose connections and BullMQ run them: `defaults`, `bullmq-docs`, `redis-arc` (the default) or a client module path. */
  client?: string;
  /** `long`: how long each job runs (default 2000 ms). */
  longMs?: number;
}

/** Workloads running on a test topology until `finish()`. */
export interface WorkloadRun extends AsyncDisposable {
  /**
   * Stop adding, let what was acknowledged run (at most `settleMs`, default as failover-test's: 65 s + 2 × longMs), check every
   * invariant on the final master, close and delete the workloads' queues. `moments` (epoch ms)
   * place the figures that start from a fault or a promotion.
   */
  finish(opts?: { settleMs?: number; moments?: Moments }): Promise<WorkloadReport[]>;
}

/**
 * `failover-test --workload` inside a test: start `workloads` (`scheduler`, `delayed`, `flow`,
 * `long`, `events`, `retries` or a module path) on `topology`, do what the test does to it
 * (`fail()`, `heal()`), then `finish()` says which invariants broke.
 */
export async function runWorkloads(topology: TestTopology, workloads: string[], opts: WorkloadOptions = {}): Promise<WorkloadRun> {
  const target = topology.started.target;
  const list = await resolveWorkloads(workloads.join(','));
  const [profile] = opts.client ? await resolveProfiles(opts.client) : [ownProfile()];
  const group = await startWorkloads(list, {
    target,
    prefix: opts.prefix ?? defaultPrefix(target.kind),
    profile: profile ?? ownProfile(),
    queuePrefix: `redis-arc-test-${randomBytes(4).toString('hex')}`,
    settings: { ...DEFAULT_WORKLOAD_SETTINGS, ...(opts.longMs !== undefined && { longMs: opts.longMs }) },
  });
  let closed = false;
  return {
    async finish({ settleMs = workloadSettleMs(opts.longMs ?? DEFAULT_WORKLOAD_SETTINGS.longMs), moments = {} } = {}) {
      try {
        await group.stopAdding();
        await group.settle(settleMs);
        return await group.check(moments);
      } finally {
        closed = true;
        await group.close();
      }
    },
    async [Symbol.asyncDispose]() {
      if (!closed) await group.close();
    },
  };
}

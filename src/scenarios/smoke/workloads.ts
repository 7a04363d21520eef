import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultPrefix } from '../../connect/queue-prefix.js';
import { ownProfile } from '../../profiles/builtin.js';
import { startWorkloads } from '../workloads/group.js';
import { DEFAULT_WORKLOAD_SETTINGS, type Workload, type WorkloadReport } from '../workloads/types.js';
import type { SmokeOptions } from './types.js';

/** How long each workload adds in a smoke run: long enough for a delayed job to come due and a scheduler to fire a few times. */
export const SMOKE_WORKLOAD_MS = 3000;

/**
 * The control of `failover-test --workload`: the same workloads on redis-arc's connections with
 * no fault, where every invariant must hold. Their queues are deleted whatever happens.
 */
export async function smokeWorkloads(workloads: readonly Workload[], opts: SmokeOptions): Promise<WorkloadReport[]> {
  const settings = opts.workloadSettings ?? DEFAULT_WORKLOAD_SETTINGS;
  opts.onProgress?.(`workloads: ${workloads.map((w) => w.name).join(', ')} for ${SMOKE_WORKLOAD_MS / 1000} s`);
  const group = await startWorkloads(workloads, {
    target: opts.target,
    prefix: opts.prefix ?? defaultPrefix(opts.target.kind),
    profile: ownProfile(),
    queuePrefix: `redis-arc-smoke-${randomBytes(4).toString('hex')}`,
    settings,
  });
  try {
    await sleep(SMOKE_WORKLOAD_MS, undefined, opts.signal && { signal: opts.signal }).catch(() => undefined);
    await group.stopAdding();
    opts.onProgress?.('workloads: letting them settle, then checking');
    await group.settle(opts.timeoutMs, opts.signal);
    return await group.check({});
  } finally {
    await group.close();
  }
}

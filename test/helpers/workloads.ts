import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkloadGroup } from '../../src/scenarios/workloads/group.js';
import type { Moments, WorkloadReport } from '../../src/scenarios/workloads/types.js';

/** A workload run as a trial ends one: add for `runMs`, stop adding, settle (at most `settleMs`), check. */
export async function runAndCheck(
  group: WorkloadGroup,
  { runMs, settleMs, moments = {} }: { runMs: number; settleMs: number; moments?: Moments },
): Promise<WorkloadReport[]> {
  await sleep(runMs);
  await group.stopAdding();
  await group.settle(settleMs);
  return group.check(moments);
}

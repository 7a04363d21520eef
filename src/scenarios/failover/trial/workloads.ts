import { InterruptedError } from '../../../errors/index.js';
import type { WorkloadReport } from '../../workloads/types.js';
import type { Say, TrialOptions } from './options.js';
import type { TrialParts } from './parts.js';

/**
 * How long the workloads may take after the heal to run what they acknowledged (delayed jobs not
 * yet due, long jobs still running). It covers BullMQ's stalled check (every 30 s, one per queue,
 * a job moved back on the second check that finds it active): a job active on the master that
 * was killed stays active on the new one until then, and only then runs again; a scheduler whose
 * firing was that job fires again only after it (seen on a cluster kill: no firing for ~60 s).
 * A shorter wait would call stuck what BullMQ recovers. Workloads that are done return at once.
 */
export const workloadSettleMs = (longMs: number): number => 65_000 + 2 * longMs;

/**
 * The workloads' end: let them settle, read each one's invariants on the final master, then
 * close them (their queues deleted). `promote_ms` places the promotion for the figures that
 * start from it.
 */
export async function checkWorkloads(
  o: TrialOptions,
  p: TrialParts,
  at: { t0EpochMs: number; promote_ms: number | null; healedEpochMs: number },
  say: Say,
): Promise<WorkloadReport[] | undefined> {
  const group = p.workloads;
  if (!group) return undefined;
  say('letting the workloads settle');
  await group.settle(workloadSettleMs(o.workloadSettings?.longMs ?? 2000), o.signal);
  // Interrupted: nothing to check; closeTrial closes them (bounded) and deletes their queues.
  if (o.signal?.aborted) throw new InterruptedError();
  const reports = await group.check({
    t0EpochMs: at.t0EpochMs,
    healedEpochMs: at.healedEpochMs,
    ...(at.promote_ms !== null && { promotedEpochMs: at.t0EpochMs + at.promote_ms }),
  });
  await group.close();
  p.workloads = undefined;
  return reports;
}

import type { WorkloadReport } from '../../workloads/types.js';
import type { Say, TrialOptions } from './options.js';
import type { TrialParts } from './parts.js';

/**
 * How long the workloads may take after the heal to run what they acknowledged (delayed jobs not
 * yet due, long jobs still running). It covers BullMQ's stalled check (every 30 s, one per queue):
 * a long job that lost its lock in the fault stays active until that check moves it back, and
 * only then does it run again; a shorter wait would call it stuck when BullMQ would recover it.
 * Workloads that are done return at once.
 */
export const workloadSettleMs = (longMs: number): number => 45_000 + 2 * longMs;

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
  const reports = await group.check({
    t0EpochMs: at.t0EpochMs,
    healedEpochMs: at.healedEpochMs,
    ...(at.promote_ms !== null && { promotedEpochMs: at.t0EpochMs + at.promote_ms }),
  });
  await group.close();
  p.workloads = undefined;
  return reports;
}

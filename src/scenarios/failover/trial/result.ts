import { bucketize } from '../measure/metrics.js';
import type { ClientProfile } from '../../../profiles/types.js';
import type { TrialClient, TrialResult } from '../types.js';
import type { Healed, Measured } from './account.js';
import type { Hit } from './inject.js';
import type { TrialOptions } from './options.js';
import type { TrialParts } from './parts.js';
import type { TrialPlan } from './plan.js';
import type { Running } from './prepare.js';

/** The trial's result, as `--json` prints it (its fields in this order). */
export function trialResult(n: number, o: TrialOptions, plan: TrialPlan, p: TrialParts, r: Running, hit: Hit, healed: Healed, m: Measured): TrialResult {
  const { fault } = hit;
  const { profile } = p;
  return {
    trial: n,
    fault: o.fault,
    mode: o.mode,
    target: { id: plan.target.id, address: `${plan.target.address.host}:${plan.target.address.port}`, role: plan.target.role },
    t0EpochMs: hit.t0EpochMs,
    rate: o.rate,
    metrics: m.metrics,
    adds: m.adds,
    verdict: m.verdict,
    notes: m.notes,
    events: m.events,
    timeline: bucketize(hit.t0, r.load.startedAt, healed.loadEnd, [...r.load.records.values()], p.completions),
    healedMs: m.healedMs,
    ...(fault.detail && { faultDetail: fault.detail }),
    ...(m.faultEndedMs !== undefined && { faultEndedMs: m.faultEndedMs }),
    ...(fault.faultCommand && { faultCommand: fault.faultCommand }),
    ...(fault.healCommand && { healCommand: fault.healCommand }),
    ...(m.resumes && { workers: m.resumes }),
    client: trialClient(profile),
    ...(m.workloads && { workloads: m.workloads }),
  };
}

/**
 * The trial's `client`. Its `jobIds` keeps the word the JSON has always had, `tool`, for what
 * profiles and client modules call `unique` (ids the load chooses): saved results and their
 * readers stay as they were.
 */
function trialClient(profile: ClientProfile): TrialClient {
  const { bullmq, ioredis } = profile.libs.versions;
  return { profile: profile.name, bullmq, ioredis, jobIds: profile.jobIds === 'unique' ? 'tool' : 'bullmq' };
}

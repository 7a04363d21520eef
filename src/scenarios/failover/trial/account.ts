import { openQueue } from '../../../connect/bullmq.js';
import { EventBus } from '../../../events/bus.js';
import { printableValue } from '../../../errors/printable.js';
import { addressesFrom } from '../../../probe/addresses.js';
import { waitUntilHealthy } from '../../../probe/wait.js';
import { parseEndpoint } from '../../../redis/endpoint.js';
import type { Target } from '../../../redis/target.js';
import { faultOf } from '../../faults/index.js';
import type { InjectedFault } from '../../faults/fault.js';
import { observed, relativeTo, type TimelineEvent } from '../../watch/raw-event.js';
import { account } from '../measure/accounting.js';
import { computeMetrics } from '../measure/metrics.js';
import { tiltNotes } from '../measure/sentinel-tilt.js';
import { splitBrainNotes } from '../measure/split-brain.js';
import { backBeforePromotionNotes } from '../measure/back-before-promotion.js';
import { verdictOf } from '../measure/verdict.js';
import type { AddAccounting, FailoverMetrics, Verdict, WorkerResume } from '../types.js';
import { markerOf } from '../workers.js';
import type { Hit } from './inject.js';
import type { Say, TrialOptions } from './options.js';
import type { TrialParts } from './parts.js';
import type { TrialPlan } from './plan.js';
import type { Running } from './prepare.js';
import { waitUntilDrained } from './recovery.js';
import { checkWorkloads } from './workloads.js';
import type { WorkloadReport } from '../../workloads/types.js';

/** When the heal began and the load stopped (monotonic ms). */
export interface Healed {
  healStart: number;
  healStartEpochMs: number;
  loadEnd: number;
}

/** What the trial measured once the fault was healed and every add read back. */
export interface Measured {
  healedMs: number | null;
  adds: AddAccounting;
  metrics: FailoverMetrics;
  events: TimelineEvent[];
  verdict: Verdict;
  notes: string[];
  resumes?: WorkerResume[];
  workloads?: WorkloadReport[];
  /** A fault that ended by itself: when, ms after t0. */
  faultEndedMs?: number;
}

/** Undo what is left of the fault (its mark goes on the timeline), then stop the load. */
export async function heal(o: TrialOptions, plan: TrialPlan, p: TrialParts, r: Running, hit: Hit, say: Say): Promise<Healed> {
  say('healing');
  const healStart = performance.now();
  const healStartEpochMs = Date.now();
  const { fault } = hit;
  await fault.heal();
  const healEvent = observed('heal', 'redis-arc', `${plan.target.id} ${faultOf(o.fault).healed(fault)}`);
  // A network fault healed itself after --fault-ms: the mark goes where its table was deleted.
  const selfHealed = fault.endedEpochMs !== undefined && fault.endedAt !== undefined ? { at: fault.endedAt, epochMs: fault.endedEpochMs } : undefined;
  p.events.push(selfHealed ? { ...healEvent, ...selfHealed } : healEvent);
  await Promise.all([r.load.stop(), p.workloads?.stopAdding()]);
  return { healStart, healStartEpochMs, loadEnd: r.load.stoppedAt };
}

/**
 * Let the workers drain the queue, wait for health, read every add back, then the metrics, the
 * verdict and its notes; the workers and the producer are closed here, in order.
 */
export async function drainAndAccount(o: TrialOptions, plan: TrialPlan, p: TrialParts, r: Running, hit: Hit, healed: Healed, say: Say): Promise<Measured> {
  const { fault, t0 } = hit;
  say('draining the queue');
  const queue = openQueue({ name: p.queueName, prefix: o.prefix, connection: p.producerConn });
  try {
    await waitUntilDrained(queue, o.signal);
    say('waiting until healthy again');
    const healedMs = await waitUntilHealthy(o.topology.target, { timeoutMs: o.healTimeoutMs }).then(
      () => Math.round(performance.now() - healed.healStart),
      () => null,
    );
    const adds = await account([...r.load.records.values()], p.completions, (id) => queue.getJob(id).then((j) => (j ? markerOf(j) : null)), {
      jobIds: p.profile.jobIds,
      sides: {
        name: (address) => nodeName(o.topology.target, address),
        ...(fault.cutOff && { cutOff: { nodes: fault.cutOff, from: t0, to: fault.endedAt ?? healed.healStart } }),
      },
    });
    for (const w of p.watchers) await w.stop();
    const events = relativeTo(t0, [...p.events, ...p.watchers.flatMap((w) => w.events)]);
    const busDropped = r.producer instanceof EventBus ? r.producer.dropped : undefined;
    const metrics = computeMetrics(t0, healed.loadEnd, [...r.load.records.values()], p.completions, events, busDropped);
    const resumes = o.fault === 'connections' ? r.workers.resumes(hit.done.at, hit.done.epochMs) : undefined;
    const { verdict, notes: why } = verdictOf({ fault: o.fault, metrics, adds, healed: healedMs !== null, workers: r.workers, plan, resumes });
    const workloads =
      p.workloads && (await checkWorkloads(o, p, { t0EpochMs: hit.t0EpochMs, promote_ms: metrics.promote_ms, healedEpochMs: healed.healStartEpochMs }, say));
    const faultEndedMs = fault.endedAt === undefined ? undefined : Math.round(fault.endedAt - t0);
    const notes = [
      ...faultLines(fault),
      ...why,
      ...splitBrainNotes(o.fault, adds),
      ...backBeforePromotionNotes(faultEndedMs, metrics.promote_ms, adds.gone),
      ...tiltNotes(events),
      ...(workloads ?? []).flatMap((w) => w.problems.map((x) => x.line)),
    ];
    await r.workers.close();
    p.workers = undefined;
    await r.producer.close();
    p.producer = undefined;
    return {
      healedMs,
      adds,
      metrics,
      events,
      verdict,
      notes,
      ...(resumes && { resumes }),
      ...(workloads && { workloads }),
      ...(faultEndedMs !== undefined && { faultEndedMs }),
    };
  } finally {
    await queue.close();
  }
}

/** The fault's own lines in the report: what it did, and how the user's commands ran. */
function faultLines(f: InjectedFault): string[] {
  const lines = f.detail ? [f.detail] : [];
  for (const [flag, run] of [
    ['--fault-cmd', f.faultCommand],
    ['--heal-cmd', f.healCommand],
  ] as const) {
    if (!run) continue;
    const last = run.output.trim().split('\n').pop()?.trim();
    // The user's command and what it printed are outside text: a note shows, never obeys, an escape sequence.
    lines.push(printableValue(`${flag} ${run.command}: exit ${run.exitCode ?? run.signal} after ${run.durationMs} ms${last ? `; ${last}` : ''}`));
  }
  return lines;
}

/** The planned node id of an acknowledging address (`host:port`), else the address itself. */
function nodeName(target: Target, address: string): string {
  try {
    return addressesFrom(target).label(parseEndpoint(address)) ?? address;
  } catch {
    return address;
  }
}

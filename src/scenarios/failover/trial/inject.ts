import { setTimeout as sleep } from 'node:timers/promises';
import { InterruptedError } from '../../../errors/index.js';
import { faultOf, inject } from '../../faults/index.js';
import type { InjectedFault } from '../../faults/fault.js';
import { observed } from '../../watch/raw-event.js';
import { faultContext, userCommands } from './fault-context.js';
import type { Say, TrialOptions } from './options.js';
import type { TrialParts } from './parts.js';
import type { TrialPlan } from './plan.js';
import type { Running } from './prepare.js';
import { waitForRecovery } from './recovery.js';
import { expectFirstAck } from './first-ack.js';

/** The fault as injected at t0. */
export interface Hit {
  fault: InjectedFault;
  /** t0 on the monotonic clock, and as wall-clock epoch ms. */
  t0: number;
  t0EpochMs: number;
  /** When the fault was done (the kills returned): a worker resumes with a job it took after this. */
  done: { at: number; epochMs: number };
}

/** Start the load and let it run `--warmup` before the fault, and until Redis acknowledged an add of it. */
export async function warmUp(o: TrialOptions, r: Running, say: Say): Promise<void> {
  say(`load at ${o.rate}/s through ${o.mode}, warming up`);
  r.load.start();
  await sleep(o.warmupMs, undefined, { signal: o.signal }).catch(() => undefined);
  abortIfAsked(o.signal);
  await expectFirstAck(r.load, o.profile ? `the client profile ${o.profile.name}` : "redis-arc's connections", o.warmupMs, o.signal);
  abortIfAsked(o.signal);
}

/** Inject the fault at t0, then wait until writes and completions flow again (after the promotion, when one is expected). */
export async function injectAndRecover(o: TrialOptions, plan: TrialPlan, p: TrialParts, r: Running, say: Say): Promise<Hit> {
  say(`${o.fault} ${plan.target.id} (${plan.target.role})`);
  const t0 = performance.now();
  const t0EpochMs = Date.now();
  const commands = userCommands(o.topology.target, {
    faultCmd: o.faultCmd,
    healCmd: o.healCmd,
    timeoutMs: o.maxRecoveryMs,
    ...(o.signal && { signal: o.signal }),
  });
  const fault = await inject(
    o.fault,
    faultContext(plan, o.topology, { faultMs: o.pauseMs, ...(o.partition !== undefined && { partition: o.partition }), commands }),
  );
  p.fault = fault;
  const done = { at: performance.now(), epochMs: Date.now() };
  p.events.push({ ...observed('fault', 'redis-arc', `${o.fault} ${plan.target.id}${fault.detail ? `: ${fault.detail}` : ''}`), at: t0, epochMs: t0EpochMs });
  if (fault.detail) say(fault.detail);
  if (fault.faultCommand) say(`--fault-cmd exited 0 after ${fault.faultCommand.durationMs} ms`);

  await waitForRecovery({
    t0,
    fault: o.fault,
    injected: fault,
    // A fault that fails nothing over (cut or hung connections): the trial does not wait for a promotion that will not come.
    expectPromotion: plan.expectPromotion && faultOf(o.fault).promotes,
    watchers: p.watchers,
    lastAckAt: () => r.load.lastAckAt,
    // Recovered only once every worker has completed a job again (the jobs themselves may go to any of them).
    lastCompletionAt: () => (r.workers.allResumedSince(done.epochMs) ? p.lastCompletionAt : undefined),
    maxRecoveryMs: o.maxRecoveryMs,
    settleMs: o.settleMs,
    say,
    ...(o.signal && { signal: o.signal }),
  });
  abortIfAsked(o.signal);
  return { fault, t0, t0EpochMs, done };
}

/** Ctrl-C: stop here; the trial's cleanup heals the fault and stops the load. */
function abortIfAsked(signal?: AbortSignal): void {
  if (signal?.aborted) throw new InterruptedError();
}

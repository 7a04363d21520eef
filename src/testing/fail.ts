import type { Endpoint } from '../redis/endpoint.js';
import { checkHealth } from '../probe/health.js';
import { ArcError } from '../errors/index.js';
import { FAULTS, faultOf, inject, type InjectedFault } from '../scenarios/faults/index.js';
import { relativeTo, type TimelineEvent, type Watcher } from '../scenarios/watch/raw-event.js';
import { faultContext } from '../scenarios/failover/trial/fault-context.js';
import type { TrialTopology } from '../scenarios/failover/trial/options.js';
import { planTrial } from '../scenarios/failover/trial/plan.js';
import { startWatchers } from '../scenarios/failover/trial/watchers.js';
import { DETECTED, firstAt, PROMOTED, promotedSince } from '../scenarios/watch/events.js';
import { retryUntil } from '../wait/retry.js';
import { checkFailOptions } from './validate.js';

/**
 * The faults a test can inject: every `failover-test --fault` but `command` (a test runs its own
 * commands). A new fault in the catalogue (src/scenarios/faults/) is a `fail()` fault here too:
 * its definition says which topologies run it and whether it promotes.
 */
export const TEST_FAULTS = FAULTS;
export type TestFault = (typeof TEST_FAULTS)[number];

export interface FailOptions {
  /** The node to hit (`redis-1`, `node-2`); by default the master (cluster: the one owning `prefix`'s slot). */
  node?: string;
  /** Cluster: the queue prefix whose master is hit when `node` is not given (BullMQ's default: `bull`). */
  prefix?: string;
  /** Give up waiting for the promotion after this long (default 30 s). */
  timeoutMs?: number;
  /** `pause` / `debug-sleep` / network faults: the fault lasts this long unless `heal()` comes first (default 60 s; a DEBUG SLEEP cannot be cut short). */
  pauseMs?: number;
  /** `partition`: the sides, as failover-test's `--partition 'redis-1,sentinel-1|redis-2,redis-3,sentinel-2,sentinel-3'` (default: the node hit against every other). */
  partition?: string;
}

/** What `fail()` saw, timed from the moment the fault was injected (docs/METRICS.md). */
export interface FailResult {
  fault: TestFault;
  /** The node hit: planned id, address, role at the time. */
  node: { id: string; address: string; role: string };
  /** First +odown (Sentinel) / first node flagged fail (Cluster), ms after the fault. */
  detectMs: number | null;
  /** +switch-master (Sentinel) / a replica reporting role master (Cluster), ms after the fault; null when a replica was hit or the fault promotes nobody (`connections`). */
  promoteMs: number | null;
  /** What the sentinels announced / the cluster nodes reported, relative to the fault. */
  events: TimelineEvent[];
  /** What the fault did when its name does not say it all (`connections`: how many clients were cut). */
  detail?: string;
}

/**
 * Inject `fault` the way `failover-test` does (the same plan, watchers and injection) and return
 * once a replica has been promoted. The fault is left in place for the caller's `heal()`.
 */
export async function failAndWatch(
  topology: TrialTopology,
  fault: TestFault,
  o: FailOptions,
  /** Told of the fault and the node hit as soon as it is in place, so it is healed even when the wait fails. */
  injected: (f: InjectedFault, node: Endpoint) => void,
): Promise<FailResult> {
  const { target, runtime } = topology;
  checkFailOptions(fault, o, runtime?.topology.nodes ?? [], TEST_FAULTS);
  const def = faultOf(fault);
  if (target.kind !== 'standalone' && !def.kinds.includes(target.kind)) {
    throw new ArcError(`redis-arc: fail('${fault}') needs a ${def.kinds.join(' or ')} topology; this one is ${target.kind}`);
  }
  const health = await checkHealth(target);
  const plan = await planTrial(target, health, { runtime, ...(o.node && { node: o.node }), prefix: o.prefix ?? 'bull' });
  const watchers: Watcher[] = [];
  try {
    await startWatchers(plan, target, watchers);
    const t0 = performance.now();
    const ctx = faultContext(plan, topology, { faultMs: o.pauseMs ?? 60_000, ...(o.partition !== undefined && { partition: o.partition }) });
    const inPlace = await inject(fault, ctx).catch((err: unknown) => {
      throw err instanceof ArcError ? new ArcError(`redis-arc: fail('${fault}'): ${err.message}`, err.exitCode, { cause: err }) : err;
    });
    injected(inPlace, plan.target.address);
    const timeoutMs = o.timeoutMs ?? 30_000;
    // A replica hit (node: 'redis-2'), or cut connections, promote nobody: nothing to wait for.
    const expect = plan.expectPromotion && def.promotes;
    const promoted = !expect || (await retryUntil(() => Promise.resolve(promotedSince(t0, watchers)), Boolean, { timeoutMs, intervalMs: 25 })).ok;
    if (!promoted) throw new ArcError(`redis-arc: no replica was promoted within ${timeoutMs} ms of the ${fault} of ${plan.target.id}; call heal() to undo it`);
    const events = relativeTo(
      t0,
      watchers.flatMap((w) => w.events),
    );
    const { id, address, role } = plan.target;
    const result: FailResult = {
      fault,
      node: { id, address: `${address.host}:${address.port}`, role },
      detectMs: firstAt(events, DETECTED),
      promoteMs: firstAt(events, PROMOTED),
      events,
      ...(inPlace.detail && { detail: inPlace.detail }),
    };
    return result;
  } finally {
    for (const w of watchers) await w.stop().catch(() => undefined);
  }
}

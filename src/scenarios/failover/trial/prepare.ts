import type { EventProducer } from '../../../events/producer.js';
import { UnreachableError } from '../../../errors/index.js';
import { checkHealth } from '../../../probe/health.js';
import { CannotRunError } from '../../faults/cannot-run.js';
import { literalValues } from '../../faults/command.js';
import { ackSource } from '../load/ack-source.js';
import { FixedRateLoad } from '../load/load.js';
import { builtinProfile } from '../../../profiles/builtin.js';
import { startWorkers, type TrialWorkers } from '../workers.js';
import type { TrialOptions } from './options.js';
import type { TrialParts } from './parts.js';
import { planTrial, type TrialPlan } from './plan.js';
import { trialProducer } from './producer.js';
import { startWatchers } from './watchers.js';
import { startWorkloads } from '../../workloads/group.js';
import { DEFAULT_WORKLOAD_SETTINGS } from '../../workloads/types.js';

/** The parts a started trial runs on. */
export interface Running {
  producer: EventProducer;
  load: FixedRateLoad;
  workers: TrialWorkers;
}

/** The health gate, then who is hit, who watches and who should take over. */
export async function planOnHealthy(o: TrialOptions): Promise<TrialPlan> {
  const health = await checkHealth(o.topology.target);
  if (health.verdict !== 'healthy') {
    const message = `the topology is ${health.verdict}, not healthy: ${health.problems[0] ?? ''}; run \`redis-arc status\``;
    // Down is exit 3, as for status and the other scenarios; degraded is a topology this test cannot start on (4).
    throw health.verdict === 'down' ? new UnreachableError(message) : new CannotRunError(message);
  }
  const plan = await planTrial(o.topology.target, health, { runtime: o.topology.runtime, node: o.node, prefix: o.prefix, anyTarget: o.fault === 'command' });
  // A --fault-cmd value a shell would act on is refused now, before the load and its warm-up.
  if (o.faultCmd) literalValues(plan.target, { runtime: o.topology.runtime !== undefined, heal: o.healCmd !== undefined });
  return plan;
}

/** The producer and its fixed-rate load (not started yet), the workers, the watchers: each put in `p` as it starts. */
export async function prepare(n: number, o: TrialOptions, plan: TrialPlan, p: TrialParts): Promise<Running> {
  const toolQueue = { name: p.queueName, prefix: o.prefix, connection: p.producerConn };
  const producer = await trialProducer(p.profile, o, p.queueName, p.producerConn, {
    acked: (marker, jobId, via) => {
      p.load?.acked(marker, jobId, via && ackSource(via, o.prefix));
      o.onAck?.(jobId, toolQueue);
    },
    failed: (id, err) => p.load?.failed(id, err),
  });
  p.producer = producer;
  const load = new FixedRateLoad(producer, { rate: o.rate, idPrefix: `${p.queueName}-${n}` });
  p.load = load;
  // `connections` also runs a worker on the defaults profile: does a worker as most users configure it resume?
  const workerProfiles = o.fault === 'connections' && p.profile.name !== 'defaults' ? [p.profile, builtinProfile('defaults', p.profile.libs)] : [p.profile];
  const workers = await startWorkers(o.topology.target, p.queueName, o.prefix, workerProfiles, (marker, at) => {
    p.completions.set(marker, [...(p.completions.get(marker) ?? []), at]);
    p.lastCompletionAt = at;
  });
  p.workers = workers;
  if (o.workloads?.length) {
    p.workloads = await startWorkloads(o.workloads, {
      target: o.topology.target,
      prefix: o.prefix,
      profile: p.profile,
      queuePrefix: p.queueName,
      settings: o.workloadSettings ?? DEFAULT_WORKLOAD_SETTINGS,
      ...(o.signal && { signal: o.signal }),
    });
  }
  await startWatchers(plan, o.topology.target, p.watchers);
  return { producer, load, workers };
}

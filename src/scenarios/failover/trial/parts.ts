import { randomBytes } from 'node:crypto';
import { removeQueue } from '../../../connect/bullmq.js';
import { closeConnection, connect, type Connection } from '../../../connect/connect.js';
import { PRODUCER_COMMAND_TIMEOUT_MS } from '../../../connect/roles.js';
import type { EventProducer } from '../../../events/producer.js';
import type { InjectedFault } from '../../faults/fault.js';
import type { RawEvent, Watcher } from '../../watch/raw-event.js';
import type { FixedRateLoad } from '../load/load.js';
import type { Completions } from '../load/records.js';
import { ownProfile } from '../../../profiles/builtin.js';
import type { ClientProfile } from '../../../profiles/types.js';
import type { TrialWorkers } from '../workers.js';
import type { WorkloadGroup } from '../../workloads/group.js';
import type { TrialOptions } from './options.js';

/**
 * What a trial has started so far: each phase adds its parts, and `closeTrial` stops whatever is
 * there, however the trial ended. A part already closed in order is taken out.
 */
export interface TrialParts {
  queueName: string;
  /** redis-arc's producer connection: its producer, the drain and the queue's removal. */
  producerConn: Connection;
  profile: ClientProfile;
  /** The trial's own timeline events (the fault, the heal); the watchers keep theirs. */
  events: RawEvent[];
  /** Every completion of every add (by its marker), and the last one's time. */
  completions: Completions;
  lastCompletionAt?: number;
  watchers: Watcher[];
  producer?: EventProducer;
  load?: FixedRateLoad;
  workers?: TrialWorkers;
  fault?: InjectedFault;
  workloads?: WorkloadGroup;
}

export function openTrial(o: TrialOptions): TrialParts {
  return {
    queueName: `redis-arc-failover-${randomBytes(4).toString('hex')}`,
    // A hung add ends after a second as indeterminate instead of holding the trial.
    producerConn: connect(o.topology.target, 'producer', { commandTimeoutMs: PRODUCER_COMMAND_TIMEOUT_MS }),
    profile: o.profile ?? ownProfile(),
    events: [],
    completions: new Map(),
    watchers: [],
  };
}

/** Ctrl-C or an error mid-trial: the paused node is resumed, the killed one restarted, load stopped. */
export async function closeTrial(o: TrialOptions, p: TrialParts): Promise<void> {
  await p.fault?.heal().catch(() => undefined);
  await p.load?.stop(1000).catch(() => undefined);
  for (const w of p.watchers) await w.stop().catch(() => undefined);
  await p.workers?.close(true).catch(() => undefined);
  await p.workloads?.close();
  await p.producer?.close().catch(() => undefined);
  // Whatever ended the trial (a --fault-cmd that failed, a refused DEBUG, Ctrl-C), its queue goes:
  // the Redis may not be one redis-arc started.
  await removeQueue({ name: p.queueName, prefix: o.prefix, connection: p.producerConn }).catch(() => undefined);
  await closeConnection(p.producerConn);
}

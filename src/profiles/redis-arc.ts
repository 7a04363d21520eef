import { borrowed, leaseOf } from '../connect/bullmq.js';
import { connect } from '../connect/connect.js';
import { PRODUCER_COMMAND_TIMEOUT_MS } from '../connect/roles.js';
import { createProducer } from '../events/index.js';
import { MODES } from '../events/producer.js';
import { loadRoutes } from './load-route.js';
import type { ClientLibs, ClientProfile, ProducerSetup } from './types.js';

/**
 * `redis-arc`: src/connect's connections (fail-fast producer, +switch-master follower) and the
 * event layer's producer in the run's mode (direct, bus, manager), a job id chosen per add. Its
 * producer adds through redis-arc's own producer connection, which the caller holds anyway for
 * its reads: one producer connection, as a trial and a bench run have always had.
 */
export function redisArcProfile(libs: ClientLibs): ClientProfile {
  return {
    name: 'redis-arc',
    jobIds: 'unique',
    libs,
    modes: MODES,
    followsSwitch: true,
    connection: (role, target) => Promise.resolve(connect(target, role)),
    // A producer connection of its own fails an add that hangs after a second, as the trial's producer
    // connection does (a workload's adds then count as indeterminate, not as acknowledged by a hung master).
    lease: (role, target, own) =>
      Promise.resolve(own ? borrowed(own) : leaseOf(connect(target, role, role === 'producer' ? { commandTimeoutMs: PRODUCER_COMMAND_TIMEOUT_MS } : {}))),
    producer({ target, queueName, prefix, mode, own, observer }: ProducerSetup) {
      const producer = createProducer(mode, {
        connection: own,
        prefix,
        topologyKind: target.kind,
        routes: loadRoutes(queueName),
        // None when nobody observes: the direct producer then costs what a bare queue.add costs.
        ...(observer && {
          observer: { acked: (id: string) => observer.acked(id, id), failed: (id: string, _type: unknown, err: Error) => observer.failed(id, err) },
        }),
      });
      return Promise.resolve({ producer, client: () => Promise.resolve(own), ready: () => Promise.resolve() });
    },
  };
}

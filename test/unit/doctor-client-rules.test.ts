/** doctor --client: each harmful setting is named with its effect and fix; good settings pass. */
import { describe, expect, it } from 'vitest';
import { checkClient } from '../../src/doctor/check.js';
import type { ClientSettings, RoleSettings } from '../../src/doctor/client-settings.js';

const settings = (kind: ClientSettings['kind'], producer: RoleSettings, worker: RoleSettings): ClientSettings => ({
  client: './src/redis.mjs',
  kind,
  roles: { producer, worker },
});
const rules = (s: ClientSettings) => checkClient(s).map((f) => `${f.rule} ${f.path} = ${f.observed}`);

describe('client rules', () => {
  it('passes a tuned sentinel client', () => {
    const tuned = settings(
      'sentinel',
      { options: { enableOfflineQueue: false, failoverDetector: true } },
      { options: { maxRetriesPerRequest: null, failoverDetector: true } },
    );
    expect(checkClient(tuned)).toEqual([]);
  });

  it('names a worker that gives up, a producer that queues offline, and no +switch-master following, reading ioredis defaults for what is left out', () => {
    expect(rules(settings('sentinel', { options: {} }, { options: {} }))).toEqual([
      'client-worker-retries ./src/redis.mjs: worker maxRetriesPerRequest = 20',
      'client-offline-queue ./src/redis.mjs: producer enableOfflineQueue = true',
      'client-follow-switch ./src/redis.mjs: producer failoverDetector = false',
      'client-follow-switch ./src/redis.mjs: worker failoverDetector = false',
    ]);
    const [worker] = checkClient(settings('sentinel', { options: {} }, { options: { maxRetriesPerRequest: 5 } }));
    expect(worker).toMatchObject({ source: 'client', severity: 'error', observed: '5', fix: "maxRetriesPerRequest: null on the worker's connection" });
  });

  it('takes a follower of its own for following, and on a cluster reads the Cluster options', () => {
    const follows = settings(
      'sentinel',
      { options: { enableOfflineQueue: false }, followsSwitch: true },
      { options: { maxRetriesPerRequest: null }, followsSwitch: true },
    );
    expect(checkClient(follows)).toEqual([]);
    const cluster = settings(
      'cluster',
      { options: {}, cluster: { enableOfflineQueue: false, maxRedirections: 2 } },
      { options: { maxRetriesPerRequest: null }, cluster: {} },
    );
    expect(rules(cluster)).toEqual(['client-cluster-redirections ./src/redis.mjs: producer maxRedirections = 2']);
  });
});

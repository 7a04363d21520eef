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

  it('names a connection of another kind than the topology: the mismatches that stick are errors, one node on sentinel a warning', () => {
    const cluster: RoleSettings = { options: {}, cluster: { maxRedirections: 16 } };
    const sentinel: RoleSettings = { options: { sentinels: [{ host: 'h', port: 1 }], name: 'm', maxRetriesPerRequest: null, failoverDetector: true } };
    const one: RoleSettings = { options: { host: 'h', port: 1, maxRetriesPerRequest: null, enableOfflineQueue: false } };
    const kind = (k: ClientSettings['kind'], s: RoleSettings) =>
      checkClient(settings(k, s, s))
        .filter((f) => f.rule === 'client-kind')
        .map((f) => `${f.severity} ${f.path} = ${f.observed}`);
    expect(kind('sentinel', cluster)).toEqual([
      'error ./src/redis.mjs: producer connection = an ioredis Cluster on a sentinel topology',
      'error ./src/redis.mjs: worker connection = an ioredis Cluster on a sentinel topology',
    ]);
    expect(kind('standalone', cluster)[0]).toMatch(/^error .* an ioredis Cluster on a standalone topology$/);
    expect(kind('cluster', one)[0]).toMatch(/^error .* a one-node connection \(host, port\) on a cluster topology$/);
    expect(kind('cluster', sentinel)[0]).toMatch(/^error .* a sentinel connection .* on a cluster topology$/);
    expect(kind('standalone', sentinel)[0]).toMatch(/^error .* a sentinel connection .* on a standalone topology$/);
    expect(kind('sentinel', one)[0]).toMatch(/^warning .* a one-node connection \(host, port\) on a sentinel topology$/);
    for (const [k, s] of [
      ['cluster', cluster],
      ['sentinel', sentinel],
      ['standalone', one],
    ] as const)
      expect(kind(k, s)).toEqual([]);
  });
});

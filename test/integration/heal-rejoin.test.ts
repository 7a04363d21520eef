/**
 * The kill fault's heal (failover-test's and redis-arc/testing's): a restarted Sentinel master
 * is a replica of the promoted one as soon as the heal returns, not when the sentinels get to it
 * (~8 s later). ROLE is read right after the heal: without the rejoin it still says master.
 * Ports: picked by the library within 10000-10199.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { inject } from '../../src/scenarios/faults/index.js';
import { sentinel, type TestTopology } from '../../src/testing/index.js';
import { retryUntil } from '../../src/wait/retry.js';

const ports = { from: 10000, to: 10199 };

/** SIGKILL the planned master as failover-test's kill fault does; `fault.heal()` restarts it. */
async function killMaster(topo: TestTopology<'sentinel'>) {
  const master = topo.nodes.find((n) => n.role === 'master')!;
  const fault = await inject('kill', {
    runtime: topo.started.runtime,
    target: { id: 'redis-1', address: master, role: 'master' },
    pauseMs: 0,
    password: topo.password,
    sentinel: { endpoint: topo.sentinels[0]!, masterName: topo.masterName!, password: topo.password },
  });
  return { master, fault };
}

describe('kill, then heal', () => {
  it('the restarted Sentinel master already replicates the promoted one when heal() returns', async () => {
    await using topo = await sentinel({ replicas: 1, sentinels: 3, downAfterMs: 1000, ports }).start();
    const { master, fault } = await killMaster(topo);
    const ask = (port: number, ...cmd: string[]) => {
      const c = new Redis({ port, password: topo.password, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
      return c
        .connect()
        .then(() => c.call(cmd[0]!, ...cmd.slice(1)))
        .finally(() => c.disconnect());
    };
    const named = () => ask(topo.sentinels[0]!.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', topo.masterName!) as Promise<[string, string]>;
    const promoted = await retryUntil(named, ([, port]) => Number(port) !== master.port, { timeoutMs: 30_000, intervalMs: 100 });
    expect(promoted.ok).toBe(true);
    await fault.heal();
    const role = (await ask(master.port, 'ROLE')) as unknown[];
    expect(role.slice(0, 3)).toEqual(['slave', '127.0.0.1', Number(promoted.ok && promoted.value[1])]);
  });

  it('a master restarted before any failover stays the master', async () => {
    await using topo = await sentinel({ replicas: 1, sentinels: 3, downAfterMs: 5000, ports }).start();
    const { master, fault } = await killMaster(topo);
    await fault.heal();
    const c = new Redis({ port: master.port, password: topo.password, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    await c.connect();
    try {
      expect(((await c.call('ROLE')) as unknown[])[0]).toBe('master');
    } finally {
      c.disconnect();
    }
  });
});

/**
 * The sentinel watcher (failover-test's and fail()'s timing of +odown / +switch-master) leaves no
 * subscriber behind on the sentinels: not after a run, and not when one sentinel cannot be
 * subscribed to (it failed the watch, and the others, already subscribed, stayed connected, with
 * a reconnect policy that kept them for ever). Checked with CLIENT LIST on the sentinels.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSentinels } from '../../src/scenarios/watch/watch-sentinel.js';
import { sentinel, type TestTopology } from '../../src/testing/index.js';

describe('the sentinel watcher closes its subscribers', () => {
  let topo: TestTopology<'sentinel'>;
  const named = () => topo.sentinels.map((ep, i) => ({ ep, name: `sentinel-${i + 1}` }));

  /** Clients subscribed to a pattern on each sentinel (the sentinels subscribe only on data nodes). */
  async function subscribers(): Promise<number> {
    let count = 0;
    for (const ep of topo.sentinels) {
      const c = new Redis({ ...ep, password: topo.password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await c.connect();
        const list = String(await c.call('CLIENT', 'LIST'));
        count += list.split('\n').filter((line) => /\bpsub=[1-9]/.test(line)).length;
      } finally {
        c.disconnect();
      }
    }
    return count;
  }

  beforeAll(async () => {
    topo = await sentinel({ replicas: 1, sentinels: 2 }).start();
  });
  afterAll(async () => {
    await topo?.stop();
  });

  it('stop() after a watch: no subscriber left', async () => {
    const watcher = await watchSentinels(named(), topo.password);
    expect(await subscribers()).toBe(2);
    await watcher.stop();
    await expect.poll(subscribers, { timeout: 2000, interval: 50 }).toBe(0);
  });

  it('one sentinel that cannot be reached: the watch fails within seconds and the subscribed ones are closed', async () => {
    const started = performance.now();
    const unreachable = { ep: { host: '127.0.0.1', port: 1 }, name: 'gone' };
    await expect(watchSentinels([...named(), unreachable], topo.password)).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5000);
    await expect.poll(subscribers, { timeout: 2000, interval: 50 }).toBe(0);
    // And nothing keeps retrying in the background: still none a moment later.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await subscribers()).toBe(0);
  });

  it('a wrong sentinel password: the watch fails, no subscriber left', async () => {
    await expect(watchSentinels(named(), 'wrong-password')).rejects.toThrow();
    await expect.poll(subscribers, { timeout: 2000, interval: 50 }).toBe(0);
  });

  it('after fail() and heal(): no subscriber left', async () => {
    await topo.fail('kill');
    await topo.heal();
    await expect.poll(subscribers, { timeout: 2000, interval: 50 }).toBe(0);
  });
});

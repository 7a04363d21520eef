/**
 * smoke removes its queue on every path: an exception mid-way (here a hook that throws after the
 * enqueue, before anything is consumed) and a Ctrl-C leave no `redis-arc-smoke-*` key behind.
 */
import type { Connection } from '../../src/connect/connect.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmoke } from '../../src/scenarios/smoke/index.js';
import { standalone, type TestTopology } from '../../src/testing/index.js';

describe('smoke leaves no queue behind', () => {
  let topo: TestTopology<'standalone'>;
  let redis: Connection;
  const smokeKeys = async () => (await redis.keys('*redis-arc-smoke-*')).length;

  beforeAll(async () => {
    topo = await standalone().start();
    redis = topo.connection('producer');
  });
  afterAll(async () => {
    await topo?.stop();
  });

  it('an exception after the enqueue: the error comes through and the queue is removed', async () => {
    let enqueued = 0;
    const started = performance.now();
    const run = runSmoke({
      target: topo.started.target,
      modes: ['direct'],
      jobs: 50,
      timeoutMs: 10_000,
      hooks: {
        afterEnqueue: async ({ ids }) => {
          enqueued = ids.length;
          expect(await smokeKeys()).toBeGreaterThan(0);
          throw new Error('the hook failed');
        },
      },
    });
    await expect(run).rejects.toThrow('the hook failed');
    expect(enqueued).toBe(50);
    expect(await smokeKeys()).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('an exception in the worker: every job fails, the run ends, and the queue is removed', async () => {
    const r = await runSmoke({
      target: topo.started.target,
      modes: ['direct'],
      jobs: 10,
      timeoutMs: 5000,
      hooks: {
        afterProcess: () => {
          throw new Error('processor failed');
        },
      },
    });
    expect(r.ok).toBe(false);
    expect(await smokeKeys()).toBe(0);
  });

  it('aborted while consuming (Ctrl-C): the queue is removed', async () => {
    const controller = new AbortController();
    await runSmoke({
      target: topo.started.target,
      modes: ['direct'],
      jobs: 200,
      timeoutMs: 10_000,
      signal: controller.signal,
      hooks: {
        afterProcess: async () => {
          controller.abort();
          await new Promise((r) => setTimeout(r, 20));
        },
      },
    }).catch(() => undefined);
    expect(await smokeKeys()).toBe(0);
  });
});

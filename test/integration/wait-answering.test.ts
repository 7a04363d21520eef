/**
 * waitUntilAnswering against a real redis-server that starts (through the local runtime) while
 * the wait polls: a redis-arc/testing standalone on a free port, killed, then restarted 300 ms
 * into the wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilAnswering } from '../../src/probe/wait.js';
import { standalone, type TestTopology } from '../../src/testing/index.js';
import { portsOf } from '../helpers/topology.js';

let topo: TestTopology<'standalone'> | undefined;
let PORT = 0;

beforeAll(async () => {
  topo = await standalone().start();
  [PORT] = portsOf(topo, 'redis-1');
  await topo.started.runtime.act('redis-1', 'kill');
});
afterAll(() => topo?.stop());

describe('waitUntilAnswering', () => {
  it('is true once a node that starts during the wait answers PING, and false for a wrong password', async () => {
    const t = topo ?? expect.fail('not started');
    const PASSWORD = t.password;
    let attempts = 0;
    const started = new Promise<void>((resolve, reject) => setTimeout(() => void t.started.runtime.act('redis-1', 'restart').then(resolve, reject), 300));
    const answered = await waitUntilAnswering({ host: '127.0.0.1', port: PORT }, PASSWORD, {
      timeoutMs: 10_000,
      intervalMs: 50,
      beforeAttempt: () => void attempts++,
    });
    await started;
    expect(answered).toBe(true);
    // Refused at first, so it asked more than once.
    expect(attempts).toBeGreaterThan(1);

    expect(await waitUntilAnswering({ host: '127.0.0.1', port: PORT }, 'not-the-password', { timeoutMs: 300, intervalMs: 50 })).toBe(false);
  });
});

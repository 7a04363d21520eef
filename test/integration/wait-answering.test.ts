/**
 * waitUntilAnswering against a real redis-server that starts (through the local runtime) while
 * the wait polls. Port 16000.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { waitUntilAnswering } from '../../src/probe/wait.js';
import { startTopology, stopAll, type TestTopology } from '../helpers/topology.js';

const PORT = 16000;
const PASSWORD = 'wait-answering-secret-7d21';
let topo: TestTopology | undefined;

afterAll(() => stopAll(topo));

describe('waitUntilAnswering', () => {
  it('is true once a node that starts during the wait answers PING, and false for a wrong password', async () => {
    let attempts = 0;
    const started = new Promise<void>((resolve, reject) =>
      setTimeout(() => void startTopology('standalone', { portBase: PORT, password: PASSWORD }).then((t) => ((topo = t), resolve()), reject), 300),
    );
    const answered = await waitUntilAnswering({ host: '127.0.0.1', port: PORT }, PASSWORD, { timeoutMs: 10_000, intervalMs: 50, beforeAttempt: () => void attempts++ });
    await started;
    expect(answered).toBe(true);
    // Refused at first, so it asked more than once.
    expect(attempts).toBeGreaterThan(1);

    expect(await waitUntilAnswering({ host: '127.0.0.1', port: PORT }, 'not-the-password', { timeoutMs: 300, intervalMs: 50 })).toBe(false);
  });
});

/**
 * The one PING-until-ready wait: it returns once a node answers, and otherwise ends with the
 * reason the node gave up, or at the timeout. Ports 14990 (nothing listens) and 14991.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { waitUntilAnswering } from '../../src/runtime/answering.js';

const CLOSED = { host: '127.0.0.1', port: 14990 };

describe('waitUntilAnswering', () => {
  it('returns once a node started just before answers', async () => {
    const redis = spawn('redis-server', ['--port', '14991', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      const r = await waitUntilAnswering({ host: '127.0.0.1', port: 14991 }, undefined, { timeoutMs: 10_000, intervalMs: 20 });
      expect(r).toEqual({ ok: true });
    } finally {
      redis.kill('SIGKILL');
    }
  });

  it('ends at the timeout, naming the address and the time waited', async () => {
    const r = await waitUntilAnswering(CLOSED, undefined, { timeoutMs: 300, intervalMs: 20 });
    expect(r).toEqual({ ok: false, reason: 'did not answer PING on 127.0.0.1:14990 within 300 ms' });
  });

  it('ends at once when the node gives up, with its reason', async () => {
    const asked: number[] = [];
    const t0 = performance.now();
    const r = await waitUntilAnswering(CLOSED, undefined, {
      timeoutMs: 10_000,
      intervalMs: 20,
      gaveUp: async (attempt) => (asked.push(attempt), attempt === 3 ? 'exited (1) right after starting' : undefined),
    });
    expect(r).toEqual({ ok: false, reason: 'exited (1) right after starting' });
    expect(asked).toEqual([1, 2, 3]);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

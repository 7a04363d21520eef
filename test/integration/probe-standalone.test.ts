/**
 * Standalone probes, probe clients and the wait loop against real redis-server processes started
 * by redis-arc/testing on free ports: OPEN without a password, LOCKED with one; 30050 never listens
 * (outside REDIS_ARC_TESTING_PORTS).
 */
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProbeClient, withClient } from '../../src/probe/client.js';
import { checkHealth } from '../../src/probe/health.js';
import { ProbeError } from '../../src/probe/probe-error.js';
import type { Target } from '../../src/redis/target.js';
import { NotHealthyError, waitUntilHealthy } from '../../src/probe/wait.js';
import { retryUntil, type Clock } from '../../src/wait/retry.js';
import { standalone, type TestTopology } from '../../src/testing/index.js';
import { portsOf, startAll, stopAll } from '../helpers/topology.js';

/** Their ports are set once the topologies have started. */
const OPEN = { host: '127.0.0.1', port: 0 };
const LOCKED = { host: '127.0.0.1', port: 0 };
const NOTHING = { host: '127.0.0.1', port: 30050 };

let topologies: TestTopology<'standalone'>[] = [];
let PASSWORD: string;

beforeAll(async () => {
  const [open, locked] = await startAll(standalone({ auth: false }), standalone());
  topologies = [open, locked];
  [OPEN.port] = portsOf(open, 'redis-1');
  [LOCKED.port] = portsOf(locked, 'redis-1');
  PASSWORD = locked.password!;
}, 60_000);

afterAll(() => stopAll(...topologies));

const probeError = (p: Promise<unknown>): Promise<ProbeError> =>
  p.then(
    () => expect.fail('expected a ProbeError'),
    (err: unknown) => {
      expect(err).toBeInstanceOf(ProbeError);
      return err as ProbeError;
    },
  );

describe('standalone health', () => {
  it('is healthy when the node answers, with its status row', async () => {
    const report = await checkHealth({ kind: 'standalone', node: OPEN, labels: { [`127.0.0.1:${OPEN.port}`]: 'redis-1' } });
    expect(report).toMatchObject({ kind: 'standalone', verdict: 'healthy', problems: [], master: OPEN });
    expect(report.nodes).toEqual([expect.objectContaining({ name: 'redis-1', address: OPEN, reachable: true, role: 'master', offset: 0 })]);
    expect(report.nodes[0]?.memoryHuman).toMatch(/^[\d.]+[KMG]?$/);
  });

  it('authenticates with the password', async () => {
    expect((await checkHealth({ kind: 'standalone', node: LOCKED, password: PASSWORD })).verdict).toBe('healthy');
  });

  it('is down, naming the address, when nothing listens', async () => {
    const report = await checkHealth({ kind: 'standalone', node: NOTHING });
    expect(report.verdict).toBe('down');
    expect(report.problems).toEqual(['127.0.0.1:30050: unreachable (connect ECONNREFUSED 127.0.0.1:30050)']);
    expect(report.nodes[0]).toMatchObject({ reachable: false, error: 'connect ECONNREFUSED 127.0.0.1:30050' });
  });
});

describe('probe client errors', () => {
  it('tells unreachable from auth failures, and never shows the password', async () => {
    expect((await probeError(openProbeClient(NOTHING))).reason).toBe('unreachable');

    const wrong = await probeError(openProbeClient(LOCKED, 'not-the-password-x1'));
    expect(wrong.reason).toBe('auth');
    expect(wrong.message).toMatch(
      new RegExp(
        String.raw`^127\.0\.0\.1:${LOCKED.port}: authentication failed \(WRONGPASS invalid username-password pair or user is disabled\.\); check the password`,
      ),
    );
    expect(JSON.stringify(wrong)).not.toContain('not-the-password-x1');

    const missing = await probeError(withClient(LOCKED, undefined, (c) => c.call('PING')));
    expect(missing).toMatchObject({
      reason: 'auth',
      message: expect.stringMatching(
        new RegExp(String.raw`^127\.0\.0\.1:${LOCKED.port}: authentication failed \(NOAUTH Authentication required\.\); check the password`),
      ),
    });

    const health = await probeError(checkHealth({ kind: 'standalone', node: LOCKED, password: 'not-the-password-x1' }));
    expect(health.reason).toBe('auth');
  });

  it('classifies a failed command as other and still disconnects', { timeout: 3000 }, async () => {
    let client: Redis | undefined;
    const err = await probeError(
      withClient(OPEN, undefined, async (c) => {
        client = c;
        return c.call('NO-SUCH-COMMAND');
      }),
    );
    expect(err.reason).toBe('other');
    if (client && client.status !== 'end') await once(client, 'end');
    expect(client?.status).toBe('end');
  });
});

describe('waiting', () => {
  const unreachable: Target = { kind: 'standalone', node: NOTHING };

  it('returns at once when already healthy', async () => {
    const waited: string[] = [];
    const report = await waitUntilHealthy({ kind: 'standalone', node: OPEN }, { timeoutMs: 2000, onWaiting: (w) => waited.push(w) });
    expect(report.verdict).toBe('healthy');
    expect(waited).toEqual([]);
  });

  it('reports what it waits for once, then times out naming the remaining problem', async () => {
    const waited: string[] = [];
    const err = await waitUntilHealthy(unreachable, { timeoutMs: 400, onWaiting: (w) => waited.push(w) }).catch((e: unknown) => e);
    expect(waited).toEqual(['127.0.0.1:30050: unreachable (connect ECONNREFUSED 127.0.0.1:30050)']);
    expect(err).toBeInstanceOf(NotHealthyError);
    expect((err as NotHealthyError).message).toBe(
      'standalone topology still down after 0.4 s:\n  127.0.0.1:30050: unreachable (connect ECONNREFUSED 127.0.0.1:30050)',
    );
  });

  it('retryUntil runs on an injected clock', async () => {
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
    let calls = 0;
    const met = await retryUntil(
      async () => ++calls,
      (n) => n >= 3,
      { timeoutMs: 1000, intervalMs: 100, clock },
    );
    expect(met).toEqual({ ok: true, value: 3, attempts: 3, elapsedMs: 200 });

    now = 0;
    const attempts: number[] = [];
    const missed = await retryUntil(
      async () => 'no',
      () => false,
      { timeoutMs: 1000, intervalMs: 300, clock, onAttempt: (_, n) => attempts.push(n) },
    );
    expect(missed).toEqual({ ok: false, last: 'no', attempts: 5, elapsedMs: 1000 });
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
  });
});

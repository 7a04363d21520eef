/**
 * Sentinel probes against real processes: 1 master + 2 replicas + 3 sentinels, all with
 * passwords (requirepass/masterauth, sentinel auth-pass/sentinel-pass), started by the local
 * runtime, through redis-arc/testing on free ports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/probe/health.js';
import { ProbeError } from '../../src/probe/probe-error.js';
import type { Target } from '../../src/redis/target.js';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { retryUntil } from '../../src/wait/retry.js';
import { sentinel, type TestTopology } from '../../src/testing/index.js';
import { portsOf } from '../helpers/topology.js';

/** The ports, once started: master redis-1, replicas redis-2 and redis-3, and the three sentinels. */
let [MASTER, REPLICA_2, REPLICA_3] = [0, 0, 0];
let SENTINELS: number[] = [];
const loopback = (port: number) => ({ host: '127.0.0.1', port });

let topo: TestTopology<'sentinel'> | undefined;
// The planned target: node names, the planned sentinels and the counts they should see.
let target: Target;
let PASSWORD: string;

beforeAll(async () => {
  topo = await sentinel({ downAfterMs: 1000 }).start();
  [MASTER, REPLICA_2, REPLICA_3] = portsOf(topo, 'redis-1', 'redis-2', 'redis-3');
  SENTINELS = portsOf(topo, 'sentinel-1', 'sentinel-2', 'sentinel-3');
  target = topo.started.target;
  PASSWORD = topo.password!;
}, 60_000);

afterAll(() => topo?.stop());

describe('sentinel probe', () => {
  it('targets the planned sentinels and expects the planned counts', () => {
    expect(target).toMatchObject({ kind: 'sentinel', sentinels: SENTINELS.map(loopback), masterName: 'mymaster', expect: { replicas: 2, sentinels: 3 } });
  });

  it('reports 1 master + 2 replicas + 3 sentinels as healthy', async () => {
    const waited: string[] = [];
    const report = await waitUntilHealthy(target, { timeoutMs: 15_000, onWaiting: (what) => waited.push(what) });

    expect(report.verdict).toBe('healthy');
    expect(report.problems).toEqual([]);
    expect(report.master).toEqual(loopback(MASTER));
    const [master, ...replicas] = report.nodes;
    expect(master).toMatchObject({ address: loopback(MASTER), reachable: true, role: 'master' });
    expect(master?.clients).toBeGreaterThan(0);
    expect(master?.memoryBytes).toBeGreaterThan(0);
    expect(replicas.map((r) => r.address).sort((a, b) => a.port - b.port)).toEqual([loopback(REPLICA_2), loopback(REPLICA_3)]);
    for (const r of replicas) {
      expect(r).toMatchObject({ role: 'replica', link: 'up', master: loopback(MASTER) });
      expect(r.lagBytes).toBeGreaterThanOrEqual(0);
    }
    expect(replicas.find((r) => r.address.port === REPLICA_3)?.name).toBe('redis-3');
    expect(report.sentinels.map((s) => s.name)).toEqual(['sentinel-1', 'sentinel-2', 'sentinel-3']);
    for (const s of report.sentinels) {
      expect(s).toMatchObject({ reachable: true, master: loopback(MASTER), usableReplicas: 2, otherSentinels: 2, quorum: 2 });
      expect(s.ckquorum?.ok).toBe(true);
    }
  });

  it('finds the other sentinels when given only one', async () => {
    if (target.kind !== 'sentinel') throw new Error('planned a sentinel topology');
    const report = await checkHealth({ ...target, sentinels: [loopback(SENTINELS[0]!)] });
    expect(report.verdict).toBe('healthy');
    expect(report.sentinels.map((s) => s.address).sort((a, b) => a.port - b.port)).toEqual(SENTINELS.map(loopback));
  });

  it('fails with a clear auth error on a wrong password, without echoing it', async () => {
    const wrong = 'not-the-password-93kd';
    for (const bad of [{ password: wrong }, { sentinelPassword: wrong }, { sentinelPassword: undefined }]) {
      const err = await checkHealth({ ...target, ...bad }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProbeError);
      expect((err as ProbeError).reason).toBe('auth');
      expect((err as ProbeError).message).toMatch(
        new RegExp(String.raw`^127\.0\.0\.1:(${[MASTER, REPLICA_2, REPLICA_3, ...SENTINELS].join('|')}): authentication failed \((WRONGPASS|NOAUTH)`),
      );
      expect((err as ProbeError).message).not.toContain(wrong);
      expect((err as ProbeError).message).not.toContain(PASSWORD);
    }
  });

  it('reports degraded, naming the replica, once a replica is killed', async () => {
    await topo!.started.runtime.act('redis-3', 'kill');
    const result = await retryUntil(
      () => checkHealth(target),
      (r) => r.verdict === 'degraded',
      { timeoutMs: 5000, intervalMs: 100 },
    );

    expect(result.ok).toBe(true);
    const report = result.ok ? result.value : result.last;
    expect(report.problems[0]).toMatch(new RegExp(String.raw`^redis-3 127\.0\.0\.1:${REPLICA_3}: unreachable`));
    expect(report.master).toEqual(loopback(MASTER));
    expect(report.nodes.find((n) => n.address.port === REPLICA_3)).toMatchObject({ reachable: false });
  });
});

/**
 * Sentinel probes against real processes: 1 master + 2 replicas + 3 sentinels, all with
 * passwords (requirepass/masterauth, sentinel auth-pass/sentinel-pass), started by the local
 * runtime. Ports 30100-30199.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/probe/health.js';
import { ProbeError } from '../../src/probe/probe-error.js';
import type { Target } from '../../src/redis/target.js';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { retryUntil } from '../../src/wait/retry.js';
import { startTopology, stopAll, type TestTopology } from '../helpers/topology.js';

const SENTINELS = [30110, 30111, 30112];
const loopback = (port: number) => ({ host: '127.0.0.1', port });

let topo: TestTopology | undefined;
// The planned target: node names, the planned sentinels and the counts they should see.
let target: Target;
let PASSWORD: string;

beforeAll(async () => {
  topo = await startTopology('sentinel', { portBase: 30100, sentinelPortBase: 30110, downAfterMs: 1000 });
  target = topo.target;
  PASSWORD = topo.credentials.password!;
}, 60_000);

afterAll(() => stopAll(topo));

describe('sentinel probe', () => {
  it('targets the planned sentinels and expects the planned counts', () => {
    expect(target).toMatchObject({ kind: 'sentinel', sentinels: SENTINELS.map(loopback), masterName: 'mymaster', expect: { replicas: 2, sentinels: 3 } });
  });

  it('reports 1 master + 2 replicas + 3 sentinels as healthy', async () => {
    const waited: string[] = [];
    const report = await waitUntilHealthy(target, { timeoutMs: 15_000, onWaiting: (what) => waited.push(what) });

    expect(report.verdict).toBe('healthy');
    expect(report.problems).toEqual([]);
    expect(report.master).toEqual(loopback(30100));
    const [master, ...replicas] = report.nodes;
    expect(master).toMatchObject({ address: loopback(30100), reachable: true, role: 'master' });
    expect(master?.clients).toBeGreaterThan(0);
    expect(master?.memoryBytes).toBeGreaterThan(0);
    expect(replicas.map((r) => r.address).sort((a, b) => a.port - b.port)).toEqual([loopback(30101), loopback(30102)]);
    for (const r of replicas) {
      expect(r).toMatchObject({ role: 'replica', link: 'up', master: loopback(30100) });
      expect(r.lagBytes).toBeGreaterThanOrEqual(0);
    }
    expect(replicas.find((r) => r.address.port === 30102)?.name).toBe('redis-3');
    expect(report.sentinels.map((s) => s.name)).toEqual(['sentinel-1', 'sentinel-2', 'sentinel-3']);
    for (const s of report.sentinels) {
      expect(s).toMatchObject({ reachable: true, master: loopback(30100), usableReplicas: 2, otherSentinels: 2, quorum: 2 });
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
      expect((err as ProbeError).message).toMatch(/^127\.0\.0\.1:301\d\d: authentication failed \((WRONGPASS|NOAUTH)/);
      expect((err as ProbeError).message).not.toContain(wrong);
      expect((err as ProbeError).message).not.toContain(PASSWORD);
    }
  });

  it('reports degraded, naming the replica, once a replica is killed', async () => {
    await topo!.runtime.act('redis-3', 'kill');
    const result = await retryUntil(() => checkHealth(target), (r) => r.verdict === 'degraded', { timeoutMs: 5000, intervalMs: 100 });

    expect(result.ok).toBe(true);
    const report = result.ok ? result.value : result.last;
    expect(report.problems[0]).toMatch(/^redis-3 127\.0\.0\.1:30102: unreachable/);
    expect(report.master).toEqual(loopback(30100));
    expect(report.nodes.find((n) => n.address.port === 30102)).toMatchObject({ reachable: false });
  });
});

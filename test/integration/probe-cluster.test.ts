/**
 * Cluster probes against real processes: 3 masters x 1 replica with passwords and a 1 s node
 * timeout. Ports 30200-30299: data 30200-30205, cluster bus 30220-30225 (`cluster-port`, so the
 * bus stays out of the kernel's ephemeral range, where the default data port + 10000 would land).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/probe/health.js';
import type { HealthReport } from '../../src/probe/health-report.js';
import type { ProbeTarget } from '../../src/probe/target.js';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { healthJson } from '../../src/report/status.js';
import { retryUntil } from '../../src/wait/retry.js';
import { formCluster } from '../helpers/cluster-formation.js';
import { RedisProcesses } from '../helpers/redis-processes.js';

const PASSWORD = 'probe-cluster-secret-51c0';
const MASTERS = [30200, 30201, 30202];
const REPLICAS = [30203, 30204, 30205];
const BUS_PORT_OFFSET = 20;
const loopback = (port: number) => ({ host: '127.0.0.1', port });

const target: ProbeTarget = {
  kind: 'cluster',
  seeds: [loopback(MASTERS[0]!)],
  password: PASSWORD,
  expect: { masters: 3, replicasPerMaster: 1 },
};

const redis = new RedisProcesses();

beforeAll(async () => {
  await Promise.all(
    [...MASTERS, ...REPLICAS].map((port) =>
      redis.startServer(port, [
        'cluster-enabled yes',
        'cluster-config-file nodes.conf',
        `cluster-port ${port + BUS_PORT_OFFSET}`,
        'cluster-node-timeout 1000',
        `requirepass ${PASSWORD}`,
        `masterauth ${PASSWORD}`,
        'repl-diskless-sync-delay 0',
      ]),
    ),
  );
  await formCluster(MASTERS, REPLICAS, { busPortOffset: BUS_PORT_OFFSET, password: PASSWORD });
}, 20_000);

afterAll(() => redis.stopAll());

describe('cluster probe', () => {
  it('reports a formed 3x1 cluster as healthy, discovering every node from one seed', async () => {
    const report = await waitUntilHealthy(target, { timeoutMs: 15_000 });

    expect(report.verdict).toBe('healthy');
    expect(report.cluster).toMatchObject({ state: 'ok', slotsAssigned: 16384, slotsOk: 16384, knownNodes: 6, size: 3 });
    expect(report.nodes).toHaveLength(6);
    const masters = report.nodes.filter((n) => n.role === 'master');
    expect(masters.map((m) => [m.address, m.slots, m.replicas])).toEqual([
      [loopback(30200), [[0, 5460]], [loopback(30203)]],
      [loopback(30201), [[5461, 10922]], [loopback(30204)]],
      [loopback(30202), [[10923, 16383]], [loopback(30205)]],
    ]);
    // status --json prints the same facts as text.
    const json = healthJson(report).nodes.filter((n) => n.role === 'master');
    expect(json.map((m) => [m.address, m.slots, m.replicas])).toEqual([
      ['127.0.0.1:30200', '0-5460', ['127.0.0.1:30203']],
      ['127.0.0.1:30201', '5461-10922', ['127.0.0.1:30204']],
      ['127.0.0.1:30202', '10923-16383', ['127.0.0.1:30205']],
    ]);
    for (const replica of report.nodes.filter((n) => n.role === 'replica')) {
      expect(replica).toMatchObject({ reachable: true, link: 'up' });
      expect(replica.clusterId).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('is never healthy after a master is SIGKILLed, and degraded once its replica took over', async () => {
    await redis.kill(MASTERS[0]!);
    const seen: HealthReport[] = [];
    const result = await retryUntil(
      () => checkHealth({ ...target, seeds: [...MASTERS, ...REPLICAS].map(loopback) }),
      // Settled: the replica took over and every node has heard (no node still reports the old map or fail).
      (r) =>
        r.verdict === 'degraded' &&
        r.nodes.some((n) => n.address.port === 30203 && n.role === 'master') &&
        !r.problems.some((p) => /cluster_state|slot map/.test(p)),
      { timeoutMs: 15_000, intervalMs: 100, onAttempt: (r) => seen.push(r) },
    );

    expect(seen.map((r) => r.verdict)).not.toContain('healthy');
    expect(seen.every((r) => r.problems.some((p) => p.startsWith('127.0.0.1:30200: unreachable')))).toBe(true);
    expect(result.ok).toBe(true);
    const report = result.ok ? result.value : result.last;
    expect(report.problems).toEqual([
      '127.0.0.1:30200: unreachable (connect ECONNREFUSED 127.0.0.1:30200)',
      '127.0.0.1:30200: flagged fail (reported by 5 nodes)',
      '127.0.0.1:30203: 0 of 1 replicas',
    ]);
    expect(report.nodes.find((n) => n.address.port === 30203)?.slots).toEqual([[0, 5460]]);
  });

  it('reports down when no seed answers', async () => {
    const report = await checkHealth({ ...target, seeds: [loopback(30250)] });
    expect(report.verdict).toBe('down');
    expect(report.problems).toEqual(['127.0.0.1:30250: unreachable (connect ECONNREFUSED 127.0.0.1:30250)', 'no cluster node answers']);
  });
});

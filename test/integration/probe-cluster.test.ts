/**
 * Cluster probes against real processes: 3 masters x 1 replica with a password and a 1 s node
 * timeout, started and formed by the local runtime. Ports 15200-15299: data 15200-15205, cluster
 * bus 25200-25205 (data port + 10000, below the kernel's ephemeral range).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/probe/health.js';
import type { HealthReport } from '../../src/probe/health-report.js';
import type { Target } from '../../src/redis/target.js';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { healthJson } from '../../src/report/status.js';
import { retryUntil } from '../../src/wait/retry.js';
import { startTopology, stopAll, type TestTopology } from '../helpers/topology.js';

const MASTERS = [15200, 15201, 15202];
const REPLICAS = [15203, 15204, 15205];
const loopback = (port: number) => ({ host: '127.0.0.1', port });

let topo: TestTopology | undefined;
// One seed only: the probe discovers the other nodes from it.
let target: Extract<Target, { kind: 'cluster' }>;

beforeAll(async () => {
  topo = await startTopology('cluster', { portBase: MASTERS[0], masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 1000 });
  target = { kind: 'cluster', seeds: [loopback(MASTERS[0]!)], password: topo.credentials.password, expect: { masters: 3, replicasPerMaster: 1 } };
}, 60_000);

afterAll(() => stopAll(topo));

describe('cluster probe', () => {
  it('reports a formed 3x1 cluster as healthy, discovering every node from one seed', async () => {
    const report = await waitUntilHealthy(target, { timeoutMs: 15_000 });

    expect(report.verdict).toBe('healthy');
    expect(report.cluster).toMatchObject({ state: 'ok', slotsAssigned: 16384, slotsOk: 16384, knownNodes: 6, size: 3 });
    expect(report.nodes).toHaveLength(6);
    const masters = report.nodes.filter((n) => n.role === 'master');
    expect(masters.map((m) => [m.address, m.slots, m.replicas])).toEqual([
      [loopback(15200), [[0, 5460]], [loopback(15203)]],
      [loopback(15201), [[5461, 10922]], [loopback(15204)]],
      [loopback(15202), [[10923, 16383]], [loopback(15205)]],
    ]);
    // status --json prints the same facts as text.
    const json = healthJson(report).nodes.filter((n) => n.role === 'master');
    expect(json.map((m) => [m.address, m.slots, m.replicas])).toEqual([
      ['127.0.0.1:15200', '0-5460', ['127.0.0.1:15203']],
      ['127.0.0.1:15201', '5461-10922', ['127.0.0.1:15204']],
      ['127.0.0.1:15202', '10923-16383', ['127.0.0.1:15205']],
    ]);
    for (const replica of report.nodes.filter((n) => n.role === 'replica')) {
      expect(replica).toMatchObject({ reachable: true, link: 'up' });
      expect(replica.clusterId).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('is never healthy after a master is SIGKILLed, and degraded once its replica took over', async () => {
    await topo!.runtime.act('node-1', 'kill');
    const seen: HealthReport[] = [];
    const result = await retryUntil(
      () => checkHealth({ ...target, seeds: [...MASTERS, ...REPLICAS].map(loopback) }),
      // Settled: the replica took over and every node has heard (no node still reports the old map or fail).
      (r) =>
        r.verdict === 'degraded' &&
        r.nodes.some((n) => n.address.port === 15203 && n.role === 'master') &&
        !r.problems.some((p) => /cluster_state|slot map/.test(p)),
      { timeoutMs: 15_000, intervalMs: 100, onAttempt: (r) => seen.push(r) },
    );

    expect(seen.map((r) => r.verdict)).not.toContain('healthy');
    expect(seen.every((r) => r.problems.some((p) => p.startsWith('127.0.0.1:15200: unreachable')))).toBe(true);
    expect(result.ok).toBe(true);
    const report = result.ok ? result.value : result.last;
    expect(report.problems).toEqual([
      '127.0.0.1:15200: unreachable (connect ECONNREFUSED 127.0.0.1:15200)',
      '127.0.0.1:15200: flagged fail (reported by 5 nodes)',
      '127.0.0.1:15203: 0 of 1 replicas',
    ]);
    expect(report.nodes.find((n) => n.address.port === 15203)?.slots).toEqual([[0, 5460]]);
  });

  it('reports down when no seed answers', async () => {
    const report = await checkHealth({ ...target, seeds: [loopback(15250)] });
    expect(report.verdict).toBe('down');
    expect(report.problems).toEqual(['127.0.0.1:15250: unreachable (connect ECONNREFUSED 127.0.0.1:15250)', 'no cluster node answers']);
  });
});

/**
 * Cluster probes against real processes: 3 masters x 1 replica with a password and a 1 s node
 * timeout, started and formed by redis-arc/testing on free ports. Port 15250 is one nothing
 * listens on (outside REDIS_ARC_TESTING_PORTS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/probe/health.js';
import type { HealthReport } from '../../src/probe/health-report.js';
import type { Target } from '../../src/redis/target.js';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { healthJson } from '../../src/report/status.js';
import { retryUntil } from '../../src/wait/retry.js';
import { cluster, type TestTopology } from '../../src/testing/index.js';
import { portsOf } from '../helpers/topology.js';

/** Data ports once started: masters node-1..3, then their replicas node-4..6 in the same order. */
let [M1, M2, M3, R1, R2, R3] = [0, 0, 0, 0, 0, 0];
const loopback = (port: number) => ({ host: '127.0.0.1', port });

let topo: TestTopology<'cluster'> | undefined;
// One seed only: the probe discovers the other nodes from it.
let target: Extract<Target, { kind: 'cluster' }>;

beforeAll(async () => {
  topo = await cluster({ masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 1000 }).start();
  [M1, M2, M3, R1, R2, R3] = portsOf(topo, 'node-1', 'node-2', 'node-3', 'node-4', 'node-5', 'node-6');
  target = { kind: 'cluster', seeds: [loopback(M1)], password: topo.password, expect: { masters: 3, replicasPerMaster: 1 } };
}, 60_000);

afterAll(() => topo?.stop());

describe('cluster probe', () => {
  it('reports a formed 3x1 cluster as healthy, discovering every node from one seed', async () => {
    const report = await waitUntilHealthy(target, { timeoutMs: 15_000 });

    expect(report.verdict).toBe('healthy');
    expect(report.cluster).toMatchObject({ state: 'ok', slotsAssigned: 16384, slotsOk: 16384, knownNodes: 6, size: 3 });
    expect(report.nodes).toHaveLength(6);
    const masters = report.nodes.filter((n) => n.role === 'master');
    expect(masters.map((m) => [m.address, m.slots, m.replicas])).toEqual([
      [loopback(M1), [[0, 5460]], [loopback(R1)]],
      [loopback(M2), [[5461, 10922]], [loopback(R2)]],
      [loopback(M3), [[10923, 16383]], [loopback(R3)]],
    ]);
    // status --json prints the same facts as text.
    const json = healthJson(report).nodes.filter((n) => n.role === 'master');
    expect(json.map((m) => [m.address, m.slots, m.replicas])).toEqual([
      [`127.0.0.1:${M1}`, '0-5460', [`127.0.0.1:${R1}`]],
      [`127.0.0.1:${M2}`, '5461-10922', [`127.0.0.1:${R2}`]],
      [`127.0.0.1:${M3}`, '10923-16383', [`127.0.0.1:${R3}`]],
    ]);
    for (const replica of report.nodes.filter((n) => n.role === 'replica')) {
      expect(replica).toMatchObject({ reachable: true, link: 'up' });
      expect(replica.clusterId).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('is never healthy after a master is SIGKILLed, and degraded once its replica took over', async () => {
    await topo!.started.runtime.act('node-1', 'kill');
    const seen: HealthReport[] = [];
    const result = await retryUntil(
      () => checkHealth({ ...target, seeds: [M1, M2, M3, R1, R2, R3].map(loopback) }),
      // Settled: the replica took over and every node has heard (no node still reports the old map or fail).
      (r) =>
        r.verdict === 'degraded' &&
        r.nodes.some((n) => n.address.port === R1 && n.role === 'master') &&
        !r.problems.some((p) => /cluster_state|slot map/.test(p)),
      { timeoutMs: 15_000, intervalMs: 100, onAttempt: (r) => seen.push(r) },
    );

    expect(seen.map((r) => r.verdict)).not.toContain('healthy');
    expect(seen.every((r) => r.problems.some((p) => p.startsWith(`127.0.0.1:${M1}: unreachable`)))).toBe(true);
    expect(result.ok).toBe(true);
    const report = result.ok ? result.value : result.last;
    expect(report.problems).toEqual([
      `127.0.0.1:${M1}: unreachable (connect ECONNREFUSED 127.0.0.1:${M1})`,
      `127.0.0.1:${M1}: flagged fail (reported by 5 nodes)`,
      `127.0.0.1:${R1}: 0 of 1 replicas`,
    ]);
    expect(report.nodes.find((n) => n.address.port === R1)?.slots).toEqual([[0, 5460]]);
  });

  it('reports down when no seed answers', async () => {
    const report = await checkHealth({ ...target, seeds: [loopback(15250)] });
    expect(report.verdict).toBe('down');
    expect(report.problems).toEqual(['127.0.0.1:15250: unreachable (connect ECONNREFUSED 127.0.0.1:15250)', 'no cluster node answers']);
  });
});

/**
 * Network faults really cut what they claim, and failover-test counts the split brain: acked
 * writes that went to the side cut off, and which of them were lost. Root and nft needed (CI runs
 * as root); redis-arc/testing's topologies with `addresses: 'per-node'`, on free ports.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProjectTables, nftUsable, removeTable } from '../../src/network/nft.js';
import { projectTable } from '../../src/network/table-name.js';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { injectNetwork } from '../../src/scenarios/faults/fault-network.js';
import { runFailoverTest } from '../../src/scenarios/failover/index.js';
import type { NodePlan } from '../../src/topology/types.js';
import { resolveWorkloads } from '../../src/scenarios/workloads/resolve.js';
import { failoverOptions } from '../helpers/failover-options.js';
import { cluster, sentinel, type TestTopology } from '../../src/testing/index.js';

const usable = await nftUsable();
const CI = process.env.CI === 'true';

describe.skipIf(!usable && !CI)('network faults on per-node loopback addresses (needs root and nft)', () => {
  let topo: TestTopology<'sentinel'>;
  let table: string;
  const clients: Redis[] = [];
  const node = (id: string): NodePlan => topo.started.runtime.topology.nodes.find((n) => n.id === id)!;
  const client = (n: NodePlan, opts: { timeoutMs?: number } = {}) => {
    const c = new Redis({
      host: n.host,
      port: n.port,
      password: topo.password,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: opts.timeoutMs ?? 10_000,
      commandTimeout: opts.timeoutMs,
    });
    c.on('error', () => {});
    clients.push(c);
    return c;
  };
  const role = async (n: NodePlan) => /role:(\w+)/.exec(await client(n).info('replication'))?.[1];
  async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await check().catch(() => undefined);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }
  const masterNow = async (): Promise<NodePlan> => {
    const [host, port] = (await client(node('sentinel-1')).call('SENTINEL', 'get-master-addr-by-name', 'mymaster')) as [string, string];
    return topo.started.runtime.topology.nodes.find((n) => n.host === host && n.port === Number(port))!;
  };

  beforeAll(async () => {
    expect(usable, 'CI runs as root with nft installed').toBe(true);
    topo = await sentinel({ addresses: 'per-node', downAfterMs: 1000 }).start();
    table = projectTable(topo.dir);
  });

  afterAll(async () => {
    if (table) await removeTable(table).catch(() => undefined);
    for (const c of clients) c.disconnect();
    await topo?.stop();
  });

  it('partition: the master loses its replicas and sentinels, a client on 127.0.0.1 still writes to it, and what it acknowledged alone is lost after the heal', async () => {
    const master = await masterNow();
    const writer = client(master);
    expect(Number(await writer.call('WAIT', '2', '2000')), 'replicated before the cut').toBe(2);
    const fault = await injectNetwork('partition', { runtime: topo.started.runtime, projectDir: topo.started.dir, targetId: master.id, faultMs: 60_000 });
    try {
      expect(await listProjectTables()).toContain(table);
      // The client still reaches it; no replica acknowledges its writes any more.
      await writer.set('redis-arc-split:probe', '1');
      expect(Number(await writer.call('WAIT', '1', '1000')), 'no replica reaches the master').toBe(0);
      // The sentinels cannot reach it either: they promote a replica.
      const promoted = await until('a promotion', async () => {
        const m = await masterNow();
        return m.id !== master.id && m;
      });
      // Split brain: the old master still acknowledges writes from 127.0.0.1.
      const acked: string[] = [];
      for (let i = 0; i < 50; i++) {
        await writer.set(`redis-arc-split:${i}`, 'x');
        acked.push(`redis-arc-split:${i}`);
      }
      expect(await role(master)).toBe('master');
      await fault.heal();
      expect(await listProjectTables()).not.toContain(table);
      // After the heal Sentinel demotes the old master; it resyncs from the new one, dropping what it alone acknowledged.
      await until('the old master demoted', async () => (await role(master)) === 'slave', 90_000);
      const survivors = await client(promoted).exists(...acked);
      expect(survivors, 'acknowledged writes on the cut-off side are gone').toBe(0);
      // And the nodes talk again: the new master's writes reach a replica.
      await until('replication again', async () => Number(await client(promoted).call('WAIT', '1', '500')) >= 1);
    } finally {
      await fault.heal();
    }
  });

  it('isolate: nobody reaches the node, clients included, while it keeps running; hang-clients: clients hang while the replicas still follow', async () => {
    await waitUntilHealthy(topo.started.target, { timeoutMs: 60_000 });
    const master = await masterNow();
    const replica = topo.started.runtime.topology.nodes.find((n) => n.role !== 'sentinel' && n.id !== master.id)!;
    const isolate = await injectNetwork('isolate', { runtime: topo.started.runtime, projectDir: topo.started.dir, targetId: replica.id, faultMs: 60_000 });
    try {
      await expect(client(replica, { timeoutMs: 1000 }).ping()).rejects.toThrow();
      expect(await client(master).ping()).toBe('PONG');
    } finally {
      await isolate.heal();
    }
    expect(await client(replica).ping()).toBe('PONG');

    const hang = await injectNetwork('hang-clients', { runtime: topo.started.runtime, projectDir: topo.started.dir, targetId: master.id, faultMs: 60_000 });
    try {
      await expect(client(master, { timeoutMs: 1000 }).ping()).rejects.toThrow();
      // The nodes still see each other: the replica's link to the master stays up.
      expect(await client(replica).ping()).toBe('PONG');
      expect(await until('replicas still linked', async () => /master_link_status:up/.test(await client(replica).info('replication')))).toBe(true);
    } finally {
      await hang.heal();
    }
    expect(await client(master).ping()).toBe('PONG');
    expect(await listProjectTables()).not.toContain(table);
  });

  it('failover-test --fault partition counts the acked adds that went to the side cut off, and the lost ones among them', async () => {
    await waitUntilHealthy(topo.started.target, { timeoutMs: 60_000 });
    const result = await runFailoverTest(
      failoverOptions(topo.started, {
        fault: 'partition',
        warmupMs: 1000,
        settleMs: 1000,
        pauseMs: 5000,
        maxRecoveryMs: 60_000,
        healTimeoutMs: 60_000,
        // A workload beside the plain load under a network fault: its delayed jobs are accounted the same way.
        workloads: await resolveWorkloads('delayed'),
      }),
    );
    const t = result.trials[0]!;
    const cut = t.adds.cutOff!;
    expect(cut.nodes).toEqual([t.target.id]);
    // The old master acknowledged adds while cut off (its clients on 127.0.0.1 reached it until they left it at +switch-master).
    expect(cut.acked).toBeGreaterThan(0);
    expect(cut.lost).toBeLessThanOrEqual(cut.acked);
    const delayed = t.workloads?.[0];
    expect(delayed?.workload).toBe('delayed');
    expect(delayed?.figures.acked).toBeGreaterThan(0);
    expect(delayed?.problems.filter((p) => p.kind === 'stuck')).toEqual([]);
    const byNode = t.adds.byNode!;
    expect(byNode.map((n) => n.node)).toContain(t.target.id);
    expect(
      byNode.some((n) => n.node !== t.target.id && n.node !== 'unknown' && n.acked > 0),
      'acks went to the new master after the promotion',
    ).toBe(true);
    expect(byNode.reduce((s, n) => s + n.acked, 0)).toBe(t.adds.acked);
    expect(byNode.reduce((s, n) => s + n.lost, 0)).toBe(t.adds.lost);
    expect(t.notes.join('\n')).toMatch(
      new RegExp(`${cut.acked} add\\(s\\) acknowledged by the side cut off \\(${t.target.id}\\) during the partition; ${cut.lost} of them lost`),
    );
    const heal = t.events.find((e) => e.type === 'heal')!;
    expect(t.events.find((e) => e.type === 'fault')!.detail).toMatch(/partition redis-\d \| /);
    expect(heal.atMs).toBeGreaterThanOrEqual(5000);
    expect(
      t.events.some((e) => e.type === '+switch-master' && e.atMs < heal.atMs),
      'promoted while cut off',
    ).toBe(true);
    expect(await listProjectTables()).not.toContain(table);
  });
});

describe.skipIf(!usable && !CI)('a partitioned cluster master (needs root and nft)', () => {
  let topo: TestTopology<'cluster'>;

  beforeAll(async () => {
    topo = await cluster({ addresses: 'per-node', nodeTimeoutMs: 2000 }).start();
  });

  afterAll(async () => {
    if (topo) await removeTable(projectTable(topo.dir)).catch(() => undefined);
    await topo?.stop();
  });

  it('keeps acknowledging writes until its replica is promoted; the report counts them', async () => {
    const result = await runFailoverTest(
      failoverOptions(topo.started, { fault: 'partition', warmupMs: 1000, settleMs: 1000, pauseMs: 6000, maxRecoveryMs: 60_000, healTimeoutMs: 60_000 }),
    );
    const t = result.trials[0]!;
    expect(t.target.role).toBe('master');
    expect(
      t.events.some((e) => e.type === 'node-fail'),
      'its peers flagged it failed: the bus was cut',
    ).toBe(true);
    expect(t.events.some((e) => e.type === 'promoted')).toBe(true);
    expect(t.adds.cutOff).toMatchObject({ nodes: [t.target.id], acked: expect.any(Number) });
    expect(t.adds.cutOff!.acked).toBeGreaterThan(0);
    expect(t.adds.byNode!.reduce((s, n) => s + n.acked, 0)).toBe(t.adds.acked);
    expect(await listProjectTables()).not.toContain(projectTable(topo.dir));
  });
});

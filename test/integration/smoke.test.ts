/**
 * `smoke` on real standalone, sentinel and cluster topologies, each mode; and proof that the
 * check fails when it should. Topologies from redis-arc/testing, on free ports.
 */
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { closeConnection, connect, whenReady } from '../../src/connect/connect.js';
import { WORKLOADS } from '../../src/scenarios/workloads/names.js';
import { resolveWorkloads } from '../../src/scenarios/workloads/resolve.js';
import { MODES, type Mode } from '../../src/events/producer.js';
import { runSmoke, type SmokeHooks } from '../../src/scenarios/smoke/index.js';
import { cli } from '../helpers/cli.js';
import { cluster, sentinel, standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';

const topologies = topologiesForFile({
  standalone: standalone(),
  sentinel: sentinel({ downAfterMs: 1000 }),
  cluster: cluster({ nodeTimeoutMs: 1000 }),
});

/** One smoke run of one mode on one of this file's topologies; `r` is that mode's result. */
async function smokeOnce(kind: keyof typeof topologies, mode: Mode, jobs: number, hooks?: SmokeHooks) {
  const result = await runSmoke({ target: topologies[kind].started.target, modes: [mode], jobs, timeoutMs: 30_000, hooks });
  return { result, r: result.results[0]! };
}

describe.each(['standalone', 'sentinel', 'cluster'] as const)('smoke on %s', (kind) => {
  it.each(MODES)('%s: every job processed exactly once, nothing left behind', async (mode) => {
    const { r } = await smokeOnce(kind, mode, 60);
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, enqueued: 60, acked: 60, processed: 60, duplicates: [], missing: [], keysLeft: 0 });
    expect(r.prefix).toBe(kind === 'cluster' ? '{bull}' : 'bull');
    if (mode === 'bus') expect(r.busDropped).toBe(0);
  });
});

describe('smoke --workload: the control, no fault', () => {
  it.each(['sentinel', 'cluster'] as const)(
    '%s: every built-in workload holds every invariant, and leaves no key behind',
    async (kind) => {
      const workloads = await resolveWorkloads(WORKLOADS.join(','));
      const result = await runSmoke({ target: topologies[kind].started.target, modes: ['direct'], jobs: 20, timeoutMs: 30_000, workloads });
      expect(result.workloads?.map((w) => w.workload)).toEqual(WORKLOADS.filter((w) => w !== 'jobs'));
      expect(result.workloads?.flatMap((w) => w.problems)).toEqual([]);
      expect(result.ok).toBe(true);
      const conn = connect(topologies[kind].started.target, 'producer');
      try {
        await whenReady(conn);
        const prefix = kind === 'cluster' ? '{bull}' : 'bull';
        const nodes = 'nodes' in conn && conn.isCluster ? conn.nodes('master') : [conn];
        const left = (await Promise.all(nodes.map((n) => n.keys(`${prefix}:redis-arc-smoke-*`)))).flat();
        expect(left).toEqual([]);
      } finally {
        await closeConnection(conn);
      }
    },
    90_000,
  );
});

describe('smoke fails when it should', () => {
  it('reports a job removed behind its back as missing', async () => {
    let removed = '';
    const { result, r } = await smokeOnce('sentinel', 'direct', 20, {
      async afterEnqueue({ queueName, prefix, connection, ids }) {
        removed = ids[7]!;
        const q = new Queue(queueName, { connection, prefix });
        expect(await q.remove(removed)).toBe(1);
        await q.close();
      },
    });
    expect(result.ok).toBe(false);
    expect(r.missing).toEqual([removed]);
    expect(r.processed).toBe(19);
    expect(r.problems.join('\n')).toContain(`1 job(s) never processed: ${removed}`);
  });

  it('reports a job whose processor ran to completion twice as a duplicate', async () => {
    let target = '';
    const { result, r } = await smokeOnce('standalone', 'manager', 10, {
      afterProcess(job) {
        // The side effect is done, then the ack fails: BullMQ retries and the processor runs again.
        if (!target) target = String(job.id);
        if (String(job.id) === target && job.attemptsMade === 0) throw new Error('lost the ack');
      },
    });
    expect(result.ok).toBe(false);
    expect(r.duplicates).toEqual([target]);
    expect(r.missing).toEqual([]);
  });

  it('refuses a cluster queue without a hash tag, naming CROSSSLOT, and BullMQ really would fail', async () => {
    await expect(runSmoke({ target: topologies.cluster.started.target, modes: ['direct'], jobs: 1, timeoutMs: 5000, prefix: 'bull' })).rejects.toThrow(
      /cannot run on a Redis Cluster: .*CROSSSLOT; use a hash-tagged prefix such as '\{bull\}'/,
    );
    const conn = connect(topologies.cluster.started.target, 'producer');
    const raw = new Queue('untagged', { connection: conn, prefix: 'bull' });
    raw.on('error', () => {});
    try {
      await expect(raw.add('x', {})).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await raw.close();
      await closeConnection(conn);
    }
  });
});

describe('redis-arc smoke (CLI)', () => {
  it('passes all modes on the sentinel topology and prints the same facts as JSON', async () => {
    const spec = topologies.sentinel.started.project.specFile;
    const r = await cli(['smoke', '--spec', spec, '--jobs', '30', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.results.map((m: { mode: string; processed: number }) => [m.mode, m.processed])).toEqual([
      ['direct', 30],
      ['bus', 30],
      ['manager', 30],
    ]);
    expect(r.stdout).not.toContain(topologies.sentinel.password);
  });

  it('exits 1 with the reason on a cluster queue without a hash tag', async () => {
    const r = await cli(['smoke', '--spec', topologies.cluster.started.project.specFile, '--mode', 'direct', '--prefix', 'bull']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('CROSSSLOT');
  });
});

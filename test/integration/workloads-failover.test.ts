/**
 * Workloads across real failovers: a kill of the Sentinel master with every built-in workload on
 * two profiles, a cluster through redis-arc/testing's runWorkloads, and a trial's workload that
 * stopped (its scheduler deleted mid-trial) failing the run. Topologies from redis-arc/testing.
 */
import { describe, expect, it } from 'vitest';
import { closeConnection, connect, whenReady } from '../../src/connect/connect.js';
import { builtinProfile, ownProfile } from '../../src/profiles/builtin.js';
import { ownLibs } from '../../src/profiles/libs.js';
import { runFailoverTest } from '../../src/scenarios/failover/index.js';
import { resolveWorkloads } from '../../src/scenarios/workloads/resolve.js';
import { WORKLOADS } from '../../src/scenarios/workloads/names.js';
import { cluster, runWorkloads, sentinel } from '../../src/testing/index.js';
import { failoverOptions } from '../helpers/failover-options.js';
import { topologiesForFile } from '../helpers/topology.js';

const topo = topologiesForFile({
  sentinel: sentinel({ downAfterMs: 1000 }),
  cluster: cluster({ nodeTimeoutMs: 1000 }),
});

const BUILT_IN = WORKLOADS.filter((w) => w !== 'jobs');

/**
 * The problems that say the workload measured nothing or could not read its result. A kill may
 * legitimately stop a scheduler (its next job written to the master killed before it replicated)
 * or leave a long job unfinished: those are findings, not test failures.
 */
const unmeasured = (problems: { line: string }[]) => problems.map((p) => p.line).filter((l) => /nothing was measured|could not read|was not measured/.test(l));

describe('failover-test --workload', () => {
  it('runs every built-in workload beside the plain load on each profile, and reports each per trial and per profile', async () => {
    const workloads = await resolveWorkloads(BUILT_IN.join(','));
    const result = await runFailoverTest(
      failoverOptions(topo.sentinel.started, {
        workloads,
        workloadSettings: { longMs: 1000 },
        profiles: [builtinProfile('defaults', ownLibs()), ownProfile()],
      }),
    );
    expect(result.trials).toHaveLength(2);
    for (const t of result.trials) {
      expect(t.workloads?.map((w) => w.workload)).toEqual(BUILT_IN);
      for (const w of t.workloads ?? []) {
        // Something was measured by every workload: a workload that acknowledged nothing is a stuck problem.
        expect(unmeasured(w.problems), `${t.client?.profile} ${w.workload}`).toEqual([]);
        for (const p of w.problems) expect(p.line.startsWith(`${w.workload}: `)).toBe(true);
      }
      expect(t.adds.gone).toBeGreaterThanOrEqual(t.adds.lost);
    }
    expect(result.workloads?.map((s) => `${s.workload} ${s.profile}`)).toEqual([
      ...BUILT_IN.map((w) => `${w} defaults`),
      ...BUILT_IN.map((w) => `${w} redis-arc`),
    ]);
    // Every queue of every workload was deleted.
    const conn = connect(topo.sentinel.started.target, 'producer');
    try {
      await whenReady(conn);
      expect(await conn.keys('bull:redis-arc-failover-*')).toEqual([]);
    } finally {
      await closeConnection(conn);
    }
  }, 240_000);

  it('fails the run when a workload stopped: a scheduler deleted behind its back mid-trial', async () => {
    const workloads = await resolveWorkloads('scheduler');
    const conn = connect(topo.sentinel.started.target, 'producer');
    try {
      const result = await runFailoverTest(
        failoverOptions(topo.sentinel.started, {
          workloads,
          onProgress: (m) => {
            // During the warm-up (replicated before the kill), the scheduler's queue loses its schedulers behind the tool's back.
            if (!m.includes('warming up')) return;
            setTimeout(() => void conn.keys('bull:redis-arc-failover-*scheduler*:repeat*').then((keys) => Promise.all(keys.map((k) => conn.del(k)))), 400);
          },
        }),
      );
      const report = result.trials[0]?.workloads?.[0];
      expect(report?.figures.every_exists_after).toBe(0);
      expect(report?.problems.some((p) => p.kind === 'stuck')).toBe(true);
      expect(result.breaches.some((b) => b.startsWith('trial 1: scheduler: '))).toBe(true);
    } finally {
      await closeConnection(conn);
    }
  }, 120_000);
});

describe('failover-test --workload on a cluster', () => {
  it('runs flows and schedulers in the trial prefix’s hash tag, across the kill of that slot’s master', async () => {
    const workloads = await resolveWorkloads('scheduler,flow');
    const result = await runFailoverTest(failoverOptions(topo.cluster.started, { workloads }));
    const [t] = result.trials;
    expect(t?.workloads?.map((w) => w.workload)).toEqual(['scheduler', 'flow']);
    // BullMQ's scripts would fail with CROSSSLOT outside one slot: the check itself would then be a stuck problem.
    for (const w of t?.workloads ?? []) expect(unmeasured(w.problems)).toEqual([]);
    expect(t?.workloads?.[1]?.figures.parents_acked).toBeGreaterThan(0);
  }, 120_000);
});

describe('redis-arc/testing runWorkloads', () => {
  it('runs workloads on a cluster (one hash tag) across a kill and heal, and reports them', async () => {
    const t = topo.cluster;
    await using run = await runWorkloads(t, ['delayed', 'flow'], { prefix: '{wl}' });
    await new Promise((r) => setTimeout(r, 1500));
    await t.fail('kill', { prefix: '{wl}' });
    await t.heal();
    const reports = await run.finish();
    expect(reports.map((r) => r.workload)).toEqual(['delayed', 'flow']);
    for (const r of reports) expect(unmeasured(r.problems)).toEqual([]);
    expect(reports[0]?.figures.acked).toBeGreaterThan(0);
  }, 120_000);
});

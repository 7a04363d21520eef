/**
 * The scheduler workload on a real standalone Redis: with nothing done to it every invariant holds
 * (the control); a scheduler removed behind its back is reported as gone; a scheduler whose next
 * job vanished (as a write lost in a failover would) silently stops, and is reported as stopped;
 * across a Sentinel failover it measures the firings after the fault and the promotion, and reads
 * the schedulers on the promoted master.
 */
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import { scheduler, SCHEDULER_LATE_MS } from '../../src/scenarios/workloads/scheduler.js';
import type { WorkloadReport } from '../../src/scenarios/workloads/types.js';
import { sentinel, standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';

const topologies = topologiesForFile({ standalone: standalone(), sentinel: sentinel({ replicas: 2, sentinels: 3, downAfterMs: 1000 }) });

/** Run the workload for `runMs`, doing `meanwhile` halfway through (behind its back), then stop, settle and check. */
async function run(queuePrefix: string, runMs: number, meanwhile?: (queueName: string) => Promise<void>): Promise<WorkloadReport> {
  const target = topologies.standalone.started.target;
  const group = await startWorkloads([scheduler], { target, prefix: 'bull', profile: ownProfile(), queuePrefix, settings: { longMs: 2000 } });
  try {
    await sleep(runMs / 2);
    await meanwhile?.(`${queuePrefix}-scheduler-scheduler`);
    await sleep(runMs / 2);
    await group.stopAdding();
    await group.settle(4000);
    const [report] = await group.check({});
    return report!;
  } finally {
    await group.close();
  }
}

const lines = (r: WorkloadReport) => r.problems.map((p) => p.line);

describe('scheduler workload', () => {
  it('holds every invariant when nothing happens', async () => {
    const report = await run('wl-ctl', 3000);
    console.log('scheduler control figures', report.figures);
    expect(report.problems).toEqual([]);
    const f = report.figures;
    expect(f.every_expected).toBeGreaterThanOrEqual(10);
    expect(f.every_fired).toBe(f.every_expected);
    expect(f.cron_fired).toBe(f.cron_expected);
    expect(f.cron_expected).toBeGreaterThanOrEqual(2);
    expect(f.every_missed).toBe(0);
    expect(f.every_fired_twice).toBe(0);
    expect(f.every_exists_after).toBe(1);
    expect(f.cron_exists_after).toBe(1);
    expect(f.every_longest_gap_ms).toBeLessThanOrEqual(250 + SCHEDULER_LATE_MS);
    // No fault ran: the figures measured against its moments were never observed.
    expect(f.every_ticks_after_fault).toBeNull();
    expect(f.every_first_after_promotion_ms).toBeNull();
  }, 30_000);

  it('reports a scheduler removed behind its back as gone from the final master', async () => {
    const report = await run('wl-gone', 3000, async (name) => {
      const conn = connect(topologies.standalone.started.target, 'producer');
      const queue = new Queue(name, { connection: conn, prefix: 'bull' });
      try {
        expect(await queue.removeJobScheduler('every-250ms')).toBe(true);
      } finally {
        await queue.close();
        await closeConnection(conn);
      }
    });
    expect(report.figures.every_exists_after).toBe(0);
    expect(report.figures.cron_exists_after).toBe(1);
    expect(lines(report)).toContain('scheduler: scheduler every-250ms is gone from the final master');
    expect(report.problems.find((p) => p.kind === 'stuck')?.line).toContain('every-250ms');
    // The slots after the removal never fired: the window ran 1.5 s further.
    expect(report.figures.every_missed).toBeGreaterThanOrEqual(4);
    expect(report.problems.filter((p) => p.line.includes('cron-1s'))).toEqual([]);
  }, 30_000);

  it('reports a scheduler whose next job vanished as stopped, its slots missed', async () => {
    const conn = connect(topologies.standalone.started.target, 'producer');
    try {
      const report = await run('wl-cut', 3000, async (name) => {
        // BullMQ refuses to remove a scheduler's job (`job.remove`): delete it as a lost write would, from the
        // delayed set and its hash. Its scheduler only makes the next job when this one starts, so the chain ends.
        for (let tries = 0; tries < 20; tries++) {
          const [next] = await conn.zrange(`bull:${name}:delayed`, '0', '-1').then((ids) => ids.filter((id) => id.startsWith('repeat:every-250ms:')));
          if (next && (await conn.zrem(`bull:${name}:delayed`, next)) === 1) return void (await conn.del(`bull:${name}:${next}`));
          await sleep(20);
        }
        throw new Error('never caught the next job of every-250ms in the delayed set');
      });
      expect(report.figures.every_exists_after).toBe(1);
      expect(lines(report)).toContain('scheduler: scheduler every-250ms stopped firing (no slot after adding stopped ran)');
      expect(report.figures.every_missed).toBeGreaterThanOrEqual(4);
      expect(lines(report).some((l) => /^scheduler: \d+ slots of scheduler every-250ms never fired$/.test(l))).toBe(true);
    } finally {
      await closeConnection(conn);
    }
  }, 30_000);

  it('across a sentinel master killed: measures from the fault and the promotion and reads the schedulers on the new master', async () => {
    const topo = topologies.sentinel;
    const group = await startWorkloads([scheduler], {
      target: topo.started.target,
      prefix: 'bull',
      profile: ownProfile(),
      queuePrefix: 'wl-kill',
      settings: { longMs: 2000 },
    });
    try {
      await sleep(2000);
      const t0EpochMs = Date.now();
      const trial = await topo.fail('kill');
      const promotedEpochMs = t0EpochMs + (trial.promoteMs ?? expect.fail('a kill of the master promotes a replica'));
      await topo.heal();
      const healedEpochMs = Date.now();
      await group.stopAdding();
      await group.settle(8000);
      const [report] = await group.check({ t0EpochMs, promotedEpochMs, healedEpochMs });
      const f = report!.figures;
      // Measured against the moments: observed (a number, 0 included) whenever a fault ran.
      expect(f.every_ticks_after_fault).toEqual(expect.any(Number));
      expect(f.cron_ticks_after_fault).toEqual(expect.any(Number));
      expect([0, 1]).toContain(f.every_exists_after);
      // A gap is judged late only where no fault ran; the slots the fault skipped are the late problems it has.
      expect(report!.problems.filter((p) => p.kind === 'late' && !p.line.includes('never fired'))).toEqual([]);
      // A scheduler still running on the new master fired after the promotion; one that did not is named as stuck.
      if (f.every_first_after_promotion_ms === null) expect(lines(report!).some((l) => l.includes('every-250ms') && /gone|stopped/.test(l))).toBe(true);
      else expect(f.every_first_after_promotion_ms).toBeGreaterThanOrEqual(0);
    } finally {
      await group.close();
    }
  }, 90_000);
});

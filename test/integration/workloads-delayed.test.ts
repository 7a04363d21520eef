/**
 * The delayed workload on a real standalone Redis: with nothing done to it every invariant holds
 * (the control); a delayed job removed behind its back is reported as never run.
 */
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { delayed } from '../../src/scenarios/workloads/delayed.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import { standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone() });

describe('delayed workload', () => {
  it('holds every invariant when nothing happens', async () => {
    const target = topologies.standalone.started.target;
    const group = await startWorkloads([delayed], { target, prefix: 'bull', profile: ownProfile(), queuePrefix: 'wl-ctl', settings: { longMs: 2000 } });
    try {
      const [report] = await runAndCheck(group, { runMs: 1500, settleMs: 10_000 });
      expect(report!.problems).toEqual([]);
      expect(report!.figures.acked).toBeGreaterThan(15);
      expect(report!.figures.ran).toBe(report!.figures.acked);
      expect(report!.figures.late_max_ms).toBeLessThan(1000);
    } finally {
      await group.close();
    }
  }, 30_000);

  it('reports a delayed job removed behind its back as never run', async () => {
    const target = topologies.standalone.started.target;
    const group = await startWorkloads([delayed], { target, prefix: 'bull', profile: ownProfile(), queuePrefix: 'wl-sab', settings: { longMs: 2000 } });
    const conn = connect(target, 'producer');
    const queue = new Queue('wl-sab-delayed-delayed', { connection: conn, prefix: 'bull' });
    try {
      await sleep(1000);
      const [victim] = await queue.getDelayed(0, 0);
      expect(victim).toBeDefined();
      await victim!.remove();
      await group.stopAdding();
      await group.settle(8000);
      const [report] = await group.check({});
      expect(report!.figures.never_ran).toBe(1);
      expect(report!.problems.map((p) => p.line)).toContain('delayed: 1 acknowledged delayed jobs never ran');
      expect(report!.problems[0]!.examples).toEqual([victim!.id]);
    } finally {
      await queue.close();
      await closeConnection(conn);
      await group.close();
    }
  }, 30_000);
});

/**
 * The priority workload on a real standalone Redis: with nothing done to it no job is taken
 * while a higher-priority one waits, and the order was exercised (the control); a waiting
 * low-priority job moved to the front of BullMQ's prioritized set behind its back is reported as
 * a priority inversion.
 */
import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import { priority } from '../../src/scenarios/workloads/priority.js';
import { standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone() });

async function started(queuePrefix: string) {
  const target = topologies.standalone.started.target;
  return startWorkloads([priority], { target, prefix: 'bull', profile: ownProfile(), queuePrefix, settings: { longMs: 2000 } });
}

describe('priority workload', () => {
  it('holds every invariant when nothing happens, with the order exercised', async () => {
    const group = await started('wp-ctl');
    try {
      const [report] = await runAndCheck(group, { runMs: 1500, settleMs: 10_000 });
      expect(report!.problems).toEqual([]);
      expect(report!.notes).toEqual([]);
      expect(report!.figures.acked).toBeGreaterThan(30);
      expect(report!.figures).toMatchObject({ ran: report!.figures.acked, never_ran: 0, ran_twice: 0, inversions: 0 });
      // The tick's second and third jobs each wait behind the one taken first.
      // Under load (other files running beside this one) fewer takes overlap: some must, for the order to be tested at all.
      expect(report!.figures.contended).toBeGreaterThanOrEqual(5);
    } finally {
      await group.close();
    }
  }, 30_000);

  it('reports a low-priority job moved to the front behind its back as an inversion', async () => {
    const group = await started('wp-sab');
    const conn = connect(topologies.standalone.started.target, 'producer');
    const queue = new Queue('wp-sab-priority-priority', { connection: conn, prefix: 'bull' });
    try {
      await sleep(500);
      let victim: string | undefined;
      while (!victim) {
        const waiting = await queue.getPrioritized();
        const low = waiting.find((j) => j.opts.priority === 3 && waiting.some((h) => h.opts.priority === 2 && h.data.tick === j.data.tick));
        if (low && (await conn.zadd('bull:wp-sab-priority-priority:prioritized', 'XX', 0, low.id!)) === 0) victim = low.id;
        else await sleep(2);
      }
      await group.stopAdding();
      await group.settle(10_000);
      const [report] = await group.check({});
      expect(report!.figures).toMatchObject({ inversions: 1, never_ran: 0, ran: report!.figures.acked });
      expect(report!.problems).toEqual([
        { kind: 'late', count: 1, line: 'priority: 1 jobs were taken while a higher-priority job waited (priority inversions)', examples: [victim] },
      ]);
    } finally {
      await queue.close();
      await closeConnection(conn);
      await group.close();
    }
  }, 30_000);
});
